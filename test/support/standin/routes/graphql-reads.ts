/**
 * The GraphQL reads of the request budget (issue #9), served from the same records as the REST
 * routes: a commit's check suites, check runs and commit statuses (`Repository.object(oid:)` as a
 * `Commit`, and `node(id:)` of a check suite for its further pages of runs), and an issue or pull
 * request with its labels and comments (`Repository.issueOrPullRequest`), a repository's issues
 * by label (`Repository.issues`) and its default branch (`Repository.defaultBranchRef`). Type, field, argument
 * and enum names are GitHub's (schema: octokit/graphql-schema and docs.github.com/en/graphql), so
 * a document GitHub would refuse for its shape is refused here too (see ./graphql.ts).
 *
 * One deliberate difference: GitHub types `CheckRun.databaseId` as `Int` but serves check run ids
 * past 2^31 through it (they passed it in 2021), which graphql-js's `Int` refuses to serialize; the
 * stand-in's ids are past it too, so the field is typed with a scalar that passes them through.
 * An `IssueComment` id is only read as `fullDatabaseId`, as GitHub wants for comments.
 */
import { GraphQLError } from "graphql";
import type { StandInContext } from "../context.js";
import { nodeId, repoHtml } from "../shapes.js";
import type { CheckRunRecord, CheckSuiteRecord, CommentRecord, IssueRecord, PullRecord } from "../state.js";
import { closingIssues, pullDetail } from "./pulls.js";

/** Schema additions (extensions of ./graphql.ts's types; `Actor` is an interface there). */
export const READS_SDL = `
scalar URI
scalar CheckRunDatabaseId
interface Node { id: ID! }
interface GitObject { oid: GitObjectID! }
extend type Query { node(id: ID!): Node }
type Ref implements Node { id: ID! name: String! prefix: String! target: GitObject compare(headRef: String!): Comparison }
enum ComparisonStatus { AHEAD BEHIND DIVERGED IDENTICAL }
type Comparison implements Node { id: ID! aheadBy: Int! behindBy: Int! status: ComparisonStatus! }
extend type Repository {
  defaultBranchRef: Ref
  object(oid: GitObjectID, expression: String): GitObject
  issueOrPullRequest(number: Int!): IssueOrPullRequest
  issues(after: String, before: String, filterBy: IssueFilters, first: Int, last: Int, labels: [String!], orderBy: IssueOrder, states: [IssueState!]): IssueConnection!
}
input IssueFilters { assignee: String createdBy: String labels: [String!] mentioned: String since: DateTime states: [IssueState!] }
input IssueOrder { field: IssueOrderField! direction: OrderDirection! }
enum IssueOrderField { COMMENTS CREATED_AT UPDATED_AT }
enum OrderDirection { ASC DESC }
type IssueConnection { nodes: [Issue] pageInfo: PageInfo! totalCount: Int! }
type PageInfo { endCursor: String hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String }
extend type Commit implements GitObject {
  checkSuites(after: String, before: String, first: Int, last: Int): CheckSuiteConnection
  status: Status
}
type CheckSuiteConnection { nodes: [CheckSuite] pageInfo: PageInfo! totalCount: Int! }
type CheckSuite implements Node {
  id: ID!
  app: App
  status: CheckStatusState!
  conclusion: CheckConclusionState
  checkRuns(after: String, before: String, filterBy: CheckRunFilter, first: Int, last: Int): CheckRunConnection
}
type App implements Node { id: ID! name: String! slug: String! }
input CheckRunFilter { appId: Int checkName: String checkType: CheckRunType conclusions: [CheckConclusionState!] status: CheckStatusState statuses: [CheckStatusState!] }
enum CheckRunType { ALL LATEST }
enum CheckStatusState { COMPLETED IN_PROGRESS PENDING QUEUED REQUESTED WAITING }
enum CheckConclusionState { ACTION_REQUIRED CANCELLED FAILURE NEUTRAL SKIPPED STALE STARTUP_FAILURE SUCCESS TIMED_OUT }
type CheckRunConnection { nodes: [CheckRun] pageInfo: PageInfo! totalCount: Int! }
type CheckRun implements Node {
  id: ID!
  databaseId: CheckRunDatabaseId
  name: String!
  status: CheckStatusState!
  conclusion: CheckConclusionState
  detailsUrl: URI
  url: URI!
  permalink: URI!
  checkSuite: CheckSuite!
}
enum StatusState { ERROR EXPECTED FAILURE PENDING SUCCESS }
type Status implements Node { id: ID! state: StatusState! contexts: [StatusContext!]! }
type StatusContext implements Node { id: ID! context: String! state: StatusState! targetUrl: URI description: String }
union IssueOrPullRequest = Issue | PullRequest
enum IssueState { CLOSED OPEN }
enum IssueStateReason { COMPLETED DUPLICATE NOT_PLANNED REOPENED }
type SubIssuesSummary { completed: Int! percentCompleted: Int! total: Int! }
type IssueDependenciesSummary { blockedBy: Int! blocking: Int! totalBlockedBy: Int! totalBlocking: Int! }
type LabelConnection { nodes: [Label] pageInfo: PageInfo! totalCount: Int! }
type IssueCommentConnection { nodes: [IssueComment] pageInfo: PageInfo! totalCount: Int! }
type Issue implements Node {
  id: ID!
  number: Int!
  title: String!
  body: String!
  closed: Boolean!
  state: IssueState!
  stateReason(enableDuplicate: Boolean = false): IssueStateReason
  createdAt: DateTime!
  updatedAt: DateTime!
  url: URI!
  author: Actor
  labels(after: String, before: String, first: Int, last: Int): LabelConnection
  comments(after: String, before: String, first: Int, last: Int): IssueCommentConnection!
  subIssuesSummary: SubIssuesSummary!
  issueDependenciesSummary: IssueDependenciesSummary!
}
enum MergeableState { CONFLICTING MERGEABLE UNKNOWN }
enum MergeStateStatus { BEHIND BLOCKED CLEAN DIRTY DRAFT HAS_HOOKS UNKNOWN UNSTABLE }
type PullRequestConnection { nodes: [PullRequest] pageInfo: PageInfo! totalCount: Int! }
extend type Issue {
  closedByPullRequestsReferences(after: String, before: String, first: Int, includeClosedPrs: Boolean = false, last: Int, orderByState: Boolean = false, userLinkedOnly: Boolean = false): PullRequestConnection
}
extend type PullRequest implements Node {
  headRef: Ref
  headRefName: String!
  baseRefName: String!
  baseRefOid: GitObjectID!
  isDraft: Boolean!
  merged: Boolean!
  mergeCommit: Commit
  mergeable: MergeableState!
  mergeStateStatus: MergeStateStatus!
  title: String!
  body: String!
  closed: Boolean!
  createdAt: DateTime!
  url: URI!
  author: Actor
  labels(after: String, before: String, first: Int, last: Int): LabelConnection
  comments(after: String, before: String, first: Int, last: Int): IssueCommentConnection!
}
extend type IssueComment { createdAt: DateTime! updatedAt: DateTime! url: URI! author: Actor }
`;

interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

const cursorOf = (index: number) => Buffer.from(`cursor:v2:${index}`).toString("base64");

function indexOf(cursor: string, argument: string): number {
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, "base64").toString());
  if (!match) throw new GraphQLError(`\`${cursor}\` does not appear to be a valid cursor.`, { extensions: { type: "INVALID_CURSOR_ARGUMENTS", argument } });
  return Number(match[1]);
}

/**
 * One page of a connection as GitHub pages it: `first` (at most 100, as GitHub's limit) after the
 * `after` cursor, or `last` before `before`; GitHub refuses a connection with neither.
 */
export function connection<T>(items: T[], args: PageArgs, field: string) {
  const { first, last, after, before } = args;
  if ((first ?? null) === null && (last ?? null) === null) {
    throw new GraphQLError(`You must provide a \`first\` or \`last\` value to properly paginate the \`${field}\` connection.`, { extensions: { type: "MISSING_PAGINATION_BOUNDARIES" } });
  }
  for (const [name, value] of [["first", first], ["last", last]] as const) {
    if (value !== null && value !== undefined && (value < 0 || value > 100)) {
      throw new GraphQLError(`Requesting ${value} records on the \`${field}\` connection exceeds the \`${name}\` limit of 100 records.`, { extensions: { type: "EXCESSIVE_PAGINATION" } });
    }
  }
  let start = after ? indexOf(after, "after") + 1 : 0;
  let end = before ? indexOf(before, "before") : items.length;
  if (first !== null && first !== undefined) end = Math.min(end, start + first);
  else if (last !== null && last !== undefined) start = Math.max(start, end - last);
  const nodes = items.slice(start, end);
  return {
    nodes,
    totalCount: items.length,
    pageInfo: {
      startCursor: nodes.length > 0 ? cursorOf(start) : null,
      endCursor: nodes.length > 0 ? cursorOf(end - 1) : null,
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
    },
  };
}

