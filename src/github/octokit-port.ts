import type { GitHubPort, RepoRef } from "./port.js";
import { actionOps } from "./octokit/actions.js";
import { checkOps } from "./octokit/checks.js";
import { commentOps } from "./octokit/comments.js";
import { issueOps } from "./octokit/issues.js";
import { labelOps } from "./octokit/labels.js";
import { mergeQueueOps } from "./octokit/merge-queue.js";
import { peopleOps } from "./octokit/people.js";
import { publicationOps } from "./octokit/publications.js";
import { pullOps } from "./octokit/pulls.js";
import { refOps } from "./octokit/refs.js";
import { repositoryOps } from "./octokit/repository.js";
import type { Octokit } from "./octokit/types.js";

export type { Octokit } from "./octokit/types.js";

/**
 * The Octokit implementation of {@link GitHubPort} for one repository, composed of one module per
 * resource (repository, refs, issues, labels, comments, people, actions, pulls, checks).
 *
 * @param octokit an authenticated Probot Octokit (installation auth in the app, the workflow's
 *   GITHUB_TOKEN in the worker); its baseUrl decides GitHub.com, GHES or the local stand-in.
 * @param repo the repository every operation acts on.
 * @param options.appSlug our GitHub App's slug, when known, so check runs of the same name
 *   from other apps are never mistaken for ours.
 */
export function createOctokitPort(octokit: Octokit, repo: RepoRef, options: { appSlug?: string } = {}): GitHubPort {
  const ctx = { octokit, repo };
  const checks = checkOps(ctx, () => options.appSlug);
  const pulls = pullOps(ctx);
  // The writes that publish an item's write (check runs, the review) ride in its request.
  const publications = publicationOps(ctx, { runs: checks.runs, listReviews: pulls.listReviews, upsertCheckRun: checks.ops.upsertCheckRun, ensureReview: pulls.ensureReview });
  return {
    repo,
    ...repositoryOps(ctx),
    ...refOps(ctx),
    ...mergeQueueOps(ctx),
    ...issueOps(ctx),
    ...labelOps(ctx),
    ...commentOps(ctx, publications),
    ...peopleOps(ctx),
    ...actionOps(ctx),
    ...pulls,
    ...checks.ops,
    publish: publications.publish,
  };
}
