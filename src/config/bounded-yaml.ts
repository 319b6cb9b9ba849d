import { parse } from "yaml";
import { MAX_CONFIG_ALIASES, MAX_CONFIG_DEPTH, MAX_CONFIG_NODES, MAX_CONFIG_TEXT } from "../domain/bounds.js";

/**
 * Bounds on configuration files (issue #10, "Bounded input and output"): a YAML file may be large,
 * use aliases to expand exponentially ("billion laughs") or refer to itself (`a: &a [*a]`, which
 * parses to a circular value that overflows the stack of anything walking it). These checks make
 * such a file a broken configuration, reported like any other, never a crashed handler.
 */

/** `null` when `value` (a parsed configuration) is within bounds, else the problem in a sentence. */
export function configShapeProblem(value: unknown): string | null {
  const ancestors = new Set<object>();
  let nodes = 0;
  const walk = (node: unknown, depth: number): string | null => {
    nodes += 1;
    if (nodes > MAX_CONFIG_NODES) return `the configuration has more than ${MAX_CONFIG_NODES} values`;
    if (depth > MAX_CONFIG_DEPTH) return `the configuration nests deeper than ${MAX_CONFIG_DEPTH} levels`;
    if (typeof node !== "object" || node === null) return null;
    if (ancestors.has(node)) return "the configuration refers to itself (a YAML alias inside its own anchor)";
    ancestors.add(node);
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) {
      const problem = walk(child, depth + 1);
      if (problem) return problem;
    }
    ancestors.delete(node);
    return null;
  };
  return walk(value, 0);
}

export type BoundedYaml = { ok: true; value: unknown } | { ok: false; problem: string };

/**
 * Parses configuration YAML within bounds: at most {@link MAX_CONFIG_TEXT} characters, at most
 * {@link MAX_CONFIG_ALIASES} alias expansions (the `yaml` package's `maxAliasCount`), then
 * {@link configShapeProblem}. Never throws: syntax errors come back as the parser's first line.
 */
export function parseYamlBounded(text: string): BoundedYaml {
  if (text.length > MAX_CONFIG_TEXT) return { ok: false, problem: `the file is ${text.length} characters long, over the limit of ${MAX_CONFIG_TEXT}` };
  let value: unknown;
  try {
    value = parse(text, { maxAliasCount: MAX_CONFIG_ALIASES, logLevel: "error" });
  } catch (error) {
    return { ok: false, problem: `not valid YAML: ${(error instanceof Error ? error.message : String(error)).split("\n")[0] ?? ""}` };
  }
  const problem = configShapeProblem(value);
  return problem ? { ok: false, problem } : { ok: true, value };
}
