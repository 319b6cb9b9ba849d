import type { CheckRunSpec, Publication, ReviewSnapshot, ReviewSpec } from "../port.js";
import { policyOf } from "../retry-policy.js";
import { checkRunInput, type CheckRunMemory } from "./checks.js";
import { createOnce, NO_BLIND_RETRY } from "./create-once.js";
import { reviewed } from "./pulls.js";
import { knownRepositoryId } from "./repository-id.js";
import type { PortContext } from "./types.js";

/**
 * One field of a GraphQL mutation document (issue #9 "A request budget": an item write and the
 * writes that publish it are one request): the field with its alias, the variables it declares
 * and their values, and what its answer is for.
 */
export interface MutationPart {
  /** `alias: mutation(input: $alias) { ... }`. */
  field: string;
  /** The variable declarations the field uses, e.g. `$p0: CreateCheckRunInput!`. */
  declared: string;
  variables: Record<string, unknown>;
  /** Whether the field creates something (a document with one is never sent again blindly). */
  creates: boolean;
  /** Takes the field's answer (null when GitHub refused the field). */
  answered?(data: unknown): void;
  /** Whether what the field creates is on GitHub already (looked for after a lost answer). */
  landed?(): Promise<boolean>;
}

/** The aliases of the fields a GraphQL answer's errors name (the fields GitHub refused); [] for an error without an answer. */
export function refusedFields(error: unknown): string[] {
  const errors = (error as { errors?: Array<{ path?: unknown[] }> }).errors;
  return Array.isArray(errors) ? errors.flatMap((e) => (Array.isArray(e.path) && e.path.length > 0 ? [String(e.path[0])] : [])) : [];
}

/**
 * Sends `parts` as ONE mutation document named `name`, in order (GitHub runs a mutation
 * document's fields one after the other; a refused field does not stop the next). A document that
 * creates something is sent without blind retries: after a lost answer, it is sent again only when
 * what its first creating part makes is not found (create-once.ts). Every part takes its answer,
 * also from a partial answer; then GitHub's refusal rejects (GraphqlResponseError, `errors` naming
 * the refused aliases) for the caller.
 */
export async function sendMutation(ctx: PortContext, name: string, parts: readonly MutationPart[]): Promise<void> {
  if (parts.length === 0) return;
  const { octokit } = ctx;
  const { query, variables } = mutationDocument(name, parts);
  const answer = (data: unknown) => {
    const fields = (data ?? {}) as Record<string, unknown>;
    for (const part of parts) part.answered?.(fields[aliasOf(part)] ?? null);
  };
  const creating = parts.find((p) => p.creates && p.landed);
  try {
    if (!creating) answer(await octokit.graphql(query, variables));
    else {
      const data = await createOnce(
        policyOf(octokit),
        async () => octokit.graphql(query, { ...variables, ...NO_BLIND_RETRY }),
        // Landed: the parts ran; their answers are lost, so the memory of what they wrote is dropped.
        async () => ((await creating.landed!()) ? {} : null),
      );
      answer(data);
    }
  } catch (error) {
    const partial = (error as { data?: unknown }).data;
    if (partial !== undefined) answer(partial);
    throw error;
  }
}

/** The mutation document of `parts` in order, named `name`, with their variables. */
export function mutationDocument(name: string, parts: readonly MutationPart[]): { query: string; variables: Record<string, unknown> } {
  const declared = parts.map((p) => p.declared).filter((d) => d !== "");
  const query = `mutation ${name}${declared.length > 0 ? `(${declared.join(", ")})` : ""} {\n  ${parts.map((p) => p.field).join("\n  ")}\n}`;
  return { query, variables: Object.assign({}, ...parts.map((p) => p.variables)) as Record<string, unknown> };
}

function aliasOf(part: MutationPart): string {
  return part.field.slice(0, part.field.indexOf(":"));
}

/** What the publications of a port need from the rest of it. */
interface PublicationDeps {
  runs: CheckRunMemory;
  listReviews(number: number): Promise<ReviewSnapshot[]>;
  upsertCheckRun(spec: CheckRunSpec): Promise<number | null>;
  ensureReview(number: number, spec: ReviewSpec, options?: { absent?: boolean }): Promise<boolean>;
}

