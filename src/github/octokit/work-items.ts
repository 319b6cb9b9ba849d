import { z } from "zod";
import type { CommentSnapshot, CommitComparison, IssueSnapshot, WorkItemsRead } from "../port.js";
import { COMMENTS_PAGE, ISSUE_FIELDS, lacksField, lacksRelations, RELATIONS, threadNode, toComment, toIssue, type ThreadNode } from "./issue-thread.js";
import { PULL_FIELDS, PULL_ONLY_FIELDS, pullNode, toPullRequestNode } from "./pull-node.js";
import type { PortContext } from "./types.js";
import { rememberRepositoryId } from "./repository-id.js";

/**
 * A pass's view of the work items in ONE GraphQL request (issue #9 "A request budget": "batched
 * reads (GraphQL for issue lists with labels, relations and the status comment)"):
 * - `thread`: one issue or pull request by number (`Repository.issueOrPullRequest`) with its
 *   labels, relation counts and first {@link THREAD_COMMENTS} comments; a pull request with its
 *   pull request fields, and an issue with the open pull requests that close it
 *   (`closedByPullRequestsReferences`, up to {@link THREAD_PULLS}: a work item's worker pull
 *   request says `Closes #N`), both as `getPullRequest` maps them (pull-node.ts);
 * - one aliased `Repository.issues` connection per label (`labels: [label]`, open, newest first as
 *   REST's `GET /issues` lists them), up to {@link LIST_PAGE} issues each, every issue with its
 *   labels, relation counts and first {@link LIST_COMMENTS} comments (a status comment is among an
 *   issue's first comments: it is written when the issue is triaged);
 * - when asked, the open issues updated since a time (`filterBy: { since }`, the dispatch gate's
 *   window), up to {@link RECENT_PAGE}, the same way, each with its `updatedAt`;
 * - the default branch and its head commit (`defaultBranchRef`), as `getBranchSha` answers it;
 * - when asked (`compareWith`, the default branch's name), a thread pull request's head compared
 *   with that branch (`headRef.compare`), as `compareCommits(branch head, pull request head)`
 *   answers it: the merge queue's "does the head contain the base" for the event's pull request.
 * Issues and comments are mapped exactly as `getIssue` and `listComments` map them (issue-thread.ts).
 * What does not fit is said, never guessed: a label whose issues need more than one page is `null`
 * (the caller lists it by REST), and an issue with more comments than its page holds has no entry
 * in `comments`.
 * GraphQL's rate limit counts points, not requests: one per 100 connections the query may read,
 * and each listed issue's labels and comments are two (docs.github.com, "Rate limits and query
 * limits for the GraphQL API"); the app's view costs about 5.
 * A GitHub without issue relations (an older GitHub Enterprise Server) refuses the document, which
 * is sent again without them (relations absent, as REST leaves them) and never asked for again.
 */

/**
 * Issues read per label; a label with more open issues is listed by REST. GraphQL's points grow
 * with the issues a query may return (each issue's labels and comments are a connection of their
 * own): 7 labels of 25 issues and 50 recent ones cost about 5 points.
 */
export const LIST_PAGE = 25;
/** Issues read updated since a time (the dispatch gate's window); more are listed by REST. */
export const RECENT_PAGE = 50;
/** Comments read per listed issue. */
export const LIST_COMMENTS = 20;
/** Comments read for the thread asked by number (GitHub's maximum per connection). */
export const THREAD_COMMENTS = 100;

const ISSUE = (comments: number) => ISSUE_FIELDS(COMMENTS_PAGE(comments));

/** Open pull requests read with a thread issue that they close (GitHub links them by closing keyword). */
export const THREAD_PULLS = 5;
/** Fields an older GitHub Enterprise Server may lack: the document is then sent without them. */
const CLOSING_FIELDS = ["closedByPullRequestsReferences"];

