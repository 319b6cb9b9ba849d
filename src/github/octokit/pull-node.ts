import { z } from "zod";
import type { PullRequestSnapshot } from "../port.js";
import { author, toActor } from "./issue-thread.js";

/**
 * A pull request read with GraphQL, mapped exactly as `getPullRequest` maps REST's pull request
 * (map.ts `toPullRequest`), so the work-item view can answer it (issue #9 "A request budget":
 * the pass's first read of a pull request is no request of its own):
 * - `state` from `closed` (a merged pull request is closed, as REST says), `merged`, the merge
 *   commit's oid as `mergeCommitSha` (REST also names a test merge commit before the merge; the app
 *   reads it only of merged pull requests);
 * - `mergeable` from `MergeableState` (MERGEABLE true, CONFLICTING false, UNKNOWN null: GitHub
 *   computes it lazily, as REST's null), `mergeableState` REST's value from `mergeStateStatus`
 *   (the same names, lower-cased: "clean", "dirty", "behind"...);
 * - heads and bases from `headRefName`/`headRefOid`/`baseRefName`/`baseRefOid`, `draft` from
 *   `isDraft`, `htmlUrl` from `url`, `nodeId` from `id`, the author as issue-thread.ts maps actors.
 * Reference: https://docs.github.com/en/graphql/reference/objects#pullrequest
 */

/** The fields a pull request shares with an issue in the view's selection (issue-thread.ts `ISSUE_FIELDS`) are not repeated here. */
export const PULL_ONLY_FIELDS = "merged isDraft headRefName headRefOid baseRefName baseRefOid mergeCommit { oid } mergeable mergeStateStatus";
/** Every field {@link toPullRequestNode} maps. */
export const PULL_FIELDS = `id number title body closed url ${"author { __typename login }"} labels(first: 100) { nodes { name } } ${PULL_ONLY_FIELDS}`;

export const pullNode = z.object({
  id: z.string(),
  number: z.number().int(),
  title: z.string(),
  body: z.string(),
  closed: z.boolean(),
  url: z.string(),
  author,
  labels: z.object({ nodes: z.array(z.object({ name: z.string() }).nullable()) }).nullable(),
  merged: z.boolean(),
  isDraft: z.boolean(),
  headRefName: z.string(),
  headRefOid: z.string(),
  baseRefName: z.string(),
  baseRefOid: z.string(),
  mergeCommit: z.object({ oid: z.string() }).nullable(),
  mergeable: z.string(),
  mergeStateStatus: z.string(),
});

/** A pull request node as `getPullRequest` maps the REST pull request (see the module comment). */
export function toPullRequestNode(node: z.infer<typeof pullNode>): PullRequestSnapshot {
  return {
    number: node.number,
    title: node.title,
    body: node.body,
    state: node.closed ? "closed" : "open",
    merged: node.merged,
    mergeCommitSha: node.mergeCommit?.oid ?? null,
    draft: node.isDraft,
    headRef: node.headRefName,
    headSha: node.headRefOid,
    baseRef: node.baseRefName,
    baseSha: node.baseRefOid,
    mergeable: node.mergeable === "MERGEABLE" ? true : node.mergeable === "CONFLICTING" ? false : null,
    mergeableState: node.mergeStateStatus.toLowerCase(),
    author: toActor(node.author),
    labels: (node.labels?.nodes ?? []).flatMap((l) => (l ? [l.name] : [])),
    htmlUrl: node.url,
    nodeId: node.id,
  };
}
