import type { CheckRunSnapshot, CheckRunSpec, CommitStatusSnapshot } from "../port.js";
import { toCheckRun, type RawCheckRun } from "./map.js";
import type { PortContext } from "./types.js";
import { policyOf } from "../retry-policy.js";
import { createOnce, NO_BLIND_RETRY } from "./create-once.js";
import { readCommitChecks } from "./commit-checks.js";

/** A full commit sha (what GraphQL finds a commit by, and what our runs are remembered under). */
const FULL_SHA = /^[0-9a-f]{40}$/i;

/** GitHub caps annotations at 50 per check run request. */
const MAX_ANNOTATIONS = 50;

/** What is kept of one of our check runs to update it: its ids, status and conclusion. */
export type OurRun = Pick<CheckRunSnapshot, "id" | "status" | "conclusion" | "nodeId">;

/**
 * What an upsert of a check run sends (see {@link checkOps} `planCheckRun`): nothing (`skip`: the
 * run's id, or null for an `ifShown` run not on the head), a create, or an update of our `run`.
 */
export type CheckRunPlan = { kind: "skip"; id: number | null } | { kind: "create" } | { kind: "update"; run: OurRun };

type Annotation = NonNullable<CheckRunSpec["annotations"]>[number];

/**
 * The `output` of a check run write (title, summary, text, annotations capped at GitHub's 50 per
 * request), each annotation in the API's shape by `annotation`.
 */
function outputOf<A extends object>(spec: CheckRunSpec, annotation: (a: Annotation) => A) {
  const annotations = (spec.annotations ?? []).slice(0, MAX_ANNOTATIONS);
  return {
    title: spec.title,
    summary: spec.summary,
    ...(spec.text ? { text: spec.text } : {}),
    ...(annotations.length > 0 ? { annotations: annotations.map((a) => ({ path: a.path, message: a.message, ...(a.title ? { title: a.title } : {}), ...annotation(a) })) } : {}),
  };
}

/** The body of a REST check run create or update of `spec`. */
function restBody(spec: CheckRunSpec) {
  return {
    status: spec.status,
    ...(spec.status === "completed" && spec.conclusion ? { conclusion: spec.conclusion } : {}),
    ...(spec.detailsUrl ? { details_url: spec.detailsUrl } : {}),
    output: outputOf(spec, (a) => ({ start_line: a.startLine, end_line: a.endLine, annotation_level: a.level })),
  };
}

/**
 * The input of GraphQL's `createCheckRun` (`update`: `updateCheckRun` of the run with node id
 * `update`) for `spec`: REST's fields in GraphQL's names, enums upper-cased (CheckConclusionState,
 * RequestableCheckStatusState, CheckAnnotationLevel), annotations capped as REST's.
 * Reference: docs.github.com/en/graphql/reference/input-objects#createcheckruninput.
 */
export function checkRunInput(spec: CheckRunSpec, repositoryId: string, update?: string): Record<string, unknown> {
  const completed = spec.status === "completed" && spec.conclusion;
  return {
    repositoryId,
    ...(update ? { checkRunId: update } : { headSha: spec.headSha, name: spec.name }),
    status: spec.status.toUpperCase(),
    ...(completed ? { conclusion: spec.conclusion!.toUpperCase(), completedAt: new Date().toISOString() } : {}),
    ...(spec.detailsUrl ? { detailsUrl: spec.detailsUrl } : {}),
    output: outputOf(spec, (a) => ({ location: { startLine: a.startLine, endLine: a.endLine }, annotationLevel: a.level.toUpperCase() })),
  };
}

/**
 * Check runs (ours, upserted by name and head sha) and other apps' checks and statuses (read):
 * `ops` are the port's methods; `runs` the memory of our runs that a GraphQL write of a check run
 * (publications.ts) plans with and keeps current.
 */
