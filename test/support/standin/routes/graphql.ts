/**
 * `POST /api/graphql`: the sliver of GitHub's GraphQL API the app uses, executed by graphql-js
 * against a subset of GitHub's schema (same type and field names), so a query or mutation that
 * GitHub would reject for its shape or variables is rejected here too: the merge queue of a branch
 * (`Repository.mergeQueue`), a pull request's merge queue removals (`timelineItems`) and
 * `enqueuePullRequest` / `dequeuePullRequest` (see ../merge-queue.ts); and a work item's write in
 * one request: `updateIssueComment`, `addLabelsToLabelable`, `removeLabelsFromLabelable`, with the
 * same checks and webhooks as their REST routes; and a label catalog in one request: `createLabel`,
 * `updateLabel` and `Repository.id`; the check runs and review that publish an item's write
 * (./graphql-publications.ts). Mutation fields run in order; a field that fails
 * is null with an error, and the fields after it still run (graphql-js, as GitHub). The reads of
 * the request budget (a commit's checks, an issue with its comments) are in ./graphql-reads.ts.
 */
import { buildSchema, getOperationAST, graphql, GraphQLError, parse, type GraphQLSchema } from "graphql";
import type { StandInContext } from "../context.js";
import type { QueueEntryRecord, SimulatedMergeQueue } from "../merge-queue.js";
import { addLabels, createLabel, editLabel, removeLabel, requireRole } from "../mutations.js";
import { createComment, editComment } from "./issues.js";
import { actorNode, READS_SDL, repositoryReads, rootReads, threadNode } from "./graphql-reads.js";
import { PUBLICATIONS_SDL, publicationMutations } from "./graphql-publications.js";
import type { RouteResult } from "../routing.js";
import { nodeId, REPO_ID } from "../shapes.js";
import type { LabelRecord } from "../state.js";

const SDL = `
scalar GitObjectID
scalar DateTime
type Query { repository(owner: String!, name: String!): Repository }
type Mutation {
  enqueuePullRequest(input: EnqueuePullRequestInput!): EnqueuePullRequestPayload
  dequeuePullRequest(input: DequeuePullRequestInput!): DequeuePullRequestPayload
  addComment(input: AddCommentInput!): AddCommentPayload
  updateIssueComment(input: UpdateIssueCommentInput!): UpdateIssueCommentPayload
  addLabelsToLabelable(input: AddLabelsToLabelableInput!): AddLabelsToLabelablePayload
  removeLabelsFromLabelable(input: RemoveLabelsFromLabelableInput!): RemoveLabelsFromLabelablePayload
  createLabel(input: CreateLabelInput!): CreateLabelPayload
  updateLabel(input: UpdateLabelInput!): UpdateLabelPayload
}
input CreateLabelInput { clientMutationId: String color: String! description: String name: String! repositoryId: ID! }
type CreateLabelPayload { clientMutationId: String label: Label }
input UpdateLabelInput { clientMutationId: String color: String description: String id: ID! name: String }
type UpdateLabelPayload { clientMutationId: String label: Label }
type Label { id: ID! name: String! color: String! description: String }
input AddCommentInput { body: String! clientMutationId: String subjectId: ID! }
type AddCommentPayload { clientMutationId: String commentEdge: IssueCommentEdge subject: Node }
type IssueCommentEdge { cursor: String! node: IssueComment }
input UpdateIssueCommentInput { body: String! clientMutationId: String id: ID! }
type UpdateIssueCommentPayload { clientMutationId: String issueComment: IssueComment }
scalar BigInt
type IssueComment { id: ID! databaseId: Int fullDatabaseId: BigInt body: String! }
input AddLabelsToLabelableInput { clientMutationId: String labelIds: [ID!]! labelableId: ID! }
type AddLabelsToLabelablePayload { clientMutationId: String }
input RemoveLabelsFromLabelableInput { clientMutationId: String labelIds: [ID!]! labelableId: ID! }
type RemoveLabelsFromLabelablePayload { clientMutationId: String }
type Repository { id: ID! mergeQueue(branch: String): MergeQueue pullRequest(number: Int!): PullRequest }
type MergeQueue { id: ID! entries(first: Int, after: String): MergeQueueEntryConnection }
type MergeQueueEntryConnection { nodes: [MergeQueueEntry] totalCount: Int! }
enum MergeQueueEntryState { AWAITING_CHECKS LOCKED MERGEABLE QUEUED UNMERGEABLE }
type MergeQueueEntry { id: ID! position: Int! state: MergeQueueEntryState! enqueuedAt: DateTime! headCommit: Commit pullRequest: PullRequest }
type Commit { oid: GitObjectID! }
type PullRequest {
  id: ID!
  number: Int!
  headRefOid: GitObjectID!
  timelineItems(itemTypes: [PullRequestTimelineItemsItemType!], first: Int, last: Int): PullRequestTimelineItemsConnection!
}
enum PullRequestTimelineItemsItemType { ADDED_TO_MERGE_QUEUE_EVENT REMOVED_FROM_MERGE_QUEUE_EVENT }
union PullRequestTimelineItems = AddedToMergeQueueEvent | RemovedFromMergeQueueEvent
type AddedToMergeQueueEvent { id: ID! createdAt: DateTime! }
type RemovedFromMergeQueueEvent { id: ID! createdAt: DateTime! reason: String beforeCommit: Commit actor: Actor }
type PullRequestTimelineItemsConnection { nodes: [PullRequestTimelineItems] totalCount: Int! }
input EnqueuePullRequestInput { clientMutationId: String expectedHeadOid: GitObjectID jump: Boolean pullRequestId: ID! }
type EnqueuePullRequestPayload { clientMutationId: String mergeQueueEntry: MergeQueueEntry }
input DequeuePullRequestInput { clientMutationId: String id: ID! }
type DequeuePullRequestPayload { clientMutationId: String mergeQueueEntry: MergeQueueEntry }
interface Actor { login: String! }
type User implements Actor { login: String! }
type Bot implements Actor { login: String! }
`;

