import type { PlanState } from "./plan-state.js";

/**
 * The plan commands on an epic (issue #13 item 3), pure: `/approve plan` approves the plan's
 * current revision (the gate `pm.plan_gate`: its children are then created), `/plan` asks the PM
 * agent for the next revision. Callers authorize first (a trusted person, as every command).
 * Each answer is `applied` (the next plan state), `unchanged` or `refused` with the reply.
 */
export type PlanCommandResult =
  | { status: "applied"; plan: PlanState; reply: string }
  | { status: "unchanged" | "refused"; reply: string };

/** `/approve plan` by `by` at `at` (ISO 8601) on an item whose plan is `plan` (absent: none). */
export function approvePlan(plan: PlanState | undefined, by: string, at: string): PlanCommandResult {
  if (!plan) return { status: "refused", reply: "This item has no plan to approve: the PM agent plans project items (epics) when `pm.agent` is configured." };
  if (plan.outcome === "requested") return { status: "refused", reply: `Plan revision ${plan.revision} is not in yet; approve it once it shows in the status comment.` };
  if (plan.outcome === "invalid") return { status: "refused", reply: `Plan revision ${plan.revision} was not accepted (see the status comment); comment \`/plan\` for a new one.` };
  if (plan.approval?.revision === plan.revision) return { status: "unchanged", reply: `Plan revision ${plan.revision} is already approved by @${plan.approval.by}.` };
  const done = plan.outcome === "created" ? " Its children exist already; nothing more is created." : " Creating its children as sub-issues.";
  return { status: "applied", plan: { ...plan, approval: { by, at, revision: plan.revision } }, reply: `Plan revision ${plan.revision} approved by @${by}.${done}` };
}

/** `/plan`: the next revision is asked for (once; a second `/plan` before it is asked changes nothing). */
export function requestReplan(plan: PlanState | undefined, isProject: boolean): PlanCommandResult {
  if (!isProject) return { status: "refused", reply: "Only project items (epics) are planned: put the item on the project track first (`/track project`)." };
  if (plan?.replanRequested) return { status: "unchanged", reply: "A new plan is already asked for." };
  if (!plan) return { status: "unchanged", reply: "The PM agent plans this epic when it is trusted and has no children (with `pm.agent` configured)." };
  return { status: "applied", plan: { ...plan, replanRequested: true }, reply: `Asking the PM agent for plan revision ${plan.revision + 1}. Re-planning updates the children, never duplicates them.` };
}
