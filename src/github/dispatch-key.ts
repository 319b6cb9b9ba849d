/**
 * Idempotency keys of workflow dispatches. GitHub's `workflow_dispatch` API is not idempotent (each
 * call starts a run), but creating a git ref is: it fails with 422 "Reference already exists" when
 * the ref exists. So a dispatch first creates the ref naming what it starts (the commit point of
 * "attempt N of issue I was dispatched"), and only the caller that created it sends the dispatch.
 * Refs under `refs/orchestrator/` are not branches: they trigger no push event and no CI.
 */
import { PM_TASKS, type PmTask } from "../domain/pm/tasks.js";
import { pmRunTitle, reviewRunTitle, runTitle } from "../domain/run-title.js";

/** The idempotency key of one dispatch and the run name (display title) its run will carry. */
export interface DispatchIdentity {
  /** Full ref name, e.g. "refs/orchestrator/dispatch/12/3". */
  ref: string;
  /** The workflow's `run-name` for these inputs (see domain/run-title.ts), to find the run it started. */
  runTitle: string;
}

/** Namespace of dispatch idempotency refs. */
export const DISPATCH_REF_PREFIX = "refs/orchestrator/dispatch/";

/**
 * The identity of a dispatch of the worker workflow from its inputs, or null for inputs that name
 * no work item attempt (such a dispatch is sent once and never repeated, without a key):
 * - worker attempt `{ issue, attempt }` -> `refs/orchestrator/dispatch/<issue>/<attempt>`;
 * - reviewer run `{ issue, mode: "review", pr, head }` -> `refs/orchestrator/dispatch/<issue>/review-<pr>-<head>`;
 * - PM run `{ issue, mode: "refine"|"plan", revision }` -> `refs/orchestrator/dispatch/<issue>/pm-<task>-<revision>`.
 */
export function dispatchIdentity(inputs: Record<string, string>): DispatchIdentity | null {
  const issue = positive(inputs.issue);
  if (issue === null) return null;
  if (inputs.mode === "review") {
    const pr = positive(inputs.pr);
    const head = inputs.head;
    if (pr === null || !head || !/^[0-9a-f]{7,64}$/.test(head)) return null;
    return { ref: `${DISPATCH_REF_PREFIX}${issue}/review-${pr}-${head}`, runTitle: reviewRunTitle(issue, pr, head) };
  }
  if ((PM_TASKS as readonly string[]).includes(inputs.mode ?? "")) {
    const revision = positive(inputs.revision);
    if (revision === null) return null;
    const task = inputs.mode as PmTask;
    return { ref: `${DISPATCH_REF_PREFIX}${issue}/pm-${task}-${revision}`, runTitle: pmRunTitle(task, issue, revision) };
  }
  const attempt = positive(inputs.attempt);
  if (attempt === null) return null;
  return { ref: `${DISPATCH_REF_PREFIX}${issue}/${attempt}`, runTitle: runTitle(issue, attempt) };
}

function positive(value: string | undefined): number | null {
  if (value === undefined || !/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}