/** A GitHub account as GraphQL's `Actor` shows it: a bot's login WITHOUT REST's "[bot]" suffix. */
export function actorNode(ctx: StandInContext, login: string | null) {
  if (login === null) return null;
  const user = ctx.user(login);
  return user.type === "Bot" ? { __typename: "Bot", login: login.replace(/\[bot\]$/, "") } : { __typename: "User", login };
}

function runNode(ctx: StandInContext, run: CheckRunRecord, suite: () => unknown) {
  const url = `${repoHtml(ctx)}/runs/${run.id}`;
  return {
    id: nodeId("CheckRun", run.id),
    databaseId: run.id,
    name: run.name,
    status: run.status.toUpperCase(),
    conclusion: run.conclusion === null ? null : run.conclusion.toUpperCase(),
    detailsUrl: run.detailsUrl ?? url,
    url,
    permalink: url,
    checkSuite: suite,
  };
}

/** A check run as GraphQL's `CheckRun` shows it, with its suite (what a check run mutation answers). */
export function checkRunNode(ctx: StandInContext, run: CheckRunRecord) {
  const suite = ctx.state.checkSuites.get(run.suiteId)!;
  return runNode(ctx, run, () => suiteNode(ctx, suite));
}

function suiteNode(ctx: StandInContext, suite: CheckSuiteRecord): Record<string, unknown> {
  const self = (): Record<string, unknown> => suiteNode(ctx, suite);
  return {
    __typename: "CheckSuite",
    id: nodeId("CheckSuite", suite.id),
    app: { id: nodeId("App", suite.app.id), name: suite.app.name, slug: suite.app.slug },
    status: suite.status.toUpperCase(),
    conclusion: suite.conclusion === null ? null : suite.conclusion.toUpperCase(),
    checkRuns: (args: PageArgs & { filterBy?: { checkType?: string | null; checkName?: string | null; status?: string | null; appId?: number | null } | null }) => {
      let runs = [...ctx.state.checkRuns.values()].filter((r) => r.suiteId === suite.id);
      const filter = args.filterBy ?? {};
      if (filter.checkName) runs = runs.filter((r) => r.name === filter.checkName);
      if (filter.status) runs = runs.filter((r) => r.status.toUpperCase() === filter.status);
      if (filter.appId) runs = runs.filter((r) => r.app.id === filter.appId);
      // LATEST (GitHub's default) keeps the newest run of each name in the suite.
      if ((filter.checkType ?? "LATEST") === "LATEST") {
        const latest = new Map<string, CheckRunRecord>();
        for (const r of runs) if ((latest.get(r.name)?.id ?? 0) < r.id) latest.set(r.name, r);
        runs = [...latest.values()];
      }
      runs.sort((a, b) => a.id - b.id);
      return connection(runs.map((r) => runNode(ctx, r, self)), args, "checkRuns");
    },
  };
}

/** The commit `oid` as a `Commit` with its check suites and combined status; null when git has no such commit. */
async function commitNode(ctx: StandInContext, oid: string) {
  if (!/^[0-9a-f]{40}$/.test(oid)) throw new GraphQLError(`Variable $oid of type GitObjectID was provided invalid value`, { extensions: { type: "INVALID_VALUE" } });
  const sha = await ctx.git.resolve(oid);
  if (sha !== oid) return null;
  const latest = new Map<string, (typeof ctx.state.statuses)[number]>();
  for (const s of ctx.state.statuses) if (s.sha === sha) latest.set(s.context, s);
  const contexts = [...latest.values()];
  const state = contexts.some((s) => s.state === "error" || s.state === "failure") ? "FAILURE" : contexts.some((s) => s.state === "pending") ? "PENDING" : "SUCCESS";
  return {
    __typename: "Commit",
    oid: sha,
    checkSuites: (args: PageArgs) => {
      const suites = [...ctx.state.checkSuites.values()].filter((s) => s.headSha === sha).sort((a, b) => a.id - b.id);
      return connection(suites.map((s) => suiteNode(ctx, s)), args, "checkSuites");
    },
    // GitHub's `status` is null for a commit without statuses.
    status:
      contexts.length === 0
        ? null
        : {
            id: nodeId("Status", sha),
            state,
            contexts: contexts.map((s) => ({ id: nodeId("StatusContext", s.id), context: s.context, state: s.state.toUpperCase(), targetUrl: s.targetUrl, description: s.description })),
          },
  };
}

