import type { LoadedItem } from "./item-store.js";
import { sendPmRun } from "./pm-dispatch.js";
import type { RepoSession } from "./session.js";

/**
 * Requests a PM `plan` run of `epic`, revision `revision` (issue #13 item 3) through the one
 * PM dispatch ({@link sendPmRun}: the dispatch gate, then the worker workflow with `mode: plan`),
 * whose idempotency ref `refs/orchestrator/dispatch/<issue>/pm-plan-<revision>` makes a second
 * request for the same revision send nothing. The caller records the revision BEFORE calling (the
 * commit point), so a crash in between is repaired by calling again. Returns why GitHub refused (a
 * missing workflow, inputs it does not take), for the epic's status comment; null when the run is
 * out (or was already), or held by a budget or the circuit breaker (logged; the sweep's `plan`
 * follow-up asks again).
 */
export async function dispatchPlanRun(session: RepoSession, epic: LoadedItem, revision: number): Promise<string | null> {
  const sent = await sendPmRun(session, "plan", epic.issue.number, revision, epic);
  return sent.kind === "refused" ? sent.failure : null;
}
