import type { OrchestratorConfig, Status } from "../config/schema.js";
import type { Approval } from "./item-state.js";

/** The statuses of an item whose pull request is in the merge queue or waiting to enter it. */
export const QUEUE_STATUSES: readonly Status[] = ["in-review", "approved", "merging"];

/**
 * Merge-queue membership (issue #6 "Membership and order"): which pull requests are in the queue,
 * and, for those that are not, a reason a person can act on. Pure: the caller reads GitHub and the
 * item's state block, this decides.
 */

/** One check run on a commit, as GitHub reports it (`status`: queued | in_progress | completed ...). */
export interface CheckRunSummary {
  name: string;
  status: string;
  /** success | failure | neutral | cancelled | skipped | timed_out | action_required | stale | null */
  conclusion: string | null;
  /** Check run id; when a name appears more than once (re-runs) the highest id wins. */
  id?: number;
}

/** Result of evaluating the required checks on one head commit. */
export interface RequiredChecks {
  state: "pending" | "passed" | "failed";
  /** Names of required checks that concluded other than success/neutral/skipped. */
  failed: string[];
  /** Names of required checks not completed yet, or not reported on the head at all. */
  pending: string[];
}

/** Conclusions that count as passing, as for GitHub's required status checks. */
const PASSING = new Set(["success", "neutral", "skipped"]);

function latestByName(checks: readonly CheckRunSummary[]): Map<string, CheckRunSummary> {
  const latest = new Map<string, CheckRunSummary>();
  for (const check of checks) {
    const seen = latest.get(check.name);
    if (seen && seen.id !== undefined && check.id !== undefined && seen.id > check.id) continue;
    latest.set(check.name, check);
  }
  return latest;
}

/**
 * Evaluates the required checks on a head (config `merge.required_checks`; empty means every check
 * on the head). Passing conclusions are success, neutral and skipped (GitHub's rule for required
 * checks); any other conclusion fails; a check not completed, or a required name not reported yet,
 * is pending. With no required names and no checks at all the head is `pending`, never `passed`:
 * right after an update the checks may not have been created yet, and nothing untested is merged.
 * `ignore` lists check names left out of "every check" (e.g. the app's own queue check run).
 */
export function evaluateRequiredChecks(
  checks: readonly CheckRunSummary[],
  required: readonly string[],
  ignore: readonly string[] = [],
): RequiredChecks {
  const latest = latestByName(checks);
  const names = required.length > 0 ? [...new Set(required)] : [...latest.keys()].filter((n) => !ignore.includes(n));
  const failed: string[] = [];
  const pending: string[] = [];
  for (const name of names) {
    const check = latest.get(name);
    if (!check || check.status !== "completed") pending.push(name);
    else if (!PASSING.has(check.conclusion ?? "")) failed.push(name);
  }
  if (failed.length > 0) return { state: "failed", failed, pending };
  if (pending.length > 0 || names.length === 0) return { state: "pending", failed, pending };
  return { state: "passed", failed, pending };
}

/** Everything membership looks at for one work item and its pull request. */
export interface QueueCandidate {
  issue: number;
  /** Lifecycle status of the item; only in-review, approved and merging items can be queued. */
  status: Status;
  /** The `hold` label (or `/hold`) is on the item. */
  hold: boolean;
  /** The repository's default branch: the queue only lands into it. */
  defaultBranch: string;
  pr?: {
    number: number;
    headSha: string;
    baseRef: string;
    mergeable?: boolean | null;
    /** Gated paths touched (config `autonomy.gate`): need a trusted `/approve` command. */
    gated: readonly string[];
    /** Files outside the item's scope: never queued. */
    outOfScope: readonly string[];
    open: boolean;
    draft?: boolean;
  } | null;
  /** The recorded approval (only trusted approvals are recorded), tied to a head commit. */
  approval?: Pick<Approval, "by" | "at" | "headSha"> & { via?: Approval["via"] } | null;
  /** Check runs on the current head. */
  checks: readonly CheckRunSummary[];
  /** Author of the issue, for `review.require_independent_approval`. */
  issueAuthor?: string;
  /**
   * Set when the current head is the queue's own update-branch of the approved head
   * (`fromSha` = head before the update, `toSha` = head after). The approval carries over to the
   * update, and a failure on it is the queue's to report (eject), so the PR stays a member.
   */
  queueUpdate?: { fromSha: string; toSha: string } | null;
}

