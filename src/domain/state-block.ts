import { decodeHiddenBlock, encodeHiddenBlock } from "./hidden-block.js";
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
/** Tag of the state block inside the status comment. */
const STATE_TAG = "state";
/** How the state block begins (to keep it whole when the summary above it is cut). */
export const STATE_BLOCK_OPENING = `<!-- orchestrator:${STATE_TAG} `;

/** Renders the state block (one line) for the end of a status comment. */
export function encodeStateBlock(state: ItemState): string {
  return encodeHiddenBlock(STATE_TAG, itemStateSchema, state);
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
  const decoded = decodeHiddenBlock(body, STATE_TAG, itemStateSchema, "state block");
  return decoded.kind === "ok" ? { kind: "ok", state: decoded.value } : decoded;
}
