import type { RepoSession } from "./session.js";

/**
 * Requests a PM `plan` run of epic `issue`, revision `revision` (issue #13 item 3): the worker
 * workflow dispatched with inputs `{mode: "plan", issue, revision}` on the default branch, through
 * the port's one dispatch path, whose idempotency ref `refs/orchestrator/dispatch/<issue>/pm-plan-<revision>`
 * (src/github/dispatch-key.ts) makes a second request for the same revision send nothing. The
 * caller records the revision BEFORE calling (the commit point), so a crash in between is repaired
 * by calling again. Returns why GitHub refused (a missing workflow, inputs it does not take), for
 * the epic's status comment; null when the run is out (or was already).
 */
export async function dispatchPlanRun(session: RepoSession, issue: number, revision: number): Promise<string | null> {
  const { port, config } = session;
  const ref = await port.getDefaultBranch();
  const result = await port.dispatchWorkflow(config.worker.workflow, ref, { mode: "plan", issue: String(issue), revision: String(revision) });
  if (result.ok) {
    session.log.info({ issue, revision, duplicate: result.duplicate === true }, "plan run dispatched");
    return null;
  }
  session.log.warn({ issue, revision, status: result.status }, "plan run dispatch refused");
  return result.status === 404
    ? `the worker workflow \`.github/workflows/${config.worker.workflow}\` was not found on \`${ref}\`, so the PM agent could not run`
    : `GitHub refused to dispatch the plan run of \`${config.worker.workflow}\` (${result.message}); its \`workflow_dispatch\` needs the inputs \`mode\` and \`revision\` (see docs/pm-plan.md)`;
}