/**
 * A pull request's head compared with a branch (`$base`): `headRef.compare(headRef:)` compares the
 * pull request's head branch, as the base, with that branch, so `aheadBy` counts the branch's
 * commits the head lacks (see {@link asComparison}).
 */
const HEAD_COMPARED = "headRef { compare(headRef: $base) { aheadBy behindBy status } }";

function document(thread: boolean, labels: number, since: boolean, relations: boolean, closing: boolean, compare: boolean): string {
  const issueFields = (first: number) => `__typename ${ISSUE(first)} stateReason(enableDuplicate: true)${relations ? ` ${RELATIONS}` : ""}`;
  const closingPulls = closing ? ` closedByPullRequestsReferences(first: ${THREAD_PULLS}) { nodes { ${PULL_FIELDS} } }` : "";
  const declared = [
    "$owner: String!",
    "$name: String!",
    ...(thread ? ["$number: Int!"] : []),
    ...Array.from({ length: labels }, (_, i) => `$l${i}: [String!]`),
    ...(since ? ["$since: DateTime!"] : []),
    ...(thread && compare ? ["$base: String!"] : []),
  ];
  const parts = [
    ...(thread ? [`thread: issueOrPullRequest(number: $number) { __typename ... on Issue { ${issueFields(THREAD_COMMENTS)}${closingPulls} } ... on PullRequest { ${ISSUE(THREAD_COMMENTS)} ${PULL_ONLY_FIELDS}${compare ? ` ${HEAD_COMPARED}` : ""} } }`] : []),
    ...Array.from(
      { length: labels },
      (_, i) => `l${i}: issues(labels: $l${i}, states: [OPEN], first: ${LIST_PAGE}, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { ${issueFields(LIST_COMMENTS)} } pageInfo { hasNextPage } }`,
    ),
    ...(since ? [`recent: issues(filterBy: { since: $since }, states: [OPEN], first: ${RECENT_PAGE}, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { ${issueFields(LIST_COMMENTS)} updatedAt } pageInfo { hasNextPage } }`] : []),
  ];
  return `query WorkItems(${declared.join(", ")}) {\n  repository(owner: $owner, name: $name) {\n    id\n    defaultBranchRef { name target { oid } }\n    ${parts.join("\n    ")}\n  }\n}`;
}

const list = z.object({ nodes: z.array(threadNode.nullable()), pageInfo: z.object({ hasNextPage: z.boolean() }) });
const recentList = z.object({ nodes: z.array(threadNode.extend({ updatedAt: z.string() }).nullable()), pageInfo: z.object({ hasNextPage: z.boolean() }) });
const answer = z.object({ repository: z.record(z.string(), z.unknown()).nullable() });
const headCompared = z.object({ headRef: z.object({ compare: z.object({ aheadBy: z.number().int(), behindBy: z.number().int(), status: z.string() }).nullable() }).nullable().optional() });

/**
 * `compareCommits(branch, head)` from the head's own comparison with the branch (its head ref as
 * the base): the counts and GitHub's `ComparisonStatus` seen from the other side, lower-cased as
 * REST's compare says them (AHEAD there is "behind" here).
 */
function asComparison(c: { aheadBy: number; behindBy: number; status: string }): CommitComparison {
  const status = c.status.toLowerCase();
  return { status: status === "ahead" ? "behind" : status === "behind" ? "ahead" : status, aheadBy: c.behindBy, behindBy: c.aheadBy };
}

const defaultBranchRef = z.object({ name: z.string(), target: z.object({ oid: z.string() }) }).nullable();
const closingPulls = z.object({ closedByPullRequestsReferences: z.object({ nodes: z.array(pullNode.nullable()) }).nullish() });

type GraphqlErrors = Array<{ type?: string; path?: unknown[]; extensions?: { type?: string } }>;

