import { runTitle } from "../domain/run-title.js";
import type { Attempt } from "../domain/item-state.js";
import type { Reaction } from "../domain/apply-command.js";
import type { PmTask } from "../domain/pm/tasks.js";
import { dispatchPmRun } from "./pm-dispatch.js";
import type { PullRequestRef } from "./repo-event.js";
import type { RepoSession } from "./session.js";

/** A plan run of the worker workflow that completed: its revision, conclusion and page. */
export interface PlanRunEnd {
  revision: number;
  conclusion: string | null;
  url: string;
}

/**
 * Effects as data (DESIGN.md "One pass per event"): what a phase wants done after it, instead of
 * calling another phase. Two families:
 * - follow-ups, addressed to a LATER phase of the same pass (the pipeline routes each one to the
 *   phase that owns it; a follow-up for an earlier phase would be a design error and is logged);
 * - writes, applied by {@link applyWrites} in the order given, each an idempotent "ensure".
 */
export type Effect =
  /** Triage this issue (again): a command changed its inputs, a relation changed. */
  | { kind: "triage"; issue: number; openOnly?: boolean }
  /** Review this pull request (its head changed, a verdict comment arrived). */
  | { kind: "review"; pr: number }
  /** Review the pull request this item records (a worker report linked it). */
  | { kind: "review-item"; issue: number }
  /** Review each open pull request whose head is `sha` (a check finished). */
  | { kind: "review-head"; sha: string; prs: PullRequestRef[] }
  /** Evaluate the merge queue once. */
  | { kind: "evaluate-queue" }
  /** An issue closed: if its recorded pull request merged without bookkeeping, record the landing. */
  | { kind: "recover-landing"; issue: number }
  /**
   * Advance the plan of this epic (src/app/pm-plan.ts, issue #13 item 3): ask the PM agent, read
   * its handoff, or create the children, whichever is due. Handled by the triage phase.
   */
  | { kind: "plan"; issue: number; runEnded?: PlanRunEnd }
  /** Triage every open issue (the app was installed on the repository), labels created first. */
  | { kind: "triage-all" }
  /**
   * An item landed, closed or reopened: re-triage the items that depend on it (a landed or closed
   * one releases them, a reopened one, `reopened`, blocks them again) and, when `epics`, close
   * finished epics. `closedByMerge`: a landing whose merge GitHub closes the issue for (`Closes
   * #N`); when no item waits on anything, that close has nothing to release and is this pass's own
   * echo (own-echoes.ts).
   */
  | { kind: "dependents"; issue: number; epics: boolean; reopened?: true; closedByMerge?: true }
  /** Dispatch a new attempt of this item (`when: "retryable"`: only from a status a `/retry` may leave). */
  | { kind: "dispatch"; issue: number; reason: Attempt["reason"]; when?: "retryable" }
  /** Fill free worker slots with ready items (WSJF order, dependencies first). */
  | { kind: "schedule" }
  /**
   * Write: cancel attempt `attempt` of `issue`'s workflow run (a `/cancel`, an approval voided, an
   * attempt over time): by `runId` when known, else the run found by its run name
   * (`orchestrator: #N attempt K`), if it exists yet.
   */
  | { kind: "cancel-run"; issue: number; attempt: number; runId?: number }
  /** Write: dispatch PM run `revision` of `task` on `issue` (issue #13; see app/pm-dispatch.ts). */
  | { kind: "dispatch-pm"; task: PmTask; issue: number; revision: number }
  /**
   * A command's answer to the person who gave it: a reaction on their comment and a reply, sent by
   * the acknowledge phase, last in the pass (see app/phases/acknowledge.ts).
   */
  | {
      kind: "acknowledge";
      reaction: { commentId: number; content: Reaction } | null;
      reply: CommandReply | null;
      /**
       * The pull request whose merge answers the command (an accepted `/approve` on it, nothing
       * refused): when this pass merged it ({@link Effect} `merged`), nothing else is sent, since
       * the merge shows on the same thread at once (issue #9 "A request budget").
       */
      answeredByMerge?: number;
    }
  /** Fact for the acknowledge phase: this pass merged pull request `pr` (app/queue.ts). */
  | { kind: "merged"; pr: number };

/**
 * A command reply: `body` (marker first) on issue or pull request `number`, written once per
 * `marker`. `absent`: the pass recorded the command for the first time, so no reply can exist yet
 * and none is looked for (a redelivery is answered as a duplicate before any reply).
 */
export interface CommandReply {
  number: number;
  marker: string;
  body: string;
  absent: boolean;
}

/** The phases of one pass, in their fixed order. */
export const PHASES = ["record", "triage", "review", "queue", "after-landing", "schedule", "acknowledge"] as const;
export type PhaseName = (typeof PHASES)[number];

/** The phase a follow-up is addressed to; null for a write (applied at once by the applier). */
export function phaseOf(effect: Effect): PhaseName | null {
  switch (effect.kind) {
    case "triage":
    case "triage-all":
    case "plan":
      return "triage";
    case "review":
    case "review-item":
    case "review-head":
      return "review";
    case "evaluate-queue":
    case "recover-landing":
      return "queue";
    case "dependents":
      return "after-landing";
    case "dispatch":
    case "schedule":
      return "schedule";
    case "acknowledge":
    case "merged":
      return "acknowledge";
    case "cancel-run":
    case "dispatch-pm":
      return null;
  }
}

/**
 * Applies write effects through the port, in order. Each is idempotent on GitHub's side
 * (cancelling a finished or cancelled run is refused by GitHub and ignored here), so a
 * redelivered event that applies them again does no harm. Errors other than GitHub's refusal
 * propagate: the event then fails and the reconciler repairs what is left.
 */
export async function applyWrites(session: RepoSession, effects: readonly Effect[]): Promise<void> {
  for (const effect of effects) {
    if (effect.kind === "cancel-run") await cancelRun(session, effect);
    if (effect.kind === "dispatch-pm") await dispatchPmRun(session, effect);
  }
}

/**
 * Cancels an attempt's run: by id, or found by its run name among the worker workflow's runs (one
 * listing; the run id is learned from the worker's report or the run's completion, so a running
 * attempt seldom has it). A run not created yet is cancelled when GitHub reports it (monitor.ts).
 */
export async function cancelRun(session: RepoSession, effect: Omit<Extract<Effect, { kind: "cancel-run" }>, "kind">): Promise<void> {
  if (effect.runId !== undefined) return session.port.cancelWorkflowRun(effect.runId);
  const title = runTitle(effect.issue, effect.attempt);
  const runs = await session.port.listWorkflowRuns(session.config.worker.workflow);
  for (const run of runs) if (run.displayTitle === title && run.status !== "completed") await session.port.cancelWorkflowRun(run.id);
}
