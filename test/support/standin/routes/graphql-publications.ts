/**
 * The GraphQL mutations that publish a work item's review (issue #9 "A request budget": an item
 * write and the check runs and review that publish it are one request): `createCheckRun`,
 * `updateCheckRun` and `addPullRequestReview`, with GitHub's input types (names from
 * octokit/graphql-schema), served from the same records, checks and webhooks as their REST routes
 * (../check-runs.ts, ./pulls.ts `submitReview`). Only GitHub Apps write check runs, and a run only
 * by the app that created it, as on GitHub; a refusal is the field's error (FORBIDDEN,
 * NOT_FOUND, UNPROCESSABLE) and the document's later fields still run.
 */
import { GraphQLError } from "graphql";
import type { StandInContext } from "../context.js";
import { createCheckRun, updateCheckRun, type CheckRunInput } from "../check-runs.js";
import { HttpError } from "../routing.js";
import { ACTIONS_APP, mainApp, nodeId, REPO_ID } from "../shapes.js";
import type { AppRecord, CheckRunRecord } from "../state.js";
import { checkRunNode } from "./graphql-reads.js";
import { submitReview } from "./pulls.js";

/** Schema additions (the Mutation type and the scalars are ./graphql.ts's; CheckRun is ./graphql-reads.ts's). */
export const PUBLICATIONS_SDL = `
extend type Mutation {
  createCheckRun(input: CreateCheckRunInput!): CreateCheckRunPayload
  updateCheckRun(input: UpdateCheckRunInput!): UpdateCheckRunPayload
  addPullRequestReview(input: AddPullRequestReviewInput!): AddPullRequestReviewPayload
}
input CreateCheckRunInput { actions: [CheckRunAction!] clientMutationId: String completedAt: DateTime conclusion: CheckConclusionState detailsUrl: URI externalId: String headSha: GitObjectID! name: String! output: CheckRunOutput repositoryId: ID! startedAt: DateTime status: RequestableCheckStatusState }
input UpdateCheckRunInput { actions: [CheckRunAction!] checkRunId: ID! clientMutationId: String completedAt: DateTime conclusion: CheckConclusionState detailsUrl: URI externalId: String name: String output: CheckRunOutput repositoryId: ID! startedAt: DateTime status: RequestableCheckStatusState }
input CheckRunAction { description: String! identifier: String! label: String! }
input CheckRunOutput { annotations: [CheckAnnotationData!] images: [CheckRunOutputImage!] summary: String! text: String title: String! }
input CheckRunOutputImage { alt: String! caption: String imageUrl: URI! }
input CheckAnnotationData { annotationLevel: CheckAnnotationLevel! location: CheckAnnotationRange! message: String! path: String! rawDetails: String title: String }
input CheckAnnotationRange { endColumn: Int endLine: Int! startColumn: Int startLine: Int! }
enum CheckAnnotationLevel { FAILURE NOTICE WARNING }
enum RequestableCheckStatusState { COMPLETED IN_PROGRESS PENDING QUEUED WAITING }
type CreateCheckRunPayload { checkRun: CheckRun clientMutationId: String }
type UpdateCheckRunPayload { checkRun: CheckRun clientMutationId: String }
input AddPullRequestReviewInput { body: String clientMutationId: String commitOID: GitObjectID event: PullRequestReviewEvent pullRequestId: ID! }
enum PullRequestReviewEvent { APPROVE COMMENT DISMISS REQUEST_CHANGES }
type PullRequestReview implements Node { id: ID! databaseId: Int body: String! state: PullRequestReviewState! }
enum PullRequestReviewState { APPROVED CHANGES_REQUESTED COMMENTED DISMISSED PENDING }
type AddPullRequestReviewPayload { clientMutationId: String pullRequestReview: PullRequestReview }
`;

type CheckRunFields = {
  name?: string | null;
  status?: string | null;
  conclusion?: string | null;
  completedAt?: string | null;
  startedAt?: string | null;
  detailsUrl?: string | null;
  externalId?: string | null;
  output?: { title: string; summary: string; text?: string | null; annotations?: unknown[] | null } | null;
  repositoryId: string;
  clientMutationId?: string | null;
};

function refused(type: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { type } });
}

