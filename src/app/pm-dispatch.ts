import type { PmTask } from "../domain/pm/tasks.js";
import { dispatchGate } from "../domain/dispatch-gate.js";
import { refineHold, refineRunFailed } from "../domain/pm/refine.js";
import { repositoryFacts } from "./scheduler.js";
import type { Effect } from "./effects.js";
import { loadItem, saveItem } from "./item-store.js";
import type { RepoSession } from "./session.js";

/**
 * PM runs from the app (issue #13): the worker workflow dispatched with `mode: refine|plan`,
 * `issue`, `revision` and `agent` (`pm.agent.name`, the CLI the workflow installs), through the
 * one dispatch path of the port. The idempotency ref `refs/orchestrator/dispatch/<issue>/pm-<task>-<revision>`
 * (src/github/dispatch-key.ts) makes each revision run at most once, across redeliveries,
 * replicas and repeats, so asking again for a revision still awaited is safe (it repairs a
 * dispatch lost in a crash).
 */

/**
 * The effects that request PM run `revision` of `task` on `issue` (applied by app/effects.ts after
 * the phase that returns them). The caller records the revision in the item's state first (the
 * commit point): a crash in between leaves a revision awaited, which the next pass asks for again.
 */
export function pmRunEffects(task: PmTask, issue: number, revision: number): Effect[] {
  return [{ kind: "dispatch-pm", task, issue, revision }];
}

/**
 * Dispatches one PM run, through the dispatch gate of coding attempts (src/domain/dispatch-gate.ts:
 * the circuit breaker of `pm.agent`'s CLI, `budget.per_item_usd`, `budget.per_day_usd`). A refused
 * dispatch (no workflow, inputs it does not declare) is recorded on the item for `refine` (the
 * status comment says it) and logged for `plan`; nothing is thrown, since a redelivery would meet
 * the same refusal.
 */
export async function dispatchPmRun(session: RepoSession, effect: Extract<Effect, { kind: "dispatch-pm" }>): Promise<void> {
  const { port, config } = session;
  const agent = config.pm.agent;
  if (agent === null) return;
  // issue 12 / #13: a PM run passes the same gate as a coding attempt (the circuit breaker of its
  // agent, the spend caps); a held refine revision says why and is asked again by the sweep
  // (a held plan run is logged: its caller asks again).
  const item = await loadItem(session, effect.issue);
  const gate = item ? dispatchGate({
    item: { track: item.state.track, attempts: item.state.attempts },
    repository: await repositoryFacts(session)(),
    agent: agent.name,
    now: Date.parse(session.now()),
    caps: { perItemUsd: config.budget.per_item_usd, perDayUsd: config.budget.per_day_usd },
    breaker: { threshold: config.breaker.threshold, cooldownMs: config.breaker.cooldown_minutes * 60_000 },
  }) : null;
  const hold = item && effect.task === "refine" ? refineHold(item.state.refine, effect.revision, gate && !gate.allow ? gate.reason : null, session.now()) : null;
  if (item && hold) await saveItem(session, item, { ...item.state, refine: hold });
  if (gate && !gate.allow) {
    session.log.info({ issue: effect.issue, revision: effect.revision, gate: gate.gate, why: gate.reason }, "PM run held by a budget or the circuit breaker");
    return;
  }
  const ref = await port.getDefaultBranch();
  const inputs = { issue: String(effect.issue), mode: effect.task, revision: String(effect.revision), agent: agent.name };
  const result = await port.dispatchWorkflow(config.worker.workflow, ref, inputs);
  if (result.ok) {
    if (!result.duplicate) session.log.info({ issue: effect.issue, task: effect.task, revision: effect.revision, agent: agent.name }, "PM run dispatched");
    return;
  }
  const failure =
    result.status === 404
      ? `the worker workflow \`.github/workflows/${config.worker.workflow}\` was not found on \`${ref}\`, so the PM agent could not run`
      : `GitHub refused to dispatch the PM run of \`${config.worker.workflow}\` (${result.message}); its \`workflow_dispatch\` needs the inputs \`mode\` (with \`${effect.task}\`), \`revision\` and \`agent\` (see docs/pm-agent.md)`;
  session.log.warn({ issue: effect.issue, task: effect.task, revision: effect.revision, status: result.status }, "PM run dispatch refused");
  if (effect.task !== "refine") return;
  const current = await loadItem(session, effect.issue);
  const refine = current ? refineRunFailed(current.state.refine, effect.revision, failure) : null;
  if (current && refine) await saveItem(session, current, { ...current.state, refine });
}
