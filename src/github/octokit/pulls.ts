import type { ChangedFile, GuardedResult, PullRequestSnapshot, ReviewSnapshot, ReviewSpec } from "../port.js";
import { toActor, toPullRequest, type RawPull } from "./map.js";
import type { PortContext } from "./types.js";
import { messageOf, orNotFound, statusOf } from "./types.js";

/** Whether `reviews` hold ours (a bot's, carrying the spec's marker) on the spec's commit. */
export function reviewed(reviews: readonly ReviewSnapshot[], spec: ReviewSpec): boolean {
  return reviews.some((r) => r.commitId === spec.commitId && r.author.type === "Bot" && r.body.includes(spec.marker));
}

/** Pull requests: open/update, files, reviews, and the guarded writes the merge queue relies on. */
export function pullOps({ octokit, repo }: PortContext) {
  async function findOpenPullRequest(branch: string): Promise<PullRequestSnapshot | null> {
    const { data } = await octokit.rest.pulls.list({ ...repo, state: "open", head: `${repo.owner}:${branch}`, per_page: 10 });
    const first = data[0];
    return first ? toPullRequest(first as RawPull) : null;
  }

  async function listReviews(number: number): Promise<ReviewSnapshot[]> {
    const raw = await octokit.paginate(octokit.rest.pulls.listReviews, { ...repo, pull_number: number, per_page: 100 });
    return raw.map((r) => ({
      id: r.id,
      state: r.state,
      body: r.body ?? "",
      commitId: r.commit_id ?? null,
      author: toActor(r.user),
    }));
  }

  /** The open pull request `existing` with the title and body of `spec` (updated only when they differ). */
  async function updated(existing: PullRequestSnapshot, spec: { title: string; body: string }): Promise<PullRequestSnapshot> {
    if (existing.title === spec.title && existing.body === spec.body) return existing;
    const { data } = await octokit.rest.pulls.update({ ...repo, pull_number: existing.number, title: spec.title, body: spec.body });
    return toPullRequest(data as RawPull);
  }

  return {
    findOpenPullRequest,
    listReviews,
    async getPullRequest(number: number): Promise<PullRequestSnapshot | null> {
      return orNotFound(async () => {
        const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
        return toPullRequest(data as RawPull);
      }, null);
    },
    async listOpenPullRequests(): Promise<PullRequestSnapshot[]> {
      const raw = await octokit.paginate(octokit.rest.pulls.list, { ...repo, state: "open", per_page: 100 });
      return (raw as RawPull[]).map(toPullRequest);
    },
    async openOrUpdatePullRequest(spec: { head: string; base: string; title: string; body: string }): Promise<PullRequestSnapshot> {
      // Created first (request budget, issue #9: a new attempt's pull request costs one request);
      // GitHub refuses a second open pull request for the same head with 422, and only then is the
      // open one looked up and updated (a rerun, or a create whose answer was lost and retried).
      try {
        const { data } = await octokit.rest.pulls.create({ ...repo, head: spec.head, base: spec.base, title: spec.title, body: spec.body });
        return toPullRequest(data as RawPull);
      } catch (error) {
        if (statusOf(error) !== 422) throw error;
        const existing = await findOpenPullRequest(spec.head);
        if (!existing) throw error;
        return updated(existing, spec);
      }
    },
    async listPullRequestFiles(number: number): Promise<ChangedFile[]> {
      const raw = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number: number, per_page: 100 });
      return raw.map((f) => ({
        path: f.filename,
        status: f.status,
        ...(f.previous_filename ? { previousPath: f.previous_filename } : {}),
        additions: f.additions,
        deletions: f.deletions,
      }));
    },
    async ensureReview(number: number, spec: ReviewSpec, options: { absent?: boolean } = {}): Promise<boolean> {
      if (!options.absent && reviewed(await listReviews(number), spec)) return false;
      await octokit.rest.pulls.createReview({ ...repo, pull_number: number, commit_id: spec.commitId, event: spec.event, body: spec.body });
      return true;
    },
    async updateBranch(number: number, expectedHeadSha: string): Promise<GuardedResult> {
      try {
        await octokit.rest.pulls.updateBranch({ ...repo, pull_number: number, expected_head_sha: expectedHeadSha });
        return { ok: true, sha: expectedHeadSha };
      } catch (error) {
        const status = statusOf(error);
        if (status === 422 || status === 409) return { ok: false, status, message: messageOf(error) };
        throw error;
      }
    },
    async mergeIfHeadIs(
      number: number,
      sha: string,
      method: "merge" | "squash" | "rebase",
      commit?: { title?: string; message?: string },
    ): Promise<GuardedResult> {
      try {
        const { data } = await octokit.rest.pulls.merge({
          ...repo,
          pull_number: number,
          sha,
          merge_method: method,
          ...(commit?.title ? { commit_title: commit.title } : {}),
          ...(commit?.message ? { commit_message: commit.message } : {}),
        });
        return { ok: true, sha: data.sha };
      } catch (error) {
        const status = statusOf(error);
        if (status === 405 || status === 409 || status === 422) return { ok: false, status, message: messageOf(error) };
        throw error;
      }
    },
  };
}
