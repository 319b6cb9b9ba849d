import type { z } from "zod";

/**
 * Structured data hidden in a GitHub comment as `<!-- orchestrator:<tag> {json} -->`: the item's
 * state in its status comment, the worker's report, the reviewer's verdict. One encoding for all:
 * JSON on one line with every `-` inside strings written as `\u002d` (still valid JSON), because `--` may not
 * appear inside an HTML comment; zod-validated on the way in and out.
 */

/** Result of reading a block: the value, absent, or invalid with a reason a person can act on. */
export type DecodedBlock<T> = { kind: "ok"; value: T } | { kind: "absent" } | { kind: "invalid"; reason: string };

const CLOSE = " -->";
const open = (tag: string) => `<!-- orchestrator:${tag} `;

/**
 * The block for `value` (one line). Throws only when `value` breaks `schema`: that is a
 * programming error, never input from a person.
 */
export function encodeHiddenBlock<S extends z.ZodType>(tag: string, schema: S, value: z.input<S>): string {
  // Only inside string literals: a `-` of a negative number must stay a minus sign.
  const json = JSON.stringify(schema.parse(value)).replace(/"(?:[^"\\]|\\.)*"/g, (literal) => literal.replace(/-/g, "\\u002d"));
  return `${open(tag)}${json}${CLOSE}`;
}

/**
 * Reads the first block with `tag` from a comment body. Never throws: a block that is not
 * closed, not JSON, or breaks the schema is `invalid`, its reason starting with `name`
 * (e.g. "report block is not JSON: ..."), zod issues as `path: message`.
 */
export function decodeHiddenBlock<S extends z.ZodType>(body: string, tag: string, schema: S, name: string): DecodedBlock<z.output<S>> {
  const opening = open(tag);
  const start = body.indexOf(opening);
  if (start < 0) return { kind: "absent" };
  const end = body.indexOf(CLOSE, start + opening.length);
  if (end < 0) return { kind: "invalid", reason: `${name} is not closed` };
  let json: unknown;
  try {
    json = JSON.parse(body.slice(start + opening.length, end));
  } catch (error) {
    return { kind: "invalid", reason: `${name} is not JSON: ${(error as Error).message}` };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    return { kind: "invalid", reason: `${name} is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}` };
  }
  return { kind: "ok", value: parsed.data };
}
