import type { z } from "zod";
import { itemStateSchema, type ItemState } from "../item-state.js";
import { batchRunSchema, type BatchRun } from "../queue/batch-run.js";
import { pmHandoffBlockSchema, type PmHandoffBlock } from "../pm/handoff-block.js";
import type { PmTask } from "../pm/tasks.js";
import { tddEvidenceSchema, type TddEvidence } from "../tdd.js";
import { verifyRunBlockSchema, type VerifyRunBlock } from "../verify.js";
import { reviewerVerdictBlockSchema, type ReviewerVerdictBlock } from "../reviewer-verdict-block.js";
import { workerReportSchema, type WorkerReport } from "../worker-report.js";

/**
 * Every hidden marker and block codec of the app, the worker and the reviewer in one place
 * (DESIGN.md "One pass per event": markers live in one module).
 *
 * - Markers (`<!-- orchestrator:<name> ... -->`) find the ONE comment of a kind: the status comment,
 *   a reply to a comment, a report per attempt, a verdict per head. Writes are "ensure" by marker.
 * - Blocks (`<!-- orchestrator:<tag> {json} -->`) carry structured data hidden in a comment (or a
 *   commit message): the item's state, the worker's report, the reviewer's verdict, a staging batch. One encoding for all: JSON on one
 *   line with every `-` inside strings written as `\u002d` (still valid JSON), because `--` may not
 *   appear inside an HTML comment; zod-validated on the way in and out.
 */

// --- markers -------------------------------------------------------------------------------------

/** The one status comment of a work item (labels + this comment's state block are the item). */
export const STATUS_MARKER = "<!-- orchestrator:status -->";
/** The one comment that reports a broken configuration on an issue. */
export const CONFIG_ERROR_MARKER = "<!-- orchestrator:config-error -->";
/** The app's blocker report when runs ended without a worker report. */
export const RUN_FAILURE_MARKER = "<!-- orchestrator:run-failures -->";
/** The landed comment on a work item. */
export const LANDED_MARKER = "<!-- orchestrator:landed -->";
/** The summary comment an epic gets when it closes. */
export const EPIC_SUMMARY_MARKER = "<!-- orchestrator:epic-summary -->";
/** The one notice on a worker pull request that no check reported within the grace (domain/checks-grace.ts). */
export const CHECKS_MISSING_MARKER = "<!-- orchestrator:checks-missing -->";

/** The queue's ejection report on a pull request, one per head commit. */
export function ejectMarker(sha: string): string {
  return `<!-- orchestrator:queue-eject ${sha} -->`;
}

/** The queue's conflict report on a pull request and its item, one per head commit. */
export function conflictMarker(sha: string): string {
  return `<!-- orchestrator:queue-conflict ${sha} -->`;
}

/** The app's one reply to the comment `commentId`. */
export function replyMarker(commentId: number): string {
  return `<!-- orchestrator:reply comment=${commentId} -->`;
}

/** The app's one reply to the pull request review `reviewId`. */
export function reviewReplyMarker(reviewId: number): string {
  return `<!-- orchestrator:reply review=${reviewId} -->`;
}

/** The notice that a new head commit voided an approval. */
export function voidedMarker(headSha: string): string {
  return `<!-- orchestrator:approval-voided head=${headSha} -->`;
}

/** Our review of `headSha` with `verdict` (a changed verdict on one head is posted again). */
export function reviewMarker(headSha: string, verdict: string): string {
  return `<!-- orchestrator:review head=${headSha} verdict=${verdict} -->`;
}

/** The worker's report comment of attempt `attempt` (distinct for 1 and 10). */
export function reportMarker(attempt: number): string {
  return `<!-- orchestrator:report-marker attempt=${attempt} -->`;
}

/** The reviewer's verdict comment for `headSha` (one comment per head). */
export function reviewerVerdictMarker(headSha: string): string {
  return `<!-- orchestrator:reviewer-verdict sha=${headSha} -->`;
}

/** The PM run's handoff comment for revision `revision` of task `task` (one comment per PM run). */
export function pmHandoffMarker(task: PmTask, revision: number): string {
  return `<!-- orchestrator:pm-handoff task=${task} revision=${revision} -->`;
}

/** The verify run's comment on an item for the landed commit `sha` (one per commit; issue #13). */
export function verifyRunMarker(sha: string): string {
  return `<!-- orchestrator:verify-run sha=${sha} -->`;
}

/** The app's one verification comment on an item (the evidence, per criterion). */
export const VERIFICATION_MARKER = "<!-- orchestrator:verification -->";

/** The app's one comment asking the author the PM agent's questions of refine revision `revision`. */
export function pmQuestionsMarker(revision: number): string {
  return `<!-- orchestrator:pm-questions revision=${revision} -->`;
}

/**
 * The hidden marker in the body of a child work item the app created from epic `epic`'s plan, for
 * the plan's child `key` (issue #13 item 3): re-planning finds each child by it and updates it,
 * never duplicates it. Read back with {@link parsePlanChildMarker}.
 */
export function planChildMarker(epic: number, key: string): string {
  return `<!-- orchestrator:plan-child epic=${epic} key=${key} -->`;
}

/** Epic and key of the plan-child marker in an issue body (see {@link planChildMarker}), or null. */
export function parsePlanChildMarker(body: string): { epic: number; key: string } | null {
  const match = /<!-- orchestrator:plan-child epic=(\d+) key=([a-z0-9][a-z0-9-]{0,39}) -->/.exec(body);
  return match?.[1] && match[2] ? { epic: Number(match[1]), key: match[2] } : null;
}

