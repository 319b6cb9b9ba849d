import type { LabelSpec } from "../port.js";
import type { PortContext } from "./types.js";
import { statusOf } from "./types.js";

/**
 * Labels known to exist, per repository, for the life of the process: a label is listed and
 * created at most once instead of once per event. Labels are rarely deleted; if one is, GitHub
 * re-creates it (without our colour) when it is next added, and the next installation event or
 * `ensureLabels` fixes its colour and description.
 */
const knownByRepo = new Map<string, Set<string>>();

/** Whether an existing label already has the catalog's colour and description. */
function sameLook(spec: LabelSpec, existing: { color: string; description: string | null }): boolean {
  return existing.color.toLowerCase() === spec.color.toLowerCase() && (existing.description ?? "") === spec.description;
}

/** Label management: the catalog on installation, and lazy creation before first use. */
export function labelOps({ octokit, repo }: PortContext) {
  // Keyed by API base URL too: one process may serve several GitHub hosts (or test stand-ins).
  const key = `${octokit.request.endpoint.DEFAULTS.baseUrl} ${repo.owner}/${repo.repo}`.toLowerCase();
  let known = knownByRepo.get(key);
  if (!known) {
    known = new Set<string>();
    knownByRepo.set(key, known);
  }
  const seen = known;

  async function ensureOne(spec: LabelSpec, existing?: { color: string; description: string | null }): Promise<void> {
    if (!existing) {
      try {
        await octokit.rest.issues.createLabel({ ...repo, name: spec.name, color: spec.color, description: spec.description });
      } catch (error) {
        // 422 "already_exists": another replica or a person created it meanwhile.
        if (statusOf(error) !== 422) throw error;
      }
      seen.add(spec.name);
      return;
    }
    seen.add(spec.name);
    if (sameLook(spec, existing)) return;
    await octokit.rest.issues.updateLabel({ ...repo, name: spec.name, color: spec.color, description: spec.description });
  }

  async function listLabels(): Promise<Map<string, { color: string; description: string | null }>> {
    const raw = await octokit.paginate(octokit.rest.issues.listLabelsForRepo, { ...repo, per_page: 100 });
    return new Map(raw.map((l) => [l.name, { color: l.color, description: l.description }]));
  }

  return {
    async ensureLabels(specs: LabelSpec[]): Promise<void> {
      const existing = await listLabels();
      for (const spec of specs) await ensureOne(spec, existing.get(spec.name));
    },
    async applyLabels(
      number: number,
      current: string[],
      change: { add: string[]; remove: string[] },
      catalog?: LabelSpec[],
    ): Promise<boolean> {
      const have = new Set(current);
      const add = [...new Set(change.add)].filter((name) => !have.has(name));
      const remove = [...new Set(change.remove)].filter((name) => have.has(name) && !add.includes(name));
      if (add.length === 0 && remove.length === 0) return false;
      const missing = add.filter((name) => !seen.has(name));
      if (missing.length > 0 && catalog) {
        const existing = await listLabels();
        // Every label the listing shows as it should be counts as known, so the next new name
        // costs no second listing (a catalog label with another colour is fixed when first used).
        for (const [name, found] of existing) {
          const spec = catalog.find((s) => s.name === name);
          if (!spec || sameLook(spec, found)) seen.add(name);
        }
        for (const name of missing) {
          const spec = catalog.find((s) => s.name === name);
          if (spec) await ensureOne(spec, existing.get(name));
          else if (existing.has(name)) seen.add(name);
        }
      }
      if (add.length > 0) await octokit.rest.issues.addLabels({ ...repo, issue_number: number, labels: add });
      for (const name of remove) {
        try {
          await octokit.rest.issues.removeLabel({ ...repo, issue_number: number, name });
        } catch (error) {
          if (statusOf(error) !== 404) throw error; // already gone: the goal is reached
        }
      }
      return true;
    },
  };
}
