import type { PmTask } from "../domain/pm/tasks.js";
import { dispatchGate } from "../domain/dispatch-gate.js";
import { refineHold, refineRunFailed } from "../domain/pm/refine.js";
import { repositoryFacts } from "./scheduler.js";
import type { Effect } from "./effects.js";
import { loadItem, saveItem, type LoadedItem } from "./item-store.js";
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

/** What asking for a PM run came to: sent (or already out), held by the gate, or refused by GitHub. */
export type PmRunSent = { kind: "sent" } | { kind: "held"; reason: string } | { kind: "refused"; failure: string };

/**
 * Sends PM run `revision` of `task` on `issue`, through the dispatch gate of coding attempts
 * (src/domain/dispatch-gate.ts: the circuit breaker of `pm.agent`'s CLI, `budget.per_item_usd`,
 * `budget.per_day_usd`), then the port's one dispatch path with inputs `{issue, mode, revision,
 * agent}`. The one way both PM tasks (refine, plan) are dispatched. `item` is the work item as the
 * caller loaded it (its track and attempts feed the gate). Never throws for a refusal: it is
 * returned with words for the item's status comment.
 */
export async function sendPmRun(session: RepoSession, task: PmTask, issue: number, revision: number, item: LoadedItem | null): Promise<PmRunSent> {
  const { port, config } = session;
  const agent = config.pm.agent;
  if (agent === null) return { kind: "held", reason: "no PM agent is configured (`pm.agent`)" };
  const gate = item ? dispatchGate({
    item: { track: item.state.track, attempts: item.state.attempts },
    repository: await repositoryFacts(session)(),
    agent: agent.name,
    now: Date.parse(session.now()),
    caps: { perItemUsd: config.budget.per_item_usd, perDayUsd: config.budget.per_day_usd },
    breaker: { threshold: config.breaker.threshold, cooldownMs: config.breaker.cooldown_minutes * 60_000 },
  }) : null;
  if (gate && !gate.allow) {
    session.log.info({ issue, task, revision, gate: gate.gate, why: gate.reason }, "PM run held by a budget or the circuit breaker");
    return { kind: "held", reason: gate.reason };
  }
  const ref = await port.getDefaultBranch();
  const result = await port.dispatchWorkflow(config.worker.workflow, ref, { issue: String(issue), mode: task, revision: String(revision), agent: agent.name });
  if (result.ok) {
    if (!result.duplicate) session.log.info({ issue, task, revision, agent: agent.name }, "PM run dispatched");
    return { kind: "sent" };
  }
  session.log.warn({ issue, task, revision, status: result.status }, "PM run dispatch refused");
  return {
    kind: "refused",
    failure:
      result.status === 404
        ? `the worker workflow \`.github/workflows/${config.worker.workflow}\` was not found on \`${ref}\`, so the PM agent could not run`
        : `GitHub refused to dispatch the PM run of \`${config.worker.workflow}\` (${result.message}); its \`workflow_dispatch\` needs the inputs \`mode\` (with \`${task}\`), \`revision\` and \`agent\` (see docs/pm-agent.md)`,
  };
}

/**
 * Applies a `dispatch-pm` effect ({@link sendPmRun}) and records on a refine item what came of it:
 * a held revision says why in the status comment (the sweep asks again), a refused one says what
 * GitHub refused. Nothing is thrown, since a redelivery would meet the same refusal.
 */
export async function dispatchPmRun(session: RepoSession, effect: Extract<Effect, { kind: "dispatch-pm" }>): Promise<void> {
  const item = await loadItem(session, effect.issue);
  const sent = await sendPmRun(session, effect.task, effect.issue, effect.revision, item);
  if (effect.task !== "refine" || !item) return;
  if (sent.kind === "held" || sent.kind === "sent") {
    const hold = refineHold(item.state.refine, effect.revision, sent.kind === "held" ? sent.reason : null, session.now());
    if (hold) await saveItem(session, item, { ...item.state, refine: hold });
    return;
  }
  const refine = refineRunFailed(item.state.refine, effect.revision, sent.failure);
  if (refine) await saveItem(session, item, { ...item.state, refine });
}
