/**
 * Simulated GitHub Actions for workflow_dispatch: a run goes queued -> in_progress -> completed
 * (success | failure | cancelled), sends workflow_run requested/in_progress/completed, and calls the
 * registered WorkflowRunner with a fresh clone and a run token acting as github-actions[bot].
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { StandInContext } from "./context.js";
import type { WorkflowRunRecord } from "./state.js";
import { emit } from "./events.js";
import { isoNow, repositoryJson, workflowJson, workflowRunJson } from "./shapes.js";

export class WorkflowEngine {
  private readonly active = new Set<Promise<void>>();

  constructor(private readonly ctx: () => StandInContext) {}

  /** Runs started and not yet completed. */
  get pending(): number {
    return this.active.size;
  }

  async runJson(run: WorkflowRunRecord): Promise<Record<string, unknown>> {
    const ctx = this.ctx();
    return workflowRunJson(ctx, run, await ctx.git.commitInfo(run.headSha).catch(() => null));
  }

  private async send(run: WorkflowRunRecord, action: string, sender: string): Promise<void> {
    const ctx = this.ctx();
    emit(ctx, "workflow_run", sender, { action, workflow_run: await this.runJson(run), workflow: workflowJson(ctx, run.workflowFile) });
  }

  /** Creates the run (queued) and starts it in the background. */
  async dispatch(input: { workflowFile: string; name: string; ref: string; sha: string; inputs: Record<string, string>; actor: string }): Promise<WorkflowRunRecord> {
    const ctx = this.ctx();
    const now = isoNow();
    const id = ctx.state.ids.take("workflowRun");
    const run: WorkflowRunRecord = {
      id,
      runNumber: ctx.state.ids.take("runNumber"),
      workflowFile: input.workflowFile,
      workflowId: ctx.state.workflowId(input.workflowFile),
      name: input.name,
      headBranch: input.ref,
      headSha: input.sha,
      event: "workflow_dispatch",
      status: "queued",
      conclusion: null,
      inputs: input.inputs,
      actor: input.actor,
      createdAt: now,
      updatedAt: now,
      runStartedAt: null,
      token: ctx.auth.issueRunToken(id),
      abort: new AbortController(),
    };
    ctx.state.workflowRuns.set(run.id, run);
    ctx.note({ kind: "workflow", actor: input.actor, summary: `workflow ${input.workflowFile} dispatched on ${input.ref} as run ${run.id} by ${input.actor} inputs=${JSON.stringify(input.inputs)}` });
    await this.send(run, "requested", input.actor);
    const p = this.execute(run).catch((e) => {
      ctx.note({ kind: "workflow", summary: `run ${run.id} crashed in the stand-in: ${String(e)}` });
    });
    this.active.add(p);
    void p.finally(() => this.active.delete(p));
    return run;
  }

  /** Cancels a run; false if it already completed. */
  cancel(run: WorkflowRunRecord, by: string): boolean {
    if (run.status === "completed") return false;
    this.ctx().note({ kind: "workflow", actor: by, summary: `run ${run.id} cancel requested by ${by}` });
    run.abort.abort();
    return true;
  }

  private async execute(run: WorkflowRunRecord): Promise<void> {
    const ctx = this.ctx();
    // Let the dispatch request answer first, as GitHub queues runs asynchronously.
    await new Promise((r) => setTimeout(r, 5));
    if (run.abort.signal.aborted) return this.finish(run, "cancelled");
    run.status = "in_progress";
    run.runStartedAt = run.updatedAt = isoNow();
    await this.send(run, "in_progress", run.actor);
    const runner = ctx.opts.workflows?.[run.workflowFile];
    if (!runner) {
      ctx.note({ kind: "workflow", summary: `run ${run.id}: no WorkflowRunner registered for ${run.workflowFile}; failing it` });
      return this.finish(run, "failure");
    }
    const cloneDir = await ctx.git.cloneAt(run.headBranch, `run-${run.id}-`, { name: "github-actions[bot]", email: "41898282+github-actions[bot]@users.noreply.github.com" });
    // The event payload every run gets in GITHUB_EVENT_PATH (a workflow_dispatch's), outside the checkout.
    const eventDir = await mkdtemp(path.join(tmpdir(), `run-${run.id}-event-`));
    const eventPath = path.join(eventDir, "event.json");
    const payload = { inputs: run.inputs, ref: `refs/heads/${run.headBranch}`, repository: repositoryJson(ctx), sender: { login: run.actor }, workflow: `.github/workflows/${run.workflowFile}` };
    await writeFile(eventPath, JSON.stringify(payload));
    const env: Record<string, string> = {
      GITHUB_TOKEN: run.token,
      GITHUB_REPOSITORY: `${ctx.owner}/${ctx.repo}`,
      GITHUB_REPOSITORY_OWNER: ctx.owner,
      GITHUB_API_URL: ctx.apiUrl,
      GITHUB_SERVER_URL: ctx.baseUrl,
      GITHUB_RUN_ID: String(run.id),
      GITHUB_RUN_NUMBER: String(run.runNumber),
      GITHUB_RUN_ATTEMPT: "1",
      GITHUB_WORKFLOW: run.name,
      GITHUB_EVENT_NAME: "workflow_dispatch",
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REF: `refs/heads/${run.headBranch}`,
      GITHUB_REF_NAME: run.headBranch,
      GITHUB_SHA: run.headSha,
      GITHUB_ACTOR: run.actor,
      GITHUB_WORKSPACE: cloneDir,
      CI: "true",
      GITHUB_ACTIONS: "true",
      // Read by the post-receive hook so pushes from this run are attributed to github-actions[bot].
      STANDIN_PUSHER: "github-actions[bot]",
    };
    let conclusion: "success" | "failure" | "cancelled";
    try {
      const { exitCode } = await runner({ runId: run.id, inputs: run.inputs, ref: run.headBranch, cloneDir, env, signal: run.abort.signal });
      conclusion = run.abort.signal.aborted ? "cancelled" : exitCode === 0 ? "success" : "failure";
    } catch (e) {
      conclusion = run.abort.signal.aborted ? "cancelled" : "failure";
      if (conclusion === "failure") ctx.note({ kind: "workflow", summary: `run ${run.id} runner threw: ${String(e)}` });
    } finally {
      await rm(cloneDir, { recursive: true, force: true });
      await rm(eventDir, { recursive: true, force: true });
    }
    await this.finish(run, conclusion);
  }

  private async finish(run: WorkflowRunRecord, conclusion: "success" | "failure" | "cancelled"): Promise<void> {
    const ctx = this.ctx();
    run.status = "completed";
    run.conclusion = conclusion;
    run.updatedAt = isoNow();
    ctx.auth.revoke(run.token);
    ctx.note({ kind: "workflow", summary: `run ${run.id} (${run.workflowFile}) completed: ${conclusion}` });
    await this.send(run, "completed", run.actor);
  }

  async drain(): Promise<void> {
    while (this.active.size) await Promise.allSettled([...this.active]);
  }
}
