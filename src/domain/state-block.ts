import { itemStateSchema, type ItemState } from "./item-state.js";

/**
 * Encoding of the item's state inside its status comment.
 *
 * The status comment is found by {@link STATUS_MARKER}; the machine-readable state sits below the
 * human-readable summary as `<!-- orchestrator:state {json} -->`. JSON cannot contain `--` safely
 * inside an HTML comment, so `-` is written as `\u002d` in the block (still valid JSON).
 */

/** Hidden marker that identifies the one status comment of a work item. */
export const STATUS_MARKER = "<!-- orchestrator:status -->";
const STATE_OPEN = "<!-- orchestrator:state ";
const STATE_CLOSE = " -->";

/** Renders the state block (one line) for the end of a status comment. */
export function encodeStateBlock(state: ItemState): string {
  const json = JSON.stringify(state).replace(/-/g, "\\u002d");
  return `${STATE_OPEN}${json}${STATE_CLOSE}`;
}

/** Result of reading a state block: the state, absent, or invalid with the reason. */
export type DecodedState =
  | { kind: "ok"; state: ItemState }
  | { kind: "absent" }
  | { kind: "invalid"; reason: string };

/**
 * Reads the state block from a status comment body.
 * Never throws: a block that is not JSON or breaks the schema is `invalid` with a reason.
 */
export function decodeStateBlock(body: string): DecodedState {
  const start = body.indexOf(STATE_OPEN);
  if (start < 0) return { kind: "absent" };
  const end = body.indexOf(STATE_CLOSE, start + STATE_OPEN.length);
  if (end < 0) return { kind: "invalid", reason: "state block is not closed" };
  const raw = body.slice(start + STATE_OPEN.length, end);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { kind: "invalid", reason: `state block is not JSON: ${(error as Error).message}` };
  }
  const parsed = itemStateSchema.safeParse(json);
  if (!parsed.success) {
    return { kind: "invalid", reason: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  }
  return { kind: "ok", state: parsed.data };
}