/**
 * The publications of one port (see GitHubPort.publish): each publication becomes a mutation part
 * (`createCheckRun`, `updateCheckRun`, `addPullRequestReview`), or nothing when there is nothing to
 * send, deciding as `upsertCheckRun` and `ensureReview` decide.
 */
export function publicationOps(ctx: PortContext, deps: PublicationDeps) {
  /**
   * The parts of `publications`, aliased `${prefix}0`, `${prefix}1`...; null when a node id one
   * needs is not known (the repository's is learnt from the pass's GraphQL reads; a pull request's
   * and a run's come with their snapshots): they then go through REST ({@link sendByRest}).
   */
  async function parts(publications: readonly Publication[], prefix: string): Promise<MutationPart[] | null> {
    const out: MutationPart[] = [];
    for (const [i, publication] of publications.entries()) {
      const alias = `${prefix}${i}`;
      if (publication.kind === "checkRun") {
        const repositoryId = knownRepositoryId(ctx);
        const plan = await deps.runs.planCheckRun(publication.spec);
        if (plan.kind === "skip") continue;
        if (!repositoryId || (plan.kind === "update" && !plan.run.nodeId)) return null;
        out.push(checkRunPart(alias, publication.spec, repositoryId, plan.kind === "update" ? plan.run.nodeId! : undefined));
      } else {
        if (!publication.pr.nodeId) return null;
        if (!publication.absent && reviewed(await deps.listReviews(publication.pr.number), publication.review)) continue;
        out.push(reviewPart(alias, publication.pr.number, publication.pr.nodeId, publication.review));
      }
    }
    return out;
  }

  function checkRunPart(alias: string, spec: CheckRunSpec, repositoryId: string, update?: string): MutationPart {
    const mutation = update ? "updateCheckRun" : "createCheckRun";
    return {
      field: `${alias}: ${mutation}(input: $${alias}) { checkRun { id databaseId } }`,
      declared: `$${alias}: ${update ? "UpdateCheckRunInput" : "CreateCheckRunInput"}!`,
      variables: { [alias]: checkRunInput(spec, repositoryId, update) },
      creates: !update,
      answered(data) {
        const run = (data as { checkRun?: { id?: string; databaseId?: number } } | null)?.checkRun;
        if (run?.databaseId !== undefined) deps.runs.written(spec, run.databaseId, run.id);
      },
      ...(update ? {} : { landed: async () => (await deps.runs.landedRun(spec)) !== null }),
    };
  }

  function reviewPart(alias: string, number: number, pullRequestId: string, review: ReviewSpec): MutationPart {
    return {
      field: `${alias}: addPullRequestReview(input: $${alias}) { pullRequestReview { id } }`,
      declared: `$${alias}: AddPullRequestReviewInput!`,
      variables: { [alias]: { pullRequestId, commitOID: review.commitId, body: review.body, event: review.event } },
      creates: true,
      landed: async () => reviewed(await deps.listReviews(number), review),
    };
  }

  /** Each publication by its REST write, in order. */
  async function sendByRest(publications: readonly Publication[]): Promise<void> {
    for (const publication of publications) {
      if (publication.kind === "checkRun") await deps.upsertCheckRun(publication.spec);
      else await deps.ensureReview(publication.pr.number, publication.review, { absent: publication.absent === true });
    }
  }

  /** See GitHubPort.publish. */
  async function publish(publications: readonly Publication[]): Promise<void> {
    const planned = await parts(publications, "p");
    if (planned === null) return sendByRest(publications);
    // A single write needs no document of its own: its REST write is the same one request.
    if (planned.length === 1 && publications.length === 1) return sendByRest(publications);
    await sendMutation(ctx, "Publish", planned);
  }

  return { parts, sendByRest, publish };
}

/** The publications of one port, for the item write that carries them (comments.ts `editItem`). */
export type PublicationOps = ReturnType<typeof publicationOps>;