/** The app a caller writes check runs as; FORBIDDEN for anyone else (GitHub: "Resource not accessible by integration"). */
function appOf(ctx: StandInContext, caller: string): AppRecord {
  if (caller === `${ctx.opts.app.slug}[bot]`) return mainApp(ctx);
  if (caller === "github-actions[bot]") return ACTIONS_APP;
  throw refused("FORBIDDEN", "Resource not accessible by personal access token");
}

/** REST's check run fields from GraphQL's input (enums lower-cased). */
function restFields(input: CheckRunFields): Partial<CheckRunInput> {
  const out: Partial<CheckRunInput> = {};
  if (input.name) out.name = input.name;
  if (input.status) out.status = input.status.toLowerCase() as CheckRunRecord["status"];
  if (input.conclusion) out.conclusion = input.conclusion.toLowerCase();
  if (input.completedAt) out.completedAt = input.completedAt;
  if (input.startedAt) out.startedAt = input.startedAt;
  if (input.detailsUrl) out.detailsUrl = input.detailsUrl;
  if (input.externalId) out.externalId = input.externalId;
  if (input.output) out.output = { title: input.output.title, summary: input.output.summary, text: input.output.text ?? null, annotations: input.output.annotations ?? [] };
  return out;
}

/** A REST refusal of the shared code as GitHub's GraphQL says it. */
async function asGraphql<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof HttpError) throw refused(error.status === 404 ? "NOT_FOUND" : error.status === 403 ? "FORBIDDEN" : "UNPROCESSABLE", error.message);
    throw error;
  }
}

/** The resolvers of the mutations above, for one request by `caller`. */
export function publicationMutations(ctx: StandInContext, caller: string, pullNumberOf: (id: string) => number) {
  const checkRepository = (id: string) => {
    if (id !== nodeId("Repository", REPO_ID)) throw refused("NOT_FOUND", `Could not resolve to a node with the global id of '${id}'`);
  };
  return {
    createCheckRun: async ({ input }: { input: CheckRunFields & { headSha: string; name: string } }) => {
      const app = appOf(ctx, caller);
      checkRepository(input.repositoryId);
      const sha = await ctx.git.resolve(input.headSha);
      if (!sha || sha !== input.headSha) throw refused("UNPROCESSABLE", `No commit found for SHA: ${input.headSha}`);
      if (input.status === "COMPLETED" && !input.conclusion) throw refused("UNPROCESSABLE", "conclusion is required when status is completed");
      const run = await createCheckRun(ctx, app, { ...restFields(input), name: input.name, headSha: sha }, caller);
      return { clientMutationId: input.clientMutationId ?? null, checkRun: checkRunNode(ctx, run) };
    },
    updateCheckRun: async ({ input }: { input: CheckRunFields & { checkRunId: string } }) => {
      const app = appOf(ctx, caller);
      checkRepository(input.repositoryId);
      const run = [...ctx.state.checkRuns.values()].find((r) => nodeId("CheckRun", r.id) === input.checkRunId);
      if (!run) throw refused("NOT_FOUND", `Could not resolve to a node with the global id of '${input.checkRunId}'`);
      if (run.app.id !== app.id) throw refused("FORBIDDEN", "check run can only be modified by the GitHub App that created it");
      if (input.status === "COMPLETED" && !input.conclusion && !run.conclusion) throw refused("UNPROCESSABLE", "conclusion is required when status is completed");
      await updateCheckRun(ctx, run, restFields(input), caller);
      return { clientMutationId: input.clientMutationId ?? null, checkRun: checkRunNode(ctx, run) };
    },
    addPullRequestReview: async ({ input }: { input: { pullRequestId: string; body?: string | null; commitOID?: string | null; event?: string | null; clientMutationId?: string | null } }) => {
      const number = pullNumberOf(input.pullRequestId);
      if (input.event === "DISMISS") throw refused("UNPROCESSABLE", "stand-in: DISMISS is not supported");
      const event = (input.event ?? null) as "APPROVE" | "REQUEST_CHANGES" | "COMMENT" | null;
      const review = await asGraphql(() => submitReview(ctx, number, { body: input.body ?? null, event, commitId: input.commitOID ?? null }, caller));
      return { clientMutationId: input.clientMutationId ?? null, pullRequestReview: { id: nodeId("PullRequestReview", review.id), databaseId: review.id, body: review.body, state: review.state } };
    },
  };
}
