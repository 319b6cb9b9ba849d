import type { WorkflowRunSnapshot } from "../port.js";
import type { PortContext } from "./types.js";
import { messageOf, statusOf } from "./types.js";

/** GitHub Actions: dispatch the worker workflow, list and cancel its runs. */
export function actionOps({ octokit, repo }: PortContext) {
  return {
    async dispatchWorkflow(workflow: string, ref: string, inputs: Record<string, string>) {
      try {
        await octokit.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: workflow, ref, inputs });
        return { ok: true as const };
      } catch (error) {
        const status = statusOf(error);
        if (status !== 404 && status !== 422) throw error;
        return { ok: false as const, status, message: messageOf(error) };
      }
    },
    async listWorkflowRuns(workflow: string): Promise<WorkflowRunSnapshot[]> {
      const { data } = await octokit.rest.actions.listWorkflowRuns({ ...repo, workflow_id: workflow, per_page: 100 });
      return data.workflow_runs.map((run) => ({
        id: run.id,
        path: run.path,
        status: run.status ?? "unknown",
        conclusion: run.conclusion ?? null,
        event: run.event,
        htmlUrl: run.html_url,
        createdAt: run.created_at,
        displayTitle: run.display_title,
      }));
    },
    async cancelWorkflowRun(runId: number): Promise<void> {
      try {
        await octokit.rest.actions.cancelWorkflowRun({ ...repo, run_id: runId });
      } catch (error) {
        // 409: the run already completed; cancelling is then moot.
        if (statusOf(error) !== 409) throw error;
      }
    },
  };
}
