import type { PortContext } from "./types.js";
import { orNotFound } from "./types.js";

/** Repository-level reads: default branch and branch tips. */
export function repositoryOps({ octokit, repo }: PortContext) {
  let defaultBranch: string | undefined;
  return {
    async getDefaultBranch(): Promise<string> {
      // The default branch rarely changes; one read per port instance (one event) is enough.
      if (defaultBranch !== undefined) return defaultBranch;
      const { data } = await octokit.rest.repos.get({ ...repo });
      defaultBranch = data.default_branch;
      return defaultBranch;
    },
    async getBranchSha(branch: string): Promise<string | null> {
      return orNotFound(async () => {
        const { data } = await octokit.rest.git.getRef({ ...repo, ref: `heads/${branch}` });
        return data.object.sha;
      }, null);
    },
  };
}
