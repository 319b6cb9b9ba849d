import { z } from "zod";
import type { Actor, CommentSnapshot, IssueSnapshot } from "../port.js";
import type { PortContext } from "./types.js";

/**
 * An issue and its comments in one GraphQL request (issue #9 "A request budget"), mapped exactly
 * as the REST reads `GET /issues/{n}` (map.ts `toIssue`) and `GET /issues/{n}/comments`
 * (`toComment`) map them:
 * - `state` from `closed`, `stateReason` lower-cased (`NOT_PLANNED` -> "not_planned"; duplicates
 *   asked for with `enableDuplicate`, as REST shows them), `htmlUrl` from `url`, `nodeId` from `id`;
 * - a comment's id is its `fullDatabaseId` (a BigInt sent as a string: comment ids no longer fit
 *   GraphQL's 32-bit `databaseId`);
 * - an author's `type` is its GraphQL type name ("User", "Bot", "Organization"), and a bot's login
 *   gets REST's "[bot]" suffix, which GraphQL's `Bot.login` leaves out; a deleted author is "ghost";
 * - relations (`subIssuesSummary.total`, `issueDependenciesSummary.totalBlockedBy`) as REST's
 *   `sub_issues_summary.total` and `issue_dependencies_summary.total_blocked_by`; a GitHub without
 *   these fields (an older GitHub Enterprise Server) refuses the document, which is then sent again
 *   without them (relations absent, as REST leaves them there) and never asked for again.
 * Reference: https://docs.github.com/en/graphql/reference/objects#issue
 */

/** Comments per page, GitHub's maximum for a connection. */
const COMMENTS_PER_PAGE = 100;
/** Labels read per issue: GitHub allows at most 100 labels on an issue. */
const LABELS = 100;

const AUTHOR = "author { __typename login }";
/**
 * An issue's comments as a selection: the first `first` (after the cursor `after` names, when
 * given), with their count; mapped by {@link commentsPage} or {@link toComment}.
 */
export const COMMENTS_PAGE = (first = COMMENTS_PER_PAGE, after = "") =>
  `comments(first: ${first}${after}) { totalCount nodes { fullDatabaseId id body createdAt updatedAt url ${AUTHOR} } pageInfo { hasNextPage endCursor } }`;
/** An issue's (or pull request's) fields as {@link toIssue} maps them, with `comments`, a {@link COMMENTS_PAGE} selection. */
export const ISSUE_FIELDS = (comments: string) => `id number title body closed createdAt url ${AUTHOR} labels(first: ${LABELS}) { nodes { name } } ${comments}`;
const THREAD = ISSUE_FIELDS(COMMENTS_PAGE(COMMENTS_PER_PAGE, ", after: $after"));
export const RELATIONS = "subIssuesSummary { total } issueDependenciesSummary { totalBlockedBy }";
/** Fields GitHub Enterprise Server may not have yet; see the module comment. */
const RELATION_FIELDS = ["subIssuesSummary", "issueDependenciesSummary"];

function document(relations: boolean): string {
  return `query IssueWithComments($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    issueOrPullRequest(number: $number) {
      __typename
      ... on Issue { ${THREAD} stateReason(enableDuplicate: true)${relations ? ` ${RELATIONS}` : ""} }
      ... on PullRequest { ${THREAD} }
    }
  }
}`;
}

export const author = z.object({ __typename: z.string(), login: z.string() }).nullable();
const commentNode = z.object({
  fullDatabaseId: z.union([z.string(), z.number()]),
  id: z.string(),
  body: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  url: z.string(),
  author,
});
const commentConnection = z.object({ totalCount: z.number().int().optional(), nodes: z.array(commentNode.nullable()), pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }) });
export const threadNode = z.object({
  __typename: z.enum(["Issue", "PullRequest"]),
  id: z.string(),
  number: z.number().int(),
  title: z.string(),
  body: z.string(),
  closed: z.boolean(),
  createdAt: z.string(),
  url: z.string(),
  author,
  labels: z.object({ nodes: z.array(z.object({ name: z.string() }).nullable()) }).nullable(),
  comments: commentConnection,
  stateReason: z.string().nullish(),
  subIssuesSummary: z.object({ total: z.number().int() }).nullish(),
  issueDependenciesSummary: z.object({ totalBlockedBy: z.number().int() }).nullish(),
});
const answer = z.object({ repository: z.object({ issueOrPullRequest: threadNode.nullable() }).nullable() });

export type ThreadNode = z.infer<typeof threadNode>;

/** A GraphQL `Actor` as REST's user object shows it (see the module comment). */
export function toActor(node: z.infer<typeof author>): Actor {
  if (!node) return { login: "ghost", type: "User" };
  const login = node.__typename === "Bot" && !node.login.endsWith("[bot]") ? `${node.login}[bot]` : node.login;
  return { login, type: node.__typename };
}