function commentNode(ctx: StandInContext, c: CommentRecord, issue: IssueRecord) {
  return {
    id: nodeId("IssueComment", c.id),
    // `databaseId` (Int) cannot carry comment ids past 2^31: GitHub answers with an error, as graphql-js does.
    databaseId: c.id,
    fullDatabaseId: String(c.id),
    body: c.body,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    url: `${repoHtml(ctx)}/${issue.isPull ? "pull" : "issues"}/${issue.number}#issuecomment-${c.id}`,
    author: actorNode(ctx, c.user),
  };
}

/**
 * A branch as GraphQL's `Ref` shows it, null when it does not exist: its head commit, and
 * `compare(headRef:)` of this branch (the base) with another branch or commit (the head), counted
 * as the REST compare route counts (./repos.ts): `aheadBy` commits of the head the base lacks.
 */
async function refNode(ctx: StandInContext, name: string) {
  const sha = await ctx.git.branchSha(name);
  if (!sha) return null;
  return {
    id: nodeId("Ref", `refs/heads/${name}`),
    name,
    prefix: "refs/heads/",
    target: () => commitNode(ctx, sha),
    compare: async ({ headRef }: { headRef: string }) => {
      const head = await ctx.git.resolve(headRef.replace(/^refs[/]heads[/]/, ""));
      if (!head) return null;
      const ahead = (await ctx.git.commitsBetween(sha, head)).length;
      const behind = (await ctx.git.commitsBetween(head, sha)).length;
      const status = ahead && behind ? "DIVERGED" : ahead ? "AHEAD" : behind ? "BEHIND" : "IDENTICAL";
      return { id: nodeId("Comparison", `${sha}...${head}`), aheadBy: ahead, behindBy: behind, status };
    },
  };
}

/**
 * A pull request's own fields (beyond its issue's), as GitHub's GraphQL `PullRequest` shows them;
 * mergeability is computed when asked, as the REST single GET computes it (./pulls.ts `pullDetail`).
 */
function pullFields(ctx: StandInContext, pr: PullRecord, issue: IssueRecord) {
  let detail: ReturnType<typeof pullDetail> | null = null;
  const computed = () => (detail ??= pullDetail(ctx, pr, issue));
  return {
    headRef: () => refNode(ctx, pr.headRef),
    headRefName: pr.headRef,
    headRefOid: pr.headSha,
    baseRefName: pr.baseRef,
    baseRefOid: async () => (await computed()).baseSha ?? pr.headSha,
    isDraft: pr.draft,
    merged: pr.merged,
    mergeCommit: pr.merged && pr.mergeCommitSha ? { oid: pr.mergeCommitSha } : null,
    mergeable: async () => {
      const { mergeable } = await computed();
      return mergeable === null ? "UNKNOWN" : mergeable ? "MERGEABLE" : "CONFLICTING";
    },
    mergeStateStatus: async () => (await computed()).mergeableState.toUpperCase(),
  };
}

/** The open pull requests into the default branch whose body closes issue `number` by keyword, oldest first (GitHub's closing references). */
function closingPulls(ctx: StandInContext, number: number): number[] {
  return [...ctx.state.pulls.values()]
    .filter((pr) => pr.baseRef === "main" && ctx.state.issues.get(pr.number)?.state === "open" && closingIssues(ctx.state.issues.get(pr.number)?.body ?? null).includes(number))
    .map((pr) => pr.number)
    .sort((a, b) => a - b);
}

