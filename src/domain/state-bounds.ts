import { truncateEnd } from "./bounds.js";
import type { ItemState } from "./item-state.js";
import { encodeStateBlock } from "./item/markers.js";

/**
 * Bounded history in the item's state block (issue #10, "Bounded input and output"): the block
 * lives in one GitHub comment (65,536 characters at most), so every list that people can grow is
 * capped and every free-text entry is cut. Pure.
 *
 * - `commands`: the newest {@link MAX_COMMAND_RECORDS} are kept; older ones are summarized in
 *   `commandsCompacted` (count, highest comment id) so a redelivered old comment still runs once.
 * - `guidance`, `feedback`: the newest {@link MAX_TEXT_ENTRIES}, each at most {@link MAX_ENTRY}.
 * - attempt summaries, `blockedReason`, recorded command text: at most {@link MAX_LINE} each.
 * - review findings: at most {@link MAX_TEXT_ENTRIES} per review, {@link MAX_ENTRY} each; reviews
 *   and reviewer runs: the newest {@link MAX_REVIEWS}.
 * Attempts themselves are kept (their count numbers the next attempt and they only grow with
 * trusted `/retry`s and the attempt budget).
 */

export const MAX_COMMAND_RECORDS = 50;
export const MAX_TEXT_ENTRIES = 20;
export const MAX_REVIEWS = 20;
export const MAX_ENTRY = 2_000;
export const MAX_LINE = 300;
/** Largest encoded state block, in characters: the rest of the status comment is the summary. */
export const STATE_BLOCK_BUDGET = 40_000;

/**
 * `state` with its history bounded (see the module comment), and then, while its encoded block is
 * over {@link STATE_BLOCK_BUDGET}: the approved snapshot dropped (the digest stays and still binds
 * the text), then the older half of the feedback, guidance and command records, repeatedly. Unchanged when within bounds.
 */
export function boundItemState(state: ItemState): ItemState {
  let next = capHistory(state);
  const fits = (s: ItemState) => encodeStateBlock(s).length <= STATE_BLOCK_BUDGET;
  if (fits(next)) return next;
  if (next.itemApproval?.snapshot) {
    const { snapshot: _dropped, ...approval } = next.itemApproval;
    next = { ...next, itemApproval: approval };
  }
  while (!fits(next) && (next.feedback.length > 0 || next.guidance.length > 0 || next.commands.length > 1)) {
    // The older half at a time: few re-encodings, the newest entries kept.
    if (next.feedback.length > 0) next = { ...next, feedback: next.feedback.slice(Math.ceil(next.feedback.length / 2)) };
    else if (next.guidance.length > 0) next = { ...next, guidance: next.guidance.slice(Math.ceil(next.guidance.length / 2)) };
    else next = compactCommands(next, Math.floor(next.commands.length / 2));
  }
  return next;
}

function compactCommands(state: ItemState, keep: number): ItemState {
  if (state.commands.length <= keep) return state;
  const dropped = state.commands.slice(0, state.commands.length - keep);
  const before = state.commandsCompacted;
  return {
    ...state,
    commands: state.commands.slice(state.commands.length - keep),
    commandsCompacted: {
      count: (before?.count ?? 0) + dropped.length,
      throughCommentId: Math.max(before?.throughCommentId ?? 0, ...dropped.map((c) => c.commentId)),
    },
  };
}

function capHistory(state: ItemState): ItemState {
  let next = compactCommands(state, MAX_COMMAND_RECORDS);
  next = {
    ...next,
    commands: next.commands.map((c) => (c.command.length > MAX_LINE ? { ...c, command: truncateEnd(c.command, MAX_LINE) } : c)),
    guidance: entries(next.guidance),
    feedback: entries(next.feedback),
    attempts: next.attempts.map((a) => (a.summary !== undefined && a.summary.length > MAX_LINE ? { ...a, summary: truncateEnd(a.summary, MAX_LINE) } : a)),
    reviews: next.reviews.slice(-MAX_REVIEWS).map((r) => ({ ...r, findings: entries(r.findings) })),
    reviewRuns: next.reviewRuns.slice(-MAX_REVIEWS),
    ...(next.blockedReason !== undefined ? { blockedReason: truncateEnd(next.blockedReason, MAX_ENTRY) } : {}),
  };
  return next;
}

function entries(list: readonly string[]): string[] {
  return list.slice(-MAX_TEXT_ENTRIES).map((e) => truncateEnd(e, MAX_ENTRY));
}