export function checkOps(ctx: PortContext, selfSlug: () => string | undefined) {
  const { octokit, repo } = ctx;
  /**
   * Our own check runs per commit sha, as this port (one pass) last listed or wrote them: finding
   * our run by name needs no second listing after our own create or update (issue #9 "A request
   * budget"). Other apps' runs are never answered from here; `listCheckRuns` always reads.
   */
  const oursBySha = new Map<string, Map<string, OurRun>>();
  const isOurs = (run: CheckRunSnapshot) => {
    const slug = selfSlug();
    return slug === undefined || run.appSlug === slug;
  };

  /** Keeps our runs of a full listing of commit `ref` (a sha) for `upsertCheckRun`. */
  function rememberListing(ref: string, runs: CheckRunSnapshot[]): void {
    if (FULL_SHA.test(ref)) oursBySha.set(ref.toLowerCase(), new Map(runs.filter(isOurs).map((r) => [r.name, { id: r.id, status: r.status, conclusion: r.conclusion, ...(r.nodeId ? { nodeId: r.nodeId } : {}) }])));
  }

  async function listCheckRuns(ref: string): Promise<CheckRunSnapshot[]> {
    const raw = await octokit.paginate(octokit.rest.checks.listForRef, { ...repo, ref, per_page: 100 });
    const runs = (raw as RawCheckRun[]).map(toCheckRun);
    rememberListing(ref, runs);
    return runs;
  }

  async function listChecks(sha: string): Promise<{ runs: CheckRunSnapshot[]; statuses: CommitStatusSnapshot[] }> {
    // GraphQL finds a commit by its full object id only; anything else (a branch name) is read by REST.
    if (!FULL_SHA.test(sha)) return { runs: await listCheckRuns(sha), statuses: await listCommitStatuses(sha) };
    const checks = await readCommitChecks(ctx, sha.toLowerCase());
    rememberListing(sha, checks.runs);
    return checks;
  }

  async function listCommitStatuses(ref: string): Promise<CommitStatusSnapshot[]> {
    const { data } = await octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref, per_page: 100 });
    return data.statuses.map((s) => ({ context: s.context, state: s.state, targetUrl: s.target_url ?? null }));
  }

  /** Our run named `name` on `sha`: from this pass's listing or writes, else listed now. */
  async function ourRun(sha: string, name: string): Promise<OurRun | null> {
    const known = oursBySha.get(sha.toLowerCase());
    if (known) return known.get(name) ?? null;
    await listCheckRuns(sha);
    return oursBySha.get(sha.toLowerCase())?.get(name) ?? null;
  }

  function remember(sha: string, name: string, run: OurRun): void {
    const key = sha.toLowerCase();
    const known = oursBySha.get(key) ?? new Map<string, OurRun>();
    known.set(name, run);
    oursBySha.set(key, known);
  }

  /**
   * What an upsert of `spec` sends, from our runs on its head (this pass's memory, else listed
   * now): nothing for an `ifShown` run not there, or a completed run whose conclusion is unchanged
   * (no churn on redelivery); else a create or an update.
   */
  async function planCheckRun(spec: CheckRunSpec): Promise<CheckRunPlan> {
    const existing = await ourRun(spec.headSha, spec.name);
    if (!existing) return spec.ifShown ? { kind: "skip", id: null } : { kind: "create" };
    if (existing.status === "completed" && spec.status === "completed" && existing.conclusion === (spec.conclusion ?? null)) return { kind: "skip", id: existing.id };
    return { kind: "update", run: existing };
  }

  /** Remembers that `spec` was written as our run `id` (node id `nodeId`, when said). */
  function written(spec: CheckRunSpec, id: number, nodeId?: string): void {
    remember(spec.headSha, spec.name, { id, status: spec.status, conclusion: spec.status === "completed" ? (spec.conclusion ?? null) : null, ...(nodeId ? { nodeId } : {}) });
  }

  /** Our run named as `spec` on its head, listed again now (a create whose answer was lost is looked for). */
  async function landedRun(spec: CheckRunSpec): Promise<OurRun | null> {
    oursBySha.delete(spec.headSha.toLowerCase());
    return ourRun(spec.headSha, spec.name);
  }

  const ops = {
    listCheckRuns,
    listChecks,
    async upsertCheckRun(spec: CheckRunSpec): Promise<number | null> {
      const plan = await planCheckRun(spec);
      if (plan.kind === "skip") return plan.id;
      const body = restBody(spec);
      if (plan.kind === "create") {
        // A create whose answer was lost is looked for (ours by name on the sha, listed again)
        // before it is sent again.
        const created = await createOnce(
          policyOf(octokit),
          async () => {
            const { data } = await octokit.rest.checks.create({ ...repo, name: spec.name, head_sha: spec.headSha, ...body, ...NO_BLIND_RETRY });
            return { id: data.id, nodeId: data.node_id };
          },
          async () => {
            const found = await landedRun(spec);
            return found ? { id: found.id, nodeId: found.nodeId } : null;
          },
        );
        written(spec, created.id, created.nodeId);
        return created.id;
      }
      await octokit.rest.checks.update({ ...repo, check_run_id: plan.run.id, ...body });
      written(spec, plan.run.id, plan.run.nodeId);
      return plan.run.id;
    },
    listCommitStatuses,
  };
  return { ops, runs: { planCheckRun, written, landedRun } };
}

/** Our check runs' memory of one port, for writes that are not the port's own (publications.ts). */
export type CheckRunMemory = ReturnType<typeof checkOps>["runs"];
