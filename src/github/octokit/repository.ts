import type { CommitComparison, WorkflowFile } from "../port.js";
import type { PortContext } from "./types.js";
import { orNotFound } from "./types.js";

/** Where GitHub runs workflows from (files directly in it; subdirectories are not workflows). */
const WORKFLOWS_DIR = ".github/workflows";
/** At most this many workflow files are read (one request each). */
const MAX_WORKFLOW_FILES = 50;
/** Workflow files larger than this are listed without their text. */
const MAX_WORKFLOW_FILE_BYTES = 64 * 1024;

/** Repository-level reads: default branch, branch tips, commit comparison, workflow files. */
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
    async compareCommits(base: string, head: string): Promise<CommitComparison | null> {
      return orNotFound(async () => {
        // One commit per page: only the counts are read, not the commit list or files.
        const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${base}...${head}`, per_page: 1 });
        return { status: data.status, aheadBy: data.ahead_by, behindBy: data.behind_by };
      }, null);
    },
    async listWorkflowFiles(): Promise<WorkflowFile[]> {
      // Without `ref` the contents API reads the default branch, where GitHub takes workflows from.
      const listing = await orNotFound(async () => (await octokit.rest.repos.getContent({ ...repo, path: WORKFLOWS_DIR })).data, []);
      if (!Array.isArray(listing)) return [];
      const files = listing.filter((e) => e.type === "file" && /\.ya?ml$/.test(e.name)).slice(0, MAX_WORKFLOW_FILES);
      const out: WorkflowFile[] = [];
      for (const file of files) {
        if (file.size > MAX_WORKFLOW_FILE_BYTES) {
          out.push({ path: file.path, text: null });
          continue;
        }
        const text = await orNotFound(async () => {
          const { data } = await octokit.rest.repos.getContent({ ...repo, path: file.path, mediaType: { format: "raw" } });
          return typeof data === "string" ? data : null;
        }, null);
        out.push({ path: file.path, text });
      }
      return out;
    },
  };
}