/** Issue `number` (an `Issue`, or a `PullRequest`), with its labels, comments and relation counts (resolved when read). */
export function threadNode(ctx: StandInContext, number: number): Record<string, unknown> {
  const issue = ctx.state.issues.get(number);
  if (!issue) throw new GraphQLError(`Could not resolve to an issue or pull request with the number of ${number}.`, { extensions: { type: "NOT_FOUND" } });
  const pr = issue.isPull ? ctx.state.pulls.get(number) : undefined;
  const open = (n: number) => ctx.state.issues.get(n)?.state === "open";
  const subs = issue.subIssues.filter((n) => ctx.state.issues.has(n));
  const blocking = [...ctx.state.issues.values()].filter((o) => o.blockedBy.includes(issue.number)).map((o) => o.number);
  const labels = issue.labels.map((n) => ctx.state.label(n)).filter((l) => l !== undefined);
  return {
    __typename: issue.isPull ? "PullRequest" : "Issue",
    // A pull request's node id is its pull request record's, as REST's pull request `node_id`.
    id: issue.isPull ? nodeId("PullRequest", ctx.state.pulls.get(issue.number)?.id ?? issue.id) : nodeId("Issue", issue.id),
    number: issue.number,
    title: issue.title,
    body: issue.body ?? "",
    closed: issue.state === "closed",
    state: issue.state.toUpperCase(),
    // Without `enableDuplicate`, GitHub shows a duplicate as NOT_PLANNED.
    stateReason: ({ enableDuplicate }: { enableDuplicate?: boolean | null }) => {
      const reason = issue.stateReason as string | null;
      if (reason === null) return null;
      return reason === "duplicate" && !enableDuplicate ? "NOT_PLANNED" : reason.toUpperCase();
    },
    createdAt: issue.createdAt,
    updatedAt: issue.updatedAt,
    url: `${repoHtml(ctx)}/${issue.isPull ? "pull" : "issues"}/${issue.number}`,
    author: actorNode(ctx, issue.user),
    labels: (args: PageArgs) => connection(labels.map((l) => ({ id: nodeId("Label", l.id), name: l.name, color: l.color, description: l.description })), args, "labels"),
    comments: (args: PageArgs) =>
      connection(
        ctx.state.commentsOf(issue.number).sort((a, b) => a.id - b.id).map((c) => commentNode(ctx, c, issue)),
        args,
        "comments",
      ),
    subIssuesSummary: { total: subs.length, completed: subs.filter((n) => !open(n)).length, percentCompleted: subs.length ? Math.floor((subs.filter((n) => !open(n)).length * 100) / subs.length) : 0 },
    issueDependenciesSummary: { blockedBy: issue.blockedBy.filter(open).length, totalBlockedBy: issue.blockedBy.length, blocking: blocking.filter(open).length, totalBlocking: blocking.length },
    ...(pr ? pullFields(ctx, pr, issue) : {}),
    closedByPullRequestsReferences: (args: PageArgs) => connection(closingPulls(ctx, issue.number).map((n) => threadNode(ctx, n)), args, "closedByPullRequestsReferences"),
  };
}

/** The arguments of `Repository.issues` the stand-in serves (GitHub's names). */
interface IssuesArgs extends PageArgs {
  filterBy?: { since?: string | null } | null;
  labels?: string[] | null;
  states?: string[] | null;
  orderBy?: { field: "COMMENTS" | "CREATED_AT" | "UPDATED_AT"; direction: "ASC" | "DESC" } | null;
}

/**
 * `Repository.issues`: issues only (no pull requests), in `states`, carrying any of `labels` (the
 * app asks one label per connection, so AND and OR read the same), updated since `filterBy.since`
 * when given, ordered by `orderBy` (GitHub's default: created, ascending).
 */
function issuesConnection(ctx: StandInContext, args: IssuesArgs) {
  const states = args.states?.map((s) => s.toLowerCase());
  // `filterBy.since`: updated at or after it.
  const since = args.filterBy?.since ? Date.parse(args.filterBy.since) : null;
  const order = args.orderBy ?? { field: "CREATED_AT", direction: "ASC" };
  const key = (i: IssueRecord) => (order.field === "COMMENTS" ? ctx.state.commentsOf(i.number).length : order.field === "UPDATED_AT" ? Date.parse(i.updatedAt) : Date.parse(i.createdAt));
  const issues = [...ctx.state.issues.values()]
    .filter((i) => !i.isPull && (!states || states.includes(i.state)) && (!args.labels || args.labels.length === 0 || args.labels.some((l) => i.labels.includes(l))))
    .filter((i) => !since || Date.parse(i.updatedAt) >= since)
    .sort((a, b) => (key(a) - key(b) || a.number - b.number) * (order.direction === "DESC" ? -1 : 1));
  return connection(issues.map((i) => threadNode(ctx, i.number)), args, "issues");
}

/** Fields of `Repository` served here (spread into ./graphql.ts's repository object). */
export function repositoryReads(ctx: StandInContext) {
  return {
    object: ({ oid }: { oid?: string | null }) => (oid ? commitNode(ctx, oid) : null),
    // The default branch is `main` in the stand-in (shapes.ts `default_branch`).
    defaultBranchRef: () => refNode(ctx, "main"),
    issueOrPullRequest: ({ number }: { number: number }) => threadNode(ctx, number),
    issues: (args: IssuesArgs) => issuesConnection(ctx, args),
  };
}

/** Root fields served here: `node(id:)` for a check suite (the only node type read by id). */
export function rootReads(ctx: StandInContext) {
  return {
    node: ({ id }: { id: string }) => {
      const suite = [...ctx.state.checkSuites.values()].find((s) => nodeId("CheckSuite", s.id) === id);
      if (!suite) throw new GraphQLError(`Could not resolve to a node with the global id of '${id}'`, { extensions: { type: "NOT_FOUND" } });
      return suiteNode(ctx, suite);
    },
  };
}
