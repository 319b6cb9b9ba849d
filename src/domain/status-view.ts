import type { OrchestratorConfig } from "../config/schema.js";
import { checksMissingLine } from "./checks-grace.js";
import type { ItemState } from "./item-state.js";
import { parseWorkItem } from "./pm/refine-merge.js";
import { refineStatusLines } from "./pm/refine-view.js";
import { describeCycles, describeNextStep, type StatusCommentView } from "./status-comment.js";
import { computedTrack } from "./track.js";
import { renderPlanSection } from "./pm/plan-render.js";

/**
 * Builds the status comment's view from the issue text and the item's state alone, so every
 * handler (triage, scheduler, worker reports, commands, review, queue) renders the same comment
 * for the same state: acceptance criteria come from the issue body (or its accepted story), dependencies, cycles, children
 * and queue position from the state. Pure.
 */
export function buildStatusView(
  issue: { title: string; body: string | null; labels: readonly string[] },
  state: ItemState,
  config: OrchestratorConfig,
): StatusCommentView {
  const parsed = parseWorkItem({ title: issue.title, body: issue.body, labels: issue.labels }, state, config);
  const track = state.track ?? computedTrack(state.wsjf.score ?? null, state.wsjf.size, config);
  const openDependencies = state.dependencies.filter((d) => d.state === "open").map((d) => d.ref);
  const openChildren = state.childStates.filter((c) => c.state === "open").map((c) => c.number);
  const nextStep = describeNextStep(state, { track, openDependencies, openChildren, inCycle: state.cycles.length > 0 });
  return {
    title: issue.title,
    track,
    dependencies: state.dependencies,
    acceptanceCriteria: parsed.acceptanceCriteria,
    nextStep,
    children: state.childStates,
    queuePosition: state.queue?.position ?? null,
    cycleMessage: describeCycles(state.cycles),
    checksMissing: checksMissingLine(state),
    refine: refineStatusLines(state.refine),
    plan: state.plan ? renderPlanSection(state.plan, { childStates: state.childStates, gate: config.pm.plan_gate }) : null,
  };
}