export type QueueEligibility = { eligible: true } | { eligible: false; reason: string };

const QUEUEABLE: ReadonlySet<Status> = new Set<Status>(["in-review", "approved", "merging"]);

/** First 7 characters of a commit sha, as GitHub shows it. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** "`a`", "`a` and `b`", "`a`, `b` and `c`". */
export function listNames(names: readonly string[], quote = "`"): string {
  const quoted = names.map((n) => `${quote}${n}${quote}`);
  if (quoted.length <= 1) return quoted.join("");
  return `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}

function no(reason: string): QueueEligibility {
  return { eligible: false, reason };
}

function isQueueUpdate(c: QueueCandidate, headSha: string): boolean {
  return !!c.queueUpdate && c.queueUpdate.toSha === headSha && c.approval?.headSha === c.queueUpdate.fromSha;
}

function approvalProblem(c: QueueCandidate, headSha: string, config: OrchestratorConfig): string | null {
  const waiting = `waiting for /approve on ${shortSha(headSha)}`;
  const approval = c.approval;
  if (!approval) return waiting;
  if (approval.headSha !== headSha && !isQueueUpdate(c, headSha)) {
    return `${waiting} (the approval was for ${shortSha(approval.headSha)})`;
  }
  const via = approval.via ?? "command";
  if (via === "review" && !config.merge.accept_github_reviews) {
    return `${waiting} (GitHub reviews are not accepted as approval here)`;
  }
  if (config.review.require_independent_approval && c.issueAuthor && approval.by === c.issueAuthor) {
    return `${waiting} by someone other than the issue's author @${c.issueAuthor}`;
  }
  if (c.pr && c.pr.gated.length > 0 && via !== "command") {
    return `touches gated paths (${listNames(c.pr.gated)}): ${waiting} from a trusted person`;
  }
  return null;
}

/**
 * Decides whether a work item's pull request is in the merge queue (issue #6): an open, non-draft
 * pull request into the default branch, linked to a work item that is not held and is in review,
 * approved or merging; no files outside scope; a recorded approval on its CURRENT head (or on the
 * head the queue itself updated); gated paths only with a `/approve` command (a GitHub review does
 * not clear them, issue #4 "Tiered autonomy"); required checks not failed (pending is fine: the
 * queue waits for them). Never throws; a non-member gets the first failing rule as `reason`, e.g.
 * "held", "waiting for /approve on abc1234", "check `test` failed".
 */
export function queueEligibility(c: QueueCandidate, config: OrchestratorConfig): QueueEligibility {
  const pr = c.pr;
  if (!pr) return no("no pull request yet");
  if (!pr.open) return no(`pull request #${pr.number} is closed`);
  if (pr.draft) return no(`pull request #${pr.number} is a draft`);
  if (c.hold) return no("held");
  if (pr.baseRef !== c.defaultBranch) {
    return no(`pull request #${pr.number} targets \`${pr.baseRef}\`, not the default branch \`${c.defaultBranch}\``);
  }
  if (!QUEUEABLE.has(c.status)) return no(`item is ${c.status}`);
  if (pr.outOfScope.length > 0) return no(`changes files outside its scope: ${listNames(pr.outOfScope)}`);
  const problem = approvalProblem(c, pr.headSha, config);
  if (problem) return no(problem);
  const checks = evaluateRequiredChecks(c.checks, config.merge.required_checks);
  if (checks.state === "failed" && !isQueueUpdate(c, pr.headSha)) {
    return no(`${checks.failed.length === 1 ? "check" : "checks"} ${listNames(checks.failed)} failed`);
  }
  return { eligible: true };
}

/** Same-repository reference `#12` -> 12; anything else (another repository's `o/r#12`) -> null. */
export function localIssue(ref: string): number | null {
  const m = /^#(\d+)$/.exec(ref.trim());
  return m ? Number(m[1]) : null;
}
