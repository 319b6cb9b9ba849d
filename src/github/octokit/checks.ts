import type { CheckRunSnapshot, CheckRunSpec, CommitStatusSnapshot } from "../port.js";
import { toCheckRun, type RawCheckRun } from "./map.js";
import type { PortContext } from "./types.js";
import { policyOf } from "../retry-policy.js";
import { createOnce, NO_BLIND_RETRY } from "./create-once.js";

/** GitHub caps annotations at 50 per check run request. */
const MAX_ANNOTATIONS = 50;

/** Check runs (ours, upserted by name and head sha) and other apps' checks and statuses (read). */
export function checkOps({ octokit, repo }: PortContext, selfSlug: () => string | undefined) {
  async function listCheckRuns(ref: string): Promise<CheckRunSnapshot[]> {
    const raw = await octokit.paginate(octokit.rest.checks.listForRef, { ...repo, ref, per_page: 100 });
    return (raw as RawCheckRun[]).map(toCheckRun);
  }

  return {
    listCheckRuns,
    async upsertCheckRun(spec: CheckRunSpec): Promise<number> {
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
      const slug = selfSlug();
      const ourRun = async () => (await listCheckRuns(spec.headSha)).find((run) => run.name === spec.name && (slug === undefined || run.appSlug === slug)) ?? null;
      const existing = await ourRun();
      if (!existing) {
        // A create whose answer was lost is looked for (ours by name on the sha) before it is sent again.
        return createOnce(
          policyOf(octokit),
          async () => (await octokit.rest.checks.create({ ...repo, name: spec.name, head_sha: spec.headSha, ...body, ...NO_BLIND_RETRY })).data.id,
          async () => (await ourRun())?.id ?? null,
        );
      }
      // A completed run with the same conclusion is left alone: no churn on redelivery.
      if (existing.status === "completed" && spec.status === "completed" && existing.conclusion === (spec.conclusion ?? null)) {
        return existing.id;
      }
      await octokit.rest.checks.update({ ...repo, check_run_id: existing.id, ...body });
      return existing.id;
    },
    async listCommitStatuses(ref: string): Promise<CommitStatusSnapshot[]> {
      const { data } = await octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref, per_page: 100 });
      return data.statuses.map((s) => ({ context: s.context, state: s.state, targetUrl: s.target_url ?? null }));
    },
  };
}
