import type { ItemState } from "../item-state.js";

/**
 * Reports only from the worker (issue #10): a worker report or a reviewer verdict is a structured
 * handoff that moves an item (in-review with a pull request, blocked, a review verdict). Any GitHub
 * App, Actions workflow or person can post a comment, so the app accepts one only
 * - from the identity the worker runs as (`trust.worker_identities`, default `github-actions[bot]`,
 *   plus this app's own bot when its slug is known), a Bot account;
 * - for the attempt or reviewer run in flight (the latest attempt, not yet settled, item
 *   in progress; the reviewer run recorded for the pull request's current head);
 * - once (a settled attempt takes no second report).
 * Everything else is ignored and the reason logged. Pure.
 */

/** The author of a comment, as GitHub reports it. */
export interface CommentAuthor {
  login: string;
  /** "Bot" for GitHub Apps and Actions' GITHUB_TOKEN; "User" for people. */
  type: string;
}

/** Actions' GITHUB_TOKEN identity: what the shipped worker workflow posts as. */
const ACTIONS_BOT = "github-actions[bot]";

/** The identities whose reports are accepted: the configured ones plus `<appSlug>[bot]`. */
export function workerIdentities(configured: readonly string[], appSlug?: string): string[] {
  const all = [...configured, ...(appSlug ? [`${appSlug}[bot]`] : [])];
  return [...new Set(all.map((l) => l.toLowerCase()))];
}

/** Whether `author` is a worker identity: a Bot whose login is in `identities` (case-insensitive). */
export function isWorkerIdentity(author: CommentAuthor, identities: readonly string[]): boolean {
  return author.type === "Bot" && identities.includes(author.login.toLowerCase());
}

export type Acceptance = { accepted: true } | { accepted: false; reason: string };

/**
 * Whether a worker report for `report.issue` / `report.attempt`, posted by `author` on issue
 * `issue`, may settle an attempt of `state` (see the module comment for the rules).
 */
export function acceptWorkerReport(input: {
  author: CommentAuthor;
  identities: readonly string[];
  issue: number;
  report: { issue: number; attempt: number };
  state: ItemState;
}): Acceptance {
  const { author, report, state } = input;
  if (!isWorkerIdentity(author, input.identities)) return reject(`posted by @${author.login} (${author.type}), not a worker identity (${input.identities.join(", ")})`);
  if (report.issue !== input.issue) return reject(`names issue #${report.issue} but was posted on #${input.issue}`);
  const attempt = state.attempts.find((a) => a.n === report.attempt);
  if (!attempt) return reject(`attempt ${report.attempt} was never dispatched`);
  const latest = Math.max(...state.attempts.map((a) => a.n));
  if (attempt.n !== latest) return reject(`attempt ${report.attempt} is not the attempt in flight (latest: ${latest})`);
  if (attempt.outcome !== "dispatched") return reject(`attempt ${report.attempt} is already settled (${attempt.outcome})`);
  if (state.status !== "in-progress") return reject(`the item is \`${state.status}\`, not in progress`);
  return { accepted: true };
}

/**
 * Whether a reviewer verdict comment may count for the review of pull request `pr` at `headSha`:
 * posted by a worker identity, its block naming this pull request and head, and a reviewer run
 * recorded for that head (dispatched by the app, not failed). `block` null: no readable block (the
 * caller reports that as the reviewer's problem only when the author is a worker identity).
 */
export function acceptVerdict(input: {
  author: CommentAuthor;
  identities: readonly string[];
  pr: number;
  headSha: string;
  block: { pr: number; headSha: string } | null;
  state: ItemState;
}): Acceptance {
  const { author, block } = input;
  if (!isWorkerIdentity(author, input.identities)) return reject(`posted by @${author.login} (${author.type}), not a worker identity (${input.identities.join(", ")})`);
  const run = input.state.reviewRuns.find((r) => r.pr === input.pr && r.headSha === input.headSha);
  if (!run) return reject(`no reviewer run was dispatched for ${input.headSha.slice(0, 7)} of #${input.pr}`);
  if (run.failure !== undefined) return reject("the reviewer run for this head already failed");
  if (block !== null && (block.pr !== input.pr || block.headSha !== input.headSha)) return reject(`the verdict names #${block.pr} at ${block.headSha.slice(0, 7)}`);
  return { accepted: true };
}

function reject(reason: string): Acceptance {
  return { accepted: false, reason };
}