let schema: GraphQLSchema | null = null;

function entryNode(ctx: StandInContext, queue: SimulatedMergeQueue, e: QueueEntryRecord) {
  const pr = ctx.state.pulls.get(e.pr)!;
  return {
    id: nodeId("MergeQueueEntry", e.id),
    position: queue.position(e),
    state: queue.stateOf(e),
    enqueuedAt: e.enqueuedAt,
    headCommit: e.group ? { oid: e.group.sha } : null,
    pullRequest: { id: nodeId("PullRequest", pr.id), number: pr.number, headRefOid: pr.headSha },
  };
}

/** The number of the pull request with node id `id`; GitHub's NOT_FOUND error otherwise. */
function pullByNodeId(ctx: StandInContext, id: string): number {
  const pr = [...ctx.state.pulls.values()].find((p) => nodeId("PullRequest", p.id) === id);
  if (!pr) throw new GraphQLError(`Could not resolve to a node with the global id of '${id}'`, { extensions: { type: "NOT_FOUND" } });
  return pr.number;
}

/** GitHub's NOT_FOUND error for a global id that names nothing of the expected type. */
function unresolved(id: string): GraphQLError {
  return new GraphQLError(`Could not resolve to a node with the global id of '${id}'`, { extensions: { type: "NOT_FOUND" } });
}

/** The issue (or pull request: GitHub's Labelable, and a comment's subject) with node id `id`. */
function labelableByNodeId(ctx: StandInContext, id: string) {
  const issue = [...ctx.state.issues.values()].find((i) => nodeId("Issue", i.id) === id || nodeId("PullRequest", i.id) === id);
  if (!issue) throw unresolved(id);
  return issue;
}

/** Label names for label node ids; NOT_FOUND for an id that names no label of the repository. */
function labelNamesByNodeId(ctx: StandInContext, ids: readonly string[]): string[] {
  const labels = [...ctx.state.labels.values()];
  return ids.map((id) => {
    const label = labels.find((l) => nodeId("Label", l.id) === id);
    if (!label) throw unresolved(id);
    return label.name;
  });
}

/** A label node as GitHub's `Label` type shows it. */
function labelNode(label: LabelRecord) {
  return { id: nodeId("Label", label.id), name: label.name, color: label.color, description: label.description };
}