/** Whether the only trouble is that no issue or pull request has the thread's number (its alias is then null). */
function onlyThreadMissing(error: unknown): boolean {
  const errors = (error as { errors?: GraphqlErrors }).errors;
  return Array.isArray(errors) && errors.length > 0 && errors.every((e) => (e.type ?? e.extensions?.type) === "NOT_FOUND" && Array.isArray(e.path) && e.path.includes("thread"));
}

/** The reader of one port; see the module comment. Rejects with Octokit's errors otherwise. */
export function workItemsReader(ctx: PortContext) {
  const { octokit, repo } = ctx;
  let relations = true;
  let closing = true;
  async function send(thread: number | undefined, labels: readonly string[], since: string | undefined, compareWith: string | undefined): Promise<Record<string, unknown>> {
    const compare = thread !== undefined && compareWith !== undefined;
    const variables: Record<string, unknown> = { owner: repo.owner, name: repo.repo, ...(thread !== undefined ? { number: thread } : {}), ...(since !== undefined ? { since } : {}), ...(compare ? { base: compareWith } : {}) };
    labels.forEach((label, i) => (variables[`l${i}`] = [label]));
    for (;;) {
      try {
        return answer.parse(await octokit.graphql(document(thread !== undefined, labels.length, since !== undefined, relations, closing, compare), variables)).repository ?? {};
      } catch (error) {
        if (onlyThreadMissing(error)) return answer.parse((error as { data?: unknown }).data ?? { repository: null }).repository ?? {};
        if (relations && lacksRelations(error)) relations = false;
        else if (closing && lacksField(error, CLOSING_FIELDS)) closing = false;
        else throw error;
      }
    }
  }

  return async function read(request: { thread?: number; labels: readonly string[]; updatedSince?: string; compareWith?: string }): Promise<WorkItemsRead> {
    const data = await send(request.thread, request.labels, request.updatedSince, request.compareWith);
    rememberRepositoryId(ctx, typeof data.id === "string" ? data.id : null);
    const branch = defaultBranchRef.safeParse(data.defaultBranchRef);
    const out: WorkItemsRead = { lists: {}, comments: new Map(), ...(branch.success && branch.data ? { defaultBranch: { name: branch.data.name, sha: branch.data.target.oid } } : {}) };
    const take = (node: ThreadNode): IssueSnapshot => {
      if (!node.comments.pageInfo.hasNextPage) out.comments.set(node.number, node.comments.nodes.flatMap((c): CommentSnapshot[] => (c ? [toComment(c)] : [])));
      return toIssue(node);
    };
    if (request.thread !== undefined) {
      const node = data.thread === null || data.thread === undefined ? null : threadNode.parse(data.thread);
      out.thread = node ? take(node) : null;
      if (node) out.pulls = node.__typename === "PullRequest" ? [toPullRequestNode(pullNode.parse(data.thread))] : closingPulls.parse(data.thread).closedByPullRequestsReferences?.nodes.flatMap((n) => (n ? [toPullRequestNode(n)] : [])) ?? [];
      const compared = node?.__typename === "PullRequest" && out.defaultBranch && out.defaultBranch.name === request.compareWith ? headCompared.safeParse(data.thread) : null;
      if (compared?.success && compared.data.headRef?.compare) {
        out.comparison = { base: out.defaultBranch!.sha, head: out.pulls![0]!.headSha, result: asComparison(compared.data.headRef.compare) };
      }
    }
    request.labels.forEach((label, i) => {
      const page = list.parse(data[`l${i}`]);
      const issues = page.nodes.flatMap((n) => (n ? [take(n)] : []));
      out.lists[label] = page.pageInfo.hasNextPage ? null : issues;
    });
    if (request.updatedSince !== undefined) {
      const page = recentList.parse(data.recent);
      const recent = page.nodes.flatMap((n) => (n ? [{ issue: take(n), updatedAt: n.updatedAt }] : []));
      out.updatedSince = page.pageInfo.hasNextPage ? null : recent;
    }
    return out;
  };
}
