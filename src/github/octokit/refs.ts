import type { BranchMerge, GuardedResult } from "../port.js";
import type { PortContext } from "./types.js";
import { messageOf, orNotFound, statusOf } from "./types.js";

/**
 * Branch writes of the merge queue's batch strategy (issue #14): a staging branch set to any
 * commit (create, else force-update), a head merged into a branch on GitHub's side (`POST
 * /merges`: no clone needed), a fast-forward guarded by GitHub (`force: false`), and the message
 * of a commit (where the staging head records its batch).
 */
export function refOps({ octokit, repo }: PortContext) {
  return {
    async setBranch(branch: string, sha: string): Promise<void> {
      try {
        await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha });
      } catch (error) {
        // 422 "Reference already exists": move it, whatever it pointed at (a staging branch is ours).
        if (statusOf(error) !== 422) throw error;
        await octokit.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha, force: true });
      }
    },
    async mergeIntoBranch(branch: string, head: string, message: string): Promise<BranchMerge> {
      try {
        const { data, status } = await octokit.rest.repos.merge({ ...repo, base: branch, head, commit_message: message });
        // 204: `head` is already contained in `branch`; nothing was written.
        if ((status as number) === 204 || !data?.sha) return { kind: "noop" };
        return { kind: "merged", sha: data.sha };
      } catch (error) {
        if (statusOf(error) === 409) return { kind: "conflict", message: messageOf(error) };
        throw error;
      }
    },
    async fastForwardBranch(branch: string, sha: string): Promise<GuardedResult> {
      try {
        await octokit.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha, force: false });
        return { ok: true, sha };
      } catch (error) {
        const status = statusOf(error);
        if (status === 422 || status === 409) return { ok: false, status, message: messageOf(error) };
        throw error;
      }
    },
    async getCommitMessage(sha: string): Promise<string | null> {
      return orNotFound(async () => {
        const { data } = await octokit.rest.git.getCommit({ ...repo, commit_sha: sha });
        return data.message;
      }, null);
    },
  };
}
