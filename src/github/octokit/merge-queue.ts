import { z } from "zod";
import type { EnqueueResult, MergeQueueEntrySnapshot, MergeQueueRemoval } from "../port.js";
import type { PortContext } from "./types.js";

/**
 * GitHub's merge queue through GraphQL (the REST API has none): hand a pull request to it
 * (`enqueuePullRequest`), take it out (`dequeuePullRequest`), read a branch's queue (`Repository.mergeQueue`) and a pull request's
 * latest removal from it (`RemovedFromMergeQueueEvent` in its timeline). Used by the
 * `github` strategy (issue #14). Answers are validated with zod; a mutation GitHub refuses comes
 * back as GraphQL `errors` with HTTP 200 (Octokit throws a GraphqlResponseError), which is mapped
 * to `ok: false` with GitHub's message. Reference: https://docs.github.com/en/graphql/reference/mutations#enqueuepullrequest
 */

const ENQUEUE = `mutation EnqueuePullRequest($pullRequestId: ID!, $expectedHeadOid: GitObjectID) {
  enqueuePullRequest(input: { pullRequestId: $pullRequestId, expectedHeadOid: $expectedHeadOid }) {
    mergeQueueEntry { position state }
  }
}`;

const DEQUEUE = `mutation DequeuePullRequest($id: ID!) {
  dequeuePullRequest(input: { id: $id }) { mergeQueueEntry { position } }
}`;

const MERGE_QUEUE = `query MergeQueue($owner: String!, $name: String!, $branch: String!) {
  repository(owner: $owner, name: $name) {
    mergeQueue(branch: $branch) {
      entries(first: 100) {
        nodes { position state headCommit { oid } pullRequest { number headRefOid } }
      }
    }
  }
}`;

const REMOVAL = `query MergeQueueRemoval($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      timelineItems(itemTypes: [REMOVED_FROM_MERGE_QUEUE_EVENT], last: 1) {
        nodes { ... on RemovedFromMergeQueueEvent { reason createdAt beforeCommit { oid } actor { login } } }
      }
    }
  }
}`;

const removalAnswer = z.object({
  repository: z
    .object({
      pullRequest: z
        .object({
          timelineItems: z.object({
            nodes: z.array(
              z
                .object({
                  reason: z.string().nullish(),
                  createdAt: z.string().optional(),
                  beforeCommit: z.object({ oid: z.string() }).nullish(),
                  actor: z.object({ login: z.string() }).nullish(),
                })
                .nullable(),
            ),
          }),
        })
        .nullable(),
    })
    .nullable(),
});

const enqueueAnswer = z.object({
  enqueuePullRequest: z.object({ mergeQueueEntry: z.object({ position: z.number().int(), state: z.string() }).nullable() }).nullable(),
});

const queueAnswer = z.object({
  repository: z
    .object({
      mergeQueue: z
        .object({
          entries: z.object({
            nodes: z.array(
              z
                .object({
                  position: z.number().int(),
                  state: z.string(),
                  headCommit: z.object({ oid: z.string() }).nullable(),
                  pullRequest: z.object({ number: z.number().int(), headRefOid: z.string() }).nullable(),
                })
                .nullable(),
            ),
          }),
        })
        .nullable(),
    })
    .nullable(),
});

/** GraphQL errors of a 200 answer (Octokit's GraphqlResponseError), joined; null for any other error. */
function graphqlRefusal(error: unknown): string | null {
  if (typeof error !== "object" || error === null || !("errors" in error)) return null;
  const errors = (error as { errors: unknown }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  return errors.map((e) => (typeof e === "object" && e !== null && "message" in e ? String((e as { message: unknown }).message) : String(e))).join("; ");
}

export function mergeQueueOps({ octokit, repo }: PortContext) {
  /** Runs a mutation: its data, or GitHub's refusal (GraphQL errors); transport errors propagate. */
  async function mutate(query: string, variables: Record<string, unknown>): Promise<{ ok: true; data: unknown } | { ok: false; message: string }> {
    try {
      return { ok: true, data: await octokit.graphql(query, variables) };
    } catch (error) {
      const refusal = graphqlRefusal(error);
      if (refusal === null) throw error;
      return { ok: false, message: refusal };
    }
  }
  return {
    async enqueueInMergeQueue(prNodeId: string, expectedHeadSha: string): Promise<EnqueueResult> {
      const answer = await mutate(ENQUEUE, { pullRequestId: prNodeId, expectedHeadOid: expectedHeadSha });
      if (!answer.ok) return answer;
      const entry = enqueueAnswer.parse(answer.data).enqueuePullRequest?.mergeQueueEntry;
      if (!entry) return { ok: false, message: "GitHub answered without a merge queue entry" };
      return { ok: true, position: entry.position, state: entry.state };
    },
    async dequeueFromMergeQueue(prNodeId: string): Promise<{ ok: true } | { ok: false; message: string }> {
      const answer = await mutate(DEQUEUE, { id: prNodeId });
      return answer.ok ? { ok: true } : answer;
    },
    async listMergeQueue(branch: string): Promise<MergeQueueEntrySnapshot[] | null> {
      const raw = await octokit.graphql(MERGE_QUEUE, { owner: repo.owner, name: repo.repo, branch });
      const queue = queueAnswer.parse(raw).repository?.mergeQueue;
      if (!queue) return null;
      return queue.entries.nodes.flatMap((n) =>
        n?.pullRequest ? [{ pr: n.pullRequest.number, position: n.position, state: n.state, headSha: n.pullRequest.headRefOid, groupSha: n.headCommit?.oid ?? null }] : [],
      );
    },
    async lastMergeQueueRemoval(number: number): Promise<MergeQueueRemoval | null> {
      const raw = await octokit.graphql(REMOVAL, { owner: repo.owner, name: repo.repo, number });
      const node = removalAnswer.parse(raw).repository?.pullRequest?.timelineItems.nodes.at(-1);
      if (!node?.createdAt) return null;
      return { reason: node.reason ?? "UNKNOWN_REMOVAL_REASON", headSha: node.beforeCommit?.oid ?? null, at: node.createdAt, by: node.actor?.login ?? null };
    },
  };
}