/** A pull request node: its fields, and its timeline's merge queue removals (the only items served). */
function pullNode(ctx: StandInContext, queue: SimulatedMergeQueue, number: number) {
  const pr = ctx.state.pulls.get(number);
  if (!pr) return null;
  const removals = queue.removals
    .filter((r) => r.pr === number)
    .map((r) => ({ __typename: "RemovedFromMergeQueueEvent", id: nodeId("RemovedFromMergeQueueEvent", r.id), createdAt: r.at, reason: r.reason, beforeCommit: { oid: r.headSha }, actor: { ...actorNode(ctx, r.by), login: r.by } }));
  return {
    id: nodeId("PullRequest", pr.id),
    number: pr.number,
    headRefOid: pr.headSha,
    timelineItems: ({ itemTypes, first, last }: { itemTypes?: string[] | null; first?: number | null; last?: number | null }) => {
      const nodes = !itemTypes || itemTypes.includes("REMOVED_FROM_MERGE_QUEUE_EVENT") ? removals : [];
      const page = last ? nodes.slice(-last) : nodes.slice(0, first ?? 100);
      return { nodes: page, totalCount: nodes.length };
    },
  };
}

function rootValue(ctx: StandInContext, queue: SimulatedMergeQueue, caller: string) {
  return {
    ...rootReads(ctx),
    ...publicationMutations(ctx, caller, (id) => pullByNodeId(ctx, id)),
    repository: ({ owner, name }: { owner: string; name: string }) =>
      owner === ctx.owner && name === ctx.repo
        ? {
            id: nodeId("Repository", REPO_ID),
            mergeQueue: ({ branch }: { branch?: string | null }) => {
              const base = branch ?? "main";
              if (!queue.enabledOn(base)) return null;
              const nodes = queue.entriesOn(base).map((e) => entryNode(ctx, queue, e));
              return { id: nodeId("MergeQueue", base), entries: ({ first }: { first?: number | null }) => ({ nodes: nodes.slice(0, first ?? 100), totalCount: nodes.length }) };
            },
            pullRequest: ({ number }: { number: number }) => pullNode(ctx, queue, number),
            ...repositoryReads(ctx),
          }
        : null,
    enqueuePullRequest: async ({ input }: { input: { pullRequestId: string; expectedHeadOid?: string | null; clientMutationId?: string | null } }) => {
      requireRole(ctx, caller, "write");
      const oid = input.expectedHeadOid ?? null;
      if (oid !== null && !/^[0-9a-f]{40}$/.test(oid)) throw new GraphQLError(`Variable $expectedHeadOid: "${oid}" is not a valid GitObjectID`);
      const entry = await queue.enqueue(pullByNodeId(ctx, input.pullRequestId), oid, caller);
      return { clientMutationId: input.clientMutationId ?? null, mergeQueueEntry: entryNode(ctx, queue, entry) };
    },
    addComment: async ({ input }: { input: { subjectId: string; body: string; clientMutationId?: string | null } }) => {
      const subject = labelableByNodeId(ctx, input.subjectId);
      const comment = createComment(ctx, subject, input.body, caller);
      // `subject` is read after the create, as GitHub reads a mutation's payload.
      const edge = { cursor: nodeId("IssueCommentCursor", comment.id), node: { id: nodeId("IssueComment", comment.id), databaseId: comment.id, fullDatabaseId: String(comment.id), body: comment.body } };
      return { clientMutationId: input.clientMutationId ?? null, commentEdge: edge, subject: () => threadNode(ctx, subject.number) };
    },
    updateIssueComment: async ({ input }: { input: { id: string; body: string; clientMutationId?: string | null } }) => {
      const comment = [...ctx.state.comments.values()].find((c) => nodeId("IssueComment", c.id) === input.id);
      if (!comment) throw unresolved(input.id);
      editComment(ctx, comment, input.body, caller);
      return { clientMutationId: input.clientMutationId ?? null, issueComment: { id: input.id, databaseId: comment.id, fullDatabaseId: String(comment.id), body: comment.body } };
    },
    addLabelsToLabelable: async ({ input }: { input: { labelableId: string; labelIds: string[]; clientMutationId?: string | null } }) => {
      requireRole(ctx, caller, "triage");
      const issue = labelableByNodeId(ctx, input.labelableId);
      await addLabels(ctx, issue, labelNamesByNodeId(ctx, input.labelIds), caller);
      return { clientMutationId: input.clientMutationId ?? null };
    },
    removeLabelsFromLabelable: async ({ input }: { input: { labelableId: string; labelIds: string[]; clientMutationId?: string | null } }) => {
      requireRole(ctx, caller, "triage");
      const issue = labelableByNodeId(ctx, input.labelableId);
      for (const name of labelNamesByNodeId(ctx, input.labelIds)) await removeLabel(ctx, issue, name, caller);
      return { clientMutationId: input.clientMutationId ?? null };
    },
    createLabel: async ({ input }: { input: { repositoryId: string; name: string; color: string; description?: string | null; clientMutationId?: string | null } }) => {
      requireRole(ctx, caller, "write");
      if (input.repositoryId !== nodeId("Repository", REPO_ID)) throw unresolved(input.repositoryId);
      if (ctx.state.label(input.name)) throw new GraphQLError("Name has already been taken", { extensions: { type: "UNPROCESSABLE" } });
      const label = createLabel(ctx, input, caller);
      return { clientMutationId: input.clientMutationId ?? null, label: labelNode(label) };
    },
    updateLabel: async ({ input }: { input: { id: string; name?: string | null; color?: string | null; description?: string | null; clientMutationId?: string | null } }) => {
      requireRole(ctx, caller, "write");
      const label = [...ctx.state.labels.values()].find((l) => nodeId("Label", l.id) === input.id);
      if (!label) throw unresolved(input.id);
      editLabel(ctx, label, { ...(input.name ? { new_name: input.name } : {}), ...(input.color ? { color: input.color } : {}), ...(input.description !== undefined ? { description: input.description } : {}) }, caller);
      return { clientMutationId: input.clientMutationId ?? null, label: labelNode(label) };
    },
    dequeuePullRequest: async ({ input }: { input: { id: string; clientMutationId?: string | null } }) => {
      requireRole(ctx, caller, "write");
      const entry = await queue.remove(pullByNodeId(ctx, input.id), caller);
      return { clientMutationId: input.clientMutationId ?? null, mergeQueueEntry: { ...entryNode(ctx, queue, entry), position: 0 } };
    },
  };
}

