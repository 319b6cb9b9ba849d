/**
 * A small evaluator of GitHub Actions expressions, enough for a workflow's `run-name`:
 * `${{ ... }}` with `inputs.<name>` / `github.event.inputs.<name>`, string and number literals,
 * `==`, `!=`, `&&`, `||`, `!`, parentheses and `format('{0} {1}', a, b)`. Semantics as GitHub
 * documents them: `&&`/`||` return an operand (not a boolean), empty string is falsy, `==` on
 * strings is case-insensitive. Anything else throws, so an unsupported workflow fails loudly.
 */

type Value = string | number | boolean | null;

/** Renders every `${{ expr }}` in `text` with `inputs`. */
export function renderExpressions(text: string, inputs: Record<string, string>): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expr: string) => toText(evaluate(expr, inputs)));
}

function toText(v: Value): string {
  if (v === null) return "";
  return String(v);
}

function truthy(v: Value): boolean {
  return !(v === null || v === false || v === 0 || v === "");
}

/** Evaluates one expression (the part between `${{` and `}}`). */
export function evaluate(expr: string, inputs: Record<string, string>): Value {
  const tokens = tokenize(expr);
  let at = 0;
  const peek = () => tokens[at];
  const take = (want?: string) => {
    const t = tokens[at++];
    if (t === undefined || (want !== undefined && t !== want)) throw new Error(`stand-in expressions: expected ${want ?? "a token"} in ${expr}`);
    return t;
  };
  const or = (): Value => {
    let left = and();
    while (peek() === "||") {
      take();
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  };
  const and = (): Value => {
    let left = equality();
    while (peek() === "&&") {
      take();
      const right = equality();
      left = truthy(left) ? right : left;
    }
    return left;
  };
  const equality = (): Value => {
    let left = unary();
    while (peek() === "==" || peek() === "!=") {
      const op = take();
      const right = unary();
      const same = String(left ?? "").toLowerCase() === String(right ?? "").toLowerCase();
      left = op === "==" ? same : !same;
    }
    return left;
  };
  const unary = (): Value => {
    if (peek() === "!") {
      take();
      return !truthy(unary());
    }
    return primary();
  };
  const primary = (): Value => {
    const t = take();
    if (t === "(") {
      const v = or();
      take(")");
      return v;
    }
    if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
    if (/^\d/.test(t)) return Number(t);
    if (t === "true" || t === "false") return t === "true";
    if (t === "null") return null;
    if (t === "format") {
      take("(");
      const args: Value[] = [or()];
      while (peek() === ",") {
        take();
        args.push(or());
      }
      take(")");
      const [pattern, ...rest] = args;
      return String(pattern ?? "").replace(/\{(\d+)\}/g, (_, i: string) => toText(rest[Number(i)] ?? null));
    }
    const path = /^(?:github\.event\.)?inputs\.([A-Za-z0-9_-]+)$/.exec(t);
    if (path?.[1]) return inputs[path[1]] ?? "";
    throw new Error(`stand-in expressions: unsupported ${t} in ${expr}`);
  };
  const value = or();
  if (at !== tokens.length) throw new Error(`stand-in expressions: trailing ${tokens.slice(at).join(" ")} in ${expr}`);
  return value;
}

function tokenize(expr: string): string[] {
  const tokens: string[] = [];
  const re = /\s*(?:('(?:[^']|'')*')|(==|!=|&&|\|\||[(),!])|([A-Za-z_][A-Za-z0-9_.-]*)|(\d+(?:\.\d+)?))/y;
  let rest = expr.trim();
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  const src = rest;
  while (re.lastIndex < src.length && (m = re.exec(src)) !== null) {
    const t = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (t === undefined) break;
    tokens.push(t);
    rest = src.slice(re.lastIndex);
    if (rest.trim() === "") break;
  }
  if (rest.trim() !== "" && re.lastIndex < src.length) throw new Error(`stand-in expressions: cannot read ${rest} in ${expr}`);
  return tokens;
}