/** Text every report comment carries (its block), so a delivery can be told apart without parsing. */
export const REPORT_TAG_TEXT = "orchestrator:report ";
/** Text every PM handoff comment carries (its marker), likewise. */
export const PM_HANDOFF_TAG_TEXT = "orchestrator:pm-handoff ";
/** Text every reviewer verdict comment carries (its marker), likewise. */
export const REVIEWER_VERDICT_TAG = "orchestrator:reviewer-verdict ";
/** Text every verify run comment carries (its marker), likewise. */
export const VERIFY_RUN_TAG = "orchestrator:verify-run ";

// --- block codec ---------------------------------------------------------------------------------

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

// --- blocks --------------------------------------------------------------------------------------

const STATE_TAG = "state";
const REPORT_TAG = "report";
const VERDICT_TAG = "reviewer-verdict-block";
/** How the state block begins (to keep it whole when the summary above it is cut). */
export const STATE_BLOCK_OPENING = `<!-- orchestrator:${STATE_TAG} `;

/** Renders the item's state block (one line) for the end of its status comment. */
export function encodeStateBlock(state: ItemState): string {
  return encodeHiddenBlock(STATE_TAG, itemStateSchema, state);
}

/** Result of reading a state block: the state, absent, or invalid with the reason. */
export type DecodedState = { kind: "ok"; state: ItemState } | { kind: "absent" } | { kind: "invalid"; reason: string };

/** Reads the state block from a status comment body. Never throws. */
export function decodeStateBlock(body: string): DecodedState {
  const decoded = decodeHiddenBlock(body, STATE_TAG, itemStateSchema, "state block");
  return decoded.kind === "ok" ? { kind: "ok", state: decoded.value } : decoded;
}

/** The worker's report block (one line) for the end of its report comment. */
export function encodeWorkerReport(report: WorkerReport): string {
  return encodeHiddenBlock(REPORT_TAG, workerReportSchema, report);
}

export type DecodedWorkerReport = { kind: "ok"; report: WorkerReport } | { kind: "absent" } | { kind: "invalid"; reason: string };

/** Reads the report block from a comment body. Never throws. */
export function decodeWorkerReport(body: string): DecodedWorkerReport {
  const decoded = decodeHiddenBlock(body, REPORT_TAG, workerReportSchema, "report block");
  return decoded.kind === "ok" ? { kind: "ok", report: decoded.value } : decoded;
}

/** The reviewer's verdict block (one line) for the end of its verdict comment. */
export function encodeReviewerVerdictBlock(block: ReviewerVerdictBlock): string {
  return encodeHiddenBlock(VERDICT_TAG, reviewerVerdictBlockSchema, block);
}

export type DecodedReviewerVerdict = { kind: "ok"; block: ReviewerVerdictBlock } | { kind: "absent" } | { kind: "invalid"; reason: string };

/** Reads the verdict block from a comment body. Never throws (an invalid block names why). */
export function decodeReviewerVerdictBlock(body: string): DecodedReviewerVerdict {
  const decoded = decodeHiddenBlock(body, VERDICT_TAG, reviewerVerdictBlockSchema, "the verdict block");
  return decoded.kind === "ok" ? { kind: "ok", block: decoded.value } : decoded;
}

const BATCH_TAG = "batch";

/**
 * The batch block (one line) closing the message of a staging head commit (merge queue, `batch`
 * strategy, issue #14): the batch run that commit tests, so the queue's in-flight batch is read
 * back from GitHub after a restart (the staging branch's head is the test's staging sha).
 */
export function encodeBatchBlock(run: BatchRun): string {
  return encodeHiddenBlock(BATCH_TAG, batchRunSchema, run);
}

/** Reads the batch block from a commit message. Never throws. */
export function decodeBatchBlock(message: string): DecodedBlock<BatchRun> {
  return decodeHiddenBlock(message, BATCH_TAG, batchRunSchema, "batch block");
}

const PM_HANDOFF_TAG = "pm-handoff-block";

/** The PM run's handoff block (one line) for the end of its handoff comment (issue #13). */
export function encodePmHandoffBlock(block: PmHandoffBlock): string {
  return encodeHiddenBlock(PM_HANDOFF_TAG, pmHandoffBlockSchema, block);
}

/** Reads the PM handoff block from a comment body. Never throws (an invalid block names why). */
export function decodePmHandoffBlock(body: string): DecodedBlock<PmHandoffBlock> {
  return decodeHiddenBlock(body, PM_HANDOFF_TAG, pmHandoffBlockSchema, "the PM handoff block");
}

const TDD_TAG = "tdd-evidence";

/**
 * The TDD evidence block (one line): closes the message of the tests commit (red results) and the
 * worker's pull request body (red-then-green), where the review reads it (issue #13).
 */
export function encodeTddEvidenceBlock(evidence: TddEvidence): string {
  return encodeHiddenBlock(TDD_TAG, tddEvidenceSchema, evidence);
}

/** Reads the TDD evidence block from a commit message or pull request body. Never throws. */
export function decodeTddEvidenceBlock(text: string): DecodedBlock<TddEvidence> {
  return decodeHiddenBlock(text, TDD_TAG, tddEvidenceSchema, "the TDD evidence block");
}

const VERIFY_RUN_TAG_NAME = "verify-run-block";

/** The verify run's block (one line) for the end of its comment (issue #13, domain/verify.ts). */
export function encodeVerifyRunBlock(block: VerifyRunBlock): string {
  return encodeHiddenBlock(VERIFY_RUN_TAG_NAME, verifyRunBlockSchema, block);
}

/** Reads the verify run's block from a comment body. Never throws (an invalid block names why). */
export function decodeVerifyRunBlock(body: string): DecodedBlock<VerifyRunBlock> {
  return decodeHiddenBlock(body, VERIFY_RUN_TAG_NAME, verifyRunBlockSchema, "the verify run block");
}
