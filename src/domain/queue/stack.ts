import type { Status } from "../../config/schema.js";

/**
 * Stacked dependency chains (issue #14, `worker.stack_on_approved`): a dependent does not wait for
 * its dependency to land when that dependency's pull request is approved; its worker starts on the
 * dependency's branch, so its pull request (against the default branch) contains the dependency's
 * commits and the merge queue lands the chain together, without a rebase. Pure.
 */

/** A dependency's statuses in which its pull request is approved (queued or being landed). */
const STACKABLE: readonly Status[] = ["approved", "merging"];

/** An open dependency as triage sees it: its reference and lifecycle status. */
export interface OpenDependency {
  ref: string;
  status?: Status | null;
}

/**
 * Whether a dependent with these OPEN dependencies may start now (`enabled` =
 * `worker.stack_on_approved`): exactly one open dependency, in this repository (`#12`), whose
 * status says its pull request is approved. Several open dependencies never stack (a branch has one
 * base); none is not stacking (nothing to wait for).
 */
export function mayStackOn(open: readonly OpenDependency[], enabled: boolean): boolean {
  if (!enabled || open.length !== 1) return false;
  const [dep] = open as [OpenDependency];
  return /^#\d+$/.test(dep.ref) && dep.status !== undefined && dep.status !== null && STACKABLE.includes(dep.status);
}

/** A dependency as the worker reads it: issue state, status and its recorded pull request. */
export interface StackDependency extends OpenDependency {
  open: boolean;
  /** The dependency's open pull request: branch and head. */
  pr: { headRef: string; headSha: string } | null;
  /** The head its approval covers, null without an approval. */
  approvedHead: string | null;
}

/**
 * The branch a dependent's attempt starts on: the one open dependency's pull request branch when
 * {@link mayStackOn} holds and the approval covers that pull request's current head (a head pushed
 * after the approval is not stacked on); else null (start from the default branch).
 */
export function stackBase(deps: readonly StackDependency[], enabled: boolean): { ref: string; branch: string; headSha: string } | null {
  const open = deps.filter((d) => d.open);
  if (!mayStackOn(open, enabled)) return null;
  const [dep] = open as [StackDependency];
  if (!dep.pr || dep.approvedHead !== dep.pr.headSha) return null;
  return { ref: dep.ref, branch: dep.pr.headRef, headSha: dep.pr.headSha };
}