/** An issue (or pull request) node as `getIssue` maps the REST issue; `comments` from the connection's `totalCount` when asked. */
export function toIssue(node: ThreadNode): IssueSnapshot {
  const subs = node.subIssuesSummary?.total;
  const blockers = node.issueDependenciesSummary?.totalBlockedBy;
  return {
    number: node.number,
    title: node.title,
    body: node.body,
    state: node.closed ? "closed" : "open",
    stateReason: node.stateReason ? node.stateReason.toLowerCase() : null,
    labels: (node.labels?.nodes ?? []).flatMap((l) => (l ? [l.name] : [])),
    author: toActor(node.author),
    createdAt: node.createdAt,
    htmlUrl: node.url,
    isPullRequest: node.__typename === "PullRequest",
    nodeId: node.id,
    ...(node.comments.totalCount !== undefined ? { comments: node.comments.totalCount } : {}),
    ...(typeof subs === "number" && typeof blockers === "number" ? { relations: { subIssues: subs, blockedBy: blockers } } : {}),
  };
}

export function toComment(node: z.infer<typeof commentNode>): CommentSnapshot {
  return {
    id: Number(node.fullDatabaseId),
    body: node.body,
    author: toActor(node.author),
    createdAt: node.createdAt,
    updatedAt: node.updatedAt,
    htmlUrl: node.url,
    nodeId: node.id,
  };
}

/**
 * The comments of a {@link COMMENTS_PAGE} selection as `listComments` answers them, or null when
 * there are more than one page holds (the caller then lists them) or the answer has another shape.
 */
export function commentsPage(raw: unknown): CommentSnapshot[] | null {
  const page = commentConnection.safeParse(raw);
  if (!page.success || page.data.pageInfo.hasNextPage) return null;
  return page.data.nodes.flatMap((c) => (c ? [toComment(c)] : []));
}

type GraphqlErrors = Array<{ message?: string; type?: string; path?: unknown[]; extensions?: { code?: string; type?: string; fieldName?: string } }>;

/** Whether GitHub answered that no issue or pull request has the number (NOT_FOUND on `issueOrPullRequest`). */
function noSuchNumber(error: unknown): boolean {
  const errors = (error as { errors?: GraphqlErrors }).errors;
  return Array.isArray(errors) && errors.some((e) => (e.type ?? e.extensions?.type) === "NOT_FOUND" && Array.isArray(e.path) && e.path.includes("issueOrPullRequest"));
}

/** Whether GitHub refused the document for naming one of `fields`, which its schema lacks (an older GitHub Enterprise Server). */
export function lacksField(error: unknown, fields: readonly string[]): boolean {
  const errors = (error as { errors?: GraphqlErrors }).errors;
  if (!Array.isArray(errors)) return false;
  return errors.some((e) => fields.some((field) => e.extensions?.fieldName === field || (e.message ?? "").includes(`'${field}' doesn't exist`)));
}

/** Whether GitHub refused the document for naming a relation field its schema lacks. */
export function lacksRelations(error: unknown): boolean {
  return lacksField(error, RELATION_FIELDS);
}

/**
 * The reader of one port: `read(number)` is the issue (or pull request) with all its comments, or
 * null when the number names neither. Rejects with Octokit's errors otherwise.
 */
export function issueThreadReader({ octokit, repo }: PortContext) {
  let relations = true;
  async function page(number: number, after: string | null): Promise<ThreadNode | null> {
    const variables = { owner: repo.owner, name: repo.repo, number, after };
    const send = async () => answer.parse(await octokit.graphql(document(relations), variables)).repository?.issueOrPullRequest ?? null;
    for (;;) {
      try {
        return await send();
      } catch (error) {
        if (noSuchNumber(error)) return null;
        if (!relations || !lacksRelations(error)) throw error;
        relations = false;
      }
    }
  }
  return async function read(number: number): Promise<{ issue: IssueSnapshot; comments: CommentSnapshot[] } | null> {
    let node = await page(number, null);
    if (!node) return null;
    const issue = toIssue(node);
    const comments: CommentSnapshot[] = [];
    for (;;) {
      for (const c of node.comments.nodes) if (c) comments.push(toComment(c));
      const { hasNextPage, endCursor } = node.comments.pageInfo;
      if (!hasNextPage || endCursor === null) break;
      const next = await page(number, endCursor);
      if (!next) break;
      node = next;
    }
    // REST's `comments` count, from the comments themselves (all pages were read).
    return { issue: { ...issue, comments: comments.length }, comments };
  };
}
