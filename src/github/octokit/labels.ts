import type { LabelSpec } from "../port.js";
import type { PortContext } from "./types.js";
import { statusOf } from "./types.js";

/** Label management: the catalog on installation, and lazy creation before first use. */
export function labelOps({ octokit, repo }: PortContext) {
  // Labels this port instance has seen exist; saves a read per label per event.
  const known = new Set<string>();

  async function ensureOne(spec: LabelSpec, existing?: { color: string; description: string | null }): Promise<void> {
    if (!existing) {
      try {
        await octokit.rest.issues.createLabel({ ...repo, name: spec.name, color: spec.color, description: spec.description });
      } catch (error) {
        // 422 "already_exists": another replica or a person created it meanwhile.
        if (statusOf(error) !== 422) throw error;
      }
      known.add(spec.name);
      return;
    }
    known.add(spec.name);
    if (existing.color.toLowerCase() === spec.color.toLowerCase() && (existing.description ?? "") === spec.description) return;
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
      const missing = add.filter((name) => !known.has(name));
      if (missing.length > 0 && catalog) {
        const existing = await listLabels();
        for (const name of missing) {
          const spec = catalog.find((s) => s.name === name);
          if (spec) await ensureOne(spec, existing.get(name));
          else if (existing.has(name)) known.add(name);
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
