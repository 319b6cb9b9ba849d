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

/** What is kept of one of our check runs to update it: its id, status and conclusion. */
type OurRun = Pick<CheckRunSnapshot, "id" | "status" | "conclusion">;

/** Check runs (ours, upserted by name and head sha) and other apps' checks and statuses (read). */
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
    if (FULL_SHA.test(ref)) oursBySha.set(ref.toLowerCase(), new Map(runs.filter(isOurs).map((r) => [r.name, { id: r.id, status: r.status, conclusion: r.conclusion }])));
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

  return {
    listCheckRuns,
    listChecks,
    async upsertCheckRun(spec: CheckRunSpec): Promise<number | null> {
      const output = {
        title: spec.title,
        summary: spec.summary,
        ...(spec.text ? { text: spec.text } : {}),
        ...(spec.annotations && spec.annotations.length > 0
          ? {
              annotations: spec.annotations.slice(0, MAX_ANNOTATIONS).map((a) => ({
                path: a.path,
                start_line: a.startLine,
                end_line: a.endLine,
                annotation_level: a.level,
                message: a.message,
                ...(a.title ? { title: a.title } : {}),
              })),
            }
          : {}),
      };
      const body = {
        status: spec.status,
        ...(spec.status === "completed" && spec.conclusion ? { conclusion: spec.conclusion } : {}),
        ...(spec.detailsUrl ? { details_url: spec.detailsUrl } : {}),
        output,
      };
      const existing = await ourRun(spec.headSha, spec.name);
      const written = { status: spec.status, conclusion: spec.status === "completed" ? (spec.conclusion ?? null) : null };
      if (!existing && spec.ifShown) return null;
      if (!existing) {
        // A create whose answer was lost is looked for (ours by name on the sha, listed again)
        // before it is sent again.
        const id = await createOnce(
          policyOf(octokit),
          async () => (await octokit.rest.checks.create({ ...repo, name: spec.name, head_sha: spec.headSha, ...body, ...NO_BLIND_RETRY })).data.id,
          async () => {
            oursBySha.delete(spec.headSha.toLowerCase());
            return (await ourRun(spec.headSha, spec.name))?.id ?? null;
          },
        );
        remember(spec.headSha, spec.name, { id, ...written });
        return id;
      }
      // A completed run with the same conclusion is left alone: no churn on redelivery.
      if (existing.status === "completed" && spec.status === "completed" && existing.conclusion === (spec.conclusion ?? null)) {
        return existing.id;
      }
      await octokit.rest.checks.update({ ...repo, check_run_id: existing.id, ...body });
      remember(spec.headSha, spec.name, { id: existing.id, ...written });
      return existing.id;
    },
    listCommitStatuses,
  };
}
