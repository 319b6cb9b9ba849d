import { dispatchIdentity, type DispatchIdentity } from "../dispatch-key.js";
import { z } from "zod";
import type { DispatchResult, WorkflowRunSnapshot } from "../port.js";
import { pause, policyOf } from "../retry-policy.js";
import { createOnce, NO_BLIND_RETRY } from "./create-once.js";
import type { PortContext } from "./types.js";
import { messageOf, orNotFound, statusOf } from "./types.js";

/** When a dispatch's answer is lost, its run is looked for after these waits (seconds): runs appear late. */
const RUN_LOOKUP_WAITS = [0, 2, 5];

/** The 200 answer of a dispatch with `return_run_details` (GitHub's changelog, 2026-02-19). */
const runDetails = z.object({ workflow_run_id: z.number().int(), html_url: z.string() });

/** GitHub Actions: dispatch the worker workflow (exactly once per attempt), list and cancel its runs. */
export function actionOps({ octokit, repo }: PortContext) {
  const policy = policyOf(octokit);

  async function listWorkflowRuns(workflow: string): Promise<WorkflowRunSnapshot[]> {
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
  }

  async function refExists(ref: string): Promise<boolean> {
    return orNotFound(async () => {
      await octokit.rest.git.getRef({ ...repo, ref: ref.replace(/^refs\//, "") });
      return true;
    }, false);
  }

  /**
   * Creates the dispatch's idempotency ref at the head of `branch`. "taken": it existed (another
   * handler or replica dispatched this attempt). A claim whose answer was lost is read back: if the
   * ref exists it is taken as ours (GitHub applied our write); the one case this misreads, a second
   * replica claiming the same attempt in the same instant, is closed by the Redis lock (REDIS_URL).
   */
  async function claim(identity: DispatchIdentity, branch: string): Promise<"claimed" | "taken" | "no-branch"> {
    const sha = await orNotFound(async () => (await octokit.rest.git.getRef({ ...repo, ref: `heads/${branch.replace(/^refs\/heads\//, "")}` })).data.object.sha, null);
    if (!sha) return "no-branch";
    return createOnce<"claimed" | "taken">(
      policy,
      async () => {
        try {
          await octokit.rest.git.createRef({ ...repo, ref: identity.ref, sha, ...NO_BLIND_RETRY });
          return "claimed";
        } catch (error) {
          if (statusOf(error) === 422 && /already exists/i.test(messageOf(error))) return "taken";
          throw error;
        }
      },
      async () => ((await refExists(identity.ref)) ? "claimed" : null),
    );
  }

  /** Whether a run titled `title` of `workflow` exists, looked for over a few seconds. */
  async function runStarted(workflow: string, title: string): Promise<boolean> {
    for (const wait of RUN_LOOKUP_WAITS) {
      await pause(wait, policy);
      if ((await listWorkflowRuns(workflow)).some((run) => run.displayTitle === title)) return true;
    }
    return false;
  }

  /** Sends the dispatch; an answer lost is resolved by looking for the run before sending again. */
  async function send(workflow: string, ref: string, inputs: Record<string, string>, identity: DispatchIdentity | null): Promise<DispatchResult> {
    const dispatch = async (): Promise<DispatchResult> => {
      try {
        // The run's id and page come back at once when GitHub supports it (else 204, no body).
        const { data } = await octokit.request("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", {
          ...repo,
          workflow_id: workflow,
          ref,
          inputs,
          return_run_details: true,
          ...NO_BLIND_RETRY,
        });
        const details = runDetails.safeParse(data);
        return details.success ? { ok: true, run: { id: details.data.workflow_run_id, htmlUrl: details.data.html_url } } : { ok: true };
      } catch (error) {
        const status = statusOf(error);
        if (status === 404 || status === 422) return { ok: false, status, message: messageOf(error) };
        throw error;
      }
    };
    // Without a run title there is no way to tell whether GitHub started the run: never resent.
    if (!identity) return dispatch();
    return createOnce(policy, dispatch, async () => ((await runStarted(workflow, identity.runTitle)) ? { ok: true } : null));
  }

  return {
    /**
     * See GitHubPort.dispatchWorkflow. Inputs naming an attempt (`issue` + `attempt`) or a reviewer
     * run (`issue`, `mode: review`, `pr`, `head`) are dispatched at most once, ever: the idempotency
     * ref (dispatch-key.ts) is created first (the commit point); if it exists, nothing is sent and
     * `duplicate: true` comes back. A refused dispatch (404/422) releases the ref: no run started.
     * An error after the claim leaves the ref without a run: the reconciler gives such an attempt up
     * and records a new one (a new key), so no attempt ever runs twice.
     */
    async dispatchWorkflow(workflow: string, ref: string, inputs: Record<string, string>): Promise<DispatchResult> {
      const identity = dispatchIdentity(inputs);
      if (identity) {
        const claimed = await claim(identity, ref);
        if (claimed === "no-branch") return { ok: false, status: 422, message: `No ref found for: ${ref}` };
        if (claimed === "taken") return { ok: true, duplicate: true };
      }
      const result = await send(workflow, ref, inputs, identity);
      if (!result.ok && identity) {
        await octokit.rest.git.deleteRef({ ...repo, ref: identity.ref.replace(/^refs\//, "") }).catch((error: unknown) => {
          if (statusOf(error) !== 422 && statusOf(error) !== 404) throw error;
        });
      }
      return result;
    },
    listWorkflowRuns,
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