/** Whether a request body's document is a query (a read) or a mutation; undefined when it does not parse. */
export function operationOf(body: unknown): "query" | "mutation" | undefined {
  const query = (body as { query?: unknown } | null)?.query;
  if (typeof query !== "string") return undefined;
  try {
    const operation = getOperationAST(parse(query))?.operation;
    return operation === "query" || operation === "mutation" ? operation : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Answers one GraphQL request as GitHub does: 200 with `data` and/or `errors` (a refused mutation
 * is `data.enqueuePullRequest: null` plus an error); a body without a `query` string is 400.
 * `invalid` is set when the document itself broke the schema (no `data` at all): a caller's bug.
 */
export async function answerGraphql(ctx: StandInContext, queue: SimulatedMergeQueue, body: unknown, caller: string): Promise<RouteResult & { invalid?: string }> {
  const b = (body ?? {}) as { query?: unknown; variables?: unknown };
  if (typeof b.query !== "string") return { status: 400, body: { message: "A query attribute must be specified and must be a string.", documentation_url: "https://docs.github.com/graphql" } };
  schema ??= buildSchema(SDL + READS_SDL + PUBLICATIONS_SDL);
  const variableValues = typeof b.variables === "object" && b.variables !== null ? (b.variables as Record<string, unknown>) : {};
  const result = await graphql({ schema, source: b.query, variableValues, rootValue: rootValue(ctx, queue, caller) });
  const out = { status: 200, body: JSON.parse(JSON.stringify(result)) as unknown };
  return result.data === undefined && result.errors ? { ...out, invalid: result.errors.map((e) => e.message).join("; ") } : out;
}
