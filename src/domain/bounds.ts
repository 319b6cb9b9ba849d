/**
 * Size limits on everything the app reads from people and writes to GitHub (issue #10, "Bounded
 * input and output"). Pure: plain strings and numbers in, bounded values out.
 *
 * Sources of the numbers: GitHub refuses an issue comment or body over 65,536 characters (422
 * "body is too long"); the other limits are ours, chosen so that one comment of commands, one issue
 * body and the item's state block always fit in one comment with room to spare.
 */

/** GitHub's limit on an issue or pull request comment (and an issue body), in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** What the app writes stays this far under GitHub's limit (markers and a pointer fit in the rest). */
export const COMMENT_BUDGET = 60_000;

/** Commands executed from one comment; the rest are answered once, as not executed. */
export const MAX_COMMANDS_PER_COMMENT = 10;

/** Largest task envelope a worker hands an agent, in characters of JSON. */
export const MAX_ENVELOPE_TEXT = 256 * 1024;

/** Largest configuration file, in characters of YAML; and the YAML alias count it may use. */
export const MAX_CONFIG_TEXT = 64 * 1024;
export const MAX_CONFIG_ALIASES = 50;
/** Largest parsed configuration: nodes (mappings, lists and scalars) and nesting depth. */
export const MAX_CONFIG_NODES = 5_000;
export const MAX_CONFIG_DEPTH = 20;

/**
 * `text` cut to at most `limit` characters: the head and the tail are kept (hidden markers sit at
 * the start of the app's comments and the machine-readable block at the end), the middle is
 * replaced by a line naming how much was left out and where the whole text is (`pointer`, e.g.
 * "see the issue"). Text within the limit is returned unchanged. Never cuts a surrogate pair.
 * Throws RangeError when `limit` cannot hold the note (a programming error).
 */
export function truncateMiddle(text: string, limit: number, pointer: string): string {
  if (text.length <= limit) return text;
  const note = (omitted: number) => `\n\n… ${omitted} characters left out here (${pointer}) …\n\n`;
  const room = limit - note(text.length).length;
  if (room < 2) throw new RangeError(`truncateMiddle: limit ${limit} is too small for the note`);
  const headLength = safeCut(text, Math.ceil(room / 2));
  const tailStart = safeStart(text, text.length - Math.floor(room / 2));
  return `${text.slice(0, headLength)}${note(tailStart - headLength)}${text.slice(tailStart)}`;
}

/**
 * `text` cut to at most `limit` characters from the start, ending with `…` when cut (for one-line
 * fields such as a recorded command or a summary).
 */
export function truncateEnd(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, safeCut(text, limit - 1))}…`;
}

/**
 * A comment body the app writes, bounded to {@link COMMENT_BUDGET}: unchanged when it fits, else
 * cut in the middle with a pointer (see {@link truncateMiddle}), so the leading marker and a
 * trailing hidden block survive.
 */
export function boundComment(body: string, pointer: string): string {
  return truncateMiddle(body, COMMENT_BUDGET, pointer);
}

/**
 * A comment whose machine-readable block starts at `blockStart` (the state block at the end of a
 * status comment), bounded to {@link COMMENT_BUDGET}: the block is kept whole and the text before
 * it is cut in the middle with `pointer`. `blockStart` < 0: the whole body is bounded as text.
 */
export function boundWithTrailingBlock(body: string, blockStart: number, pointer: string): string {
  if (body.length <= COMMENT_BUDGET) return body;
  if (blockStart < 0) return boundComment(body, pointer);
  const block = body.slice(blockStart);
  const room = COMMENT_BUDGET - block.length;
  if (room < 200) return boundComment(body, pointer);
  return `${truncateMiddle(body.slice(0, blockStart), room, pointer)}${block}`;
}

/** Whether a string is over a limit; the message a person gets, naming the limit, or null. */
export function overLimit(what: string, text: string, limit: number): string | null {
  if (text.length <= limit) return null;
  return `${what} is ${text.length.toLocaleString("en-US")} characters long, over the limit of ${limit.toLocaleString("en-US")}`;
}

/** An index at most `at` that does not split a UTF-16 surrogate pair. */
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

function safeStart(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff ? at + 1 : at;
}
