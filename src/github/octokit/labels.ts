import { z } from "zod";
import type { LabelSpec } from "../port.js";
import type { PortContext } from "./types.js";
import { repositoryNodeId } from "./repository-id.js";
import { statusOf } from "./types.js";

/**
 * Labels known to exist, per repository, for the life of the process: a label is listed and
 * created at most once instead of once per event. Labels are rarely deleted; if one is, GitHub
 * re-creates it (without our colour) when it is next added, and the next installation event or
 * `ensureLabels` fixes its colour and description.
 */
const knownByRepo = new Map<string, Map<string, string | null>>();

/** The per-process map of a repository's known labels: name -> GraphQL node id (null: not learnt). */
function knownLabels({ octokit, repo }: PortContext): Map<string, string | null> {
  // Keyed by API base URL too: one process may serve several GitHub hosts (or test stand-ins).
  const key = `${octokit.request.endpoint.DEFAULTS.baseUrl} ${repo.owner}/${repo.repo}`.toLowerCase();
  let known = knownByRepo.get(key);
  if (!known) {
    known = new Map();
    knownByRepo.set(key, known);
  }
  return known;
}

/**
 * Forgets what this process knows of a repository's labels, when GitHub says a remembered label
 * no longer exists (a person deleted it, or deleted and re-created it under a new node id): the
 * next write lists the labels again.
 */
export function forgetKnownLabels(ctx: PortContext): void {
  knownLabels(ctx).clear();
}

interface ListedLabel {
  color: string;
  description: string | null;
  nodeId: string | null;
}

/** Whether an existing label already has the catalog's colour and description. */
function sameLook(spec: LabelSpec, existing: { color: string; description: string | null }): boolean {
  return existing.color.toLowerCase() === spec.color.toLowerCase() && (existing.description ?? "") === spec.description;
}

/** What the label operations share: the known labels, a listing, and creating a catalog label. */
function labelCore(ctx: PortContext) {
  const { octokit, repo } = ctx;
  const seen = knownLabels(ctx);

  async function ensureOne(spec: LabelSpec, existing?: ListedLabel): Promise<void> {
    if (!existing) {
      try {
        const { data } = await octokit.rest.issues.createLabel({ ...repo, name: spec.name, color: spec.color, description: spec.description });
        seen.set(spec.name, data.node_id ?? null);
      } catch (error) {
        // 422 "already_exists": another replica or a person created it meanwhile.
        if (statusOf(error) !== 422) throw error;
        seen.set(spec.name, seen.get(spec.name) ?? null);
      }
      return;
    }
    seen.set(spec.name, existing.nodeId);
    if (sameLook(spec, existing)) return;
    await octokit.rest.issues.updateLabel({ ...repo, name: spec.name, color: spec.color, description: spec.description });
  }

  async function listLabels(): Promise<Map<string, ListedLabel>> {
    const raw = await octokit.paginate(octokit.rest.issues.listLabelsForRepo, { ...repo, per_page: 100 });
    return new Map(raw.map((l) => [l.name, { color: l.color, description: l.description, nodeId: l.node_id ?? null }]));
  }

  /**
   * Makes the labels `names` exist (catalog ones with their colour): one listing of the
   * repository's labels when any is not known to this process yet; every label the listing shows
   * as it should be counts as known, so the next new name costs no second listing (a catalog label
   * with another colour is fixed when first used).
   */
  async function ensureKnown(names: readonly string[], catalog?: LabelSpec[]): Promise<void> {
    const missing = names.filter((name) => !seen.has(name));
    if (missing.length === 0 || !catalog) return;
    const existing = await listLabels();
    for (const [name, found] of existing) {
      const spec = catalog.find((s) => s.name === name);
      if (!spec || sameLook(spec, found)) seen.set(name, found.nodeId);
    }
    for (const name of missing) {
      const spec = catalog.find((s) => s.name === name);
      if (spec) await ensureOne(spec, existing.get(name));
      else if (existing.has(name)) seen.set(name, existing.get(name)!.nodeId);
    }
  }

  return { seen, listLabels, ensureOne, ensureKnown };
}

const LabelAnswer = z.object({ label: z.object({ id: z.string(), name: z.string() }).nullable() }).nullable();

/**
 * Creates the catalog labels `specs` that the repository lacks and fixes the colour and description
 * of those it has (`existing`, by name), in ONE GraphQL mutation document (`createLabel` and
 * `updateLabel` fields, run in order by GitHub), with the repository's node id (repository-id.ts),
 * instead of one REST request per label (issue #9, request budget: an installation's catalog of
 * about 40 labels is 3 requests, not 40; under GitHub's pacing of writes, one write instead of 40).
 * Returns the specs still to be done: those whose field GitHub refused (e.g. a label created
 * meanwhile by a person or another replica), or all of them when the document could not run
 * (a GitHub Enterprise Server without these mutations, a transport failure after the retries).
 */
async function ensureInOneRequest(ctx: PortContext, specs: readonly LabelSpec[], existing: ReadonlyMap<string, ListedLabel>): Promise<LabelSpec[]> {
  const { octokit, repo } = ctx;
  const seen = knownLabels(ctx);
  const declared: string[] = ["$repository: ID!"];
  const fields: string[] = [];
  const variables: Record<string, unknown> = {};
  const parts = specs.map((spec, i) => {
    const found = existing.get(spec.name);
    variables[`c${i}`] = spec.color;
    variables[`d${i}`] = spec.description;
    if (found?.nodeId) {
      declared.push(`$l${i}: ID!`, `$c${i}: String!`, `$d${i}: String`);
      fields.push(`l${i}: updateLabel(input: { id: $l${i}, color: $c${i}, description: $d${i} }) { label { id name } }`);
      variables[`l${i}`] = found.nodeId;
    } else if (!found) {
      declared.push(`$n${i}: String!`, `$c${i}: String!`, `$d${i}: String`);
      fields.push(`l${i}: createLabel(input: { repositoryId: $repository, name: $n${i}, color: $c${i}, description: $d${i} }) { label { id name } }`);
      variables[`n${i}`] = spec.name;
    } else return { spec, alias: null };
    return { spec, alias: `l${i}` };
  });
  let data: Record<string, unknown> = {};
  try {
    variables.repository = await repositoryNodeId(ctx);
    data = (await octokit.graphql(`mutation CatalogLabels(${declared.join(", ")}) {\n  ${fields.join("\n  ")}\n}`, variables)) as Record<string, unknown>;
  } catch (error) {
    // GitHub's refusal of some fields: the others were applied, and their answers are in `data`.
    const partial = typeof error === "object" && error !== null && "data" in error ? (error as { data: unknown }).data : null;
    if (typeof partial !== "object" || partial === null) return [...specs];
    data = partial as Record<string, unknown>;
  }
  const left: LabelSpec[] = [];
  for (const { spec, alias } of parts) {
    const answer = alias ? LabelAnswer.safeParse(data[alias] ?? null) : null;
    if (answer?.success && answer.data?.label) seen.set(spec.name, answer.data.label.id);
    else left.push(spec);
  }
  return left;
}

/**
 * GraphQL node ids of the labels `names`, made to exist first as {@link labelOps} `applyLabels`
 * does (a catalog label is created with its colour); a name whose id is still unknown (not in the
 * catalog and not in the repository) maps to null, for the caller to fall back to REST.
 */
export async function labelNodeIds(ctx: PortContext, names: readonly string[], catalog?: LabelSpec[]): Promise<Map<string, string | null>> {
  const core = labelCore(ctx);
  await core.ensureKnown(names, catalog);
  // Known to exist without an id (from an earlier create that met "already exists"): list once.
  if (names.some((name) => core.seen.has(name) && core.seen.get(name) === null)) {
    for (const [name, found] of await core.listLabels()) if (found.nodeId) core.seen.set(name, found.nodeId);
  }
  return new Map(names.map((name) => [name, core.seen.get(name) ?? null]));
}

/**
 * A label change as it is sent to GitHub, given the issue's `current` labels: only labels not
 * present are added and only present ones removed (no churn); a label in both lists is added.
 */
export function netLabelChange(current: readonly string[], change: { add: readonly string[]; remove: readonly string[] }): { add: string[]; remove: string[] } {
  const have = new Set(current);
  const add = [...new Set(change.add)].filter((name) => !have.has(name));
  return { add, remove: [...new Set(change.remove)].filter((name) => have.has(name) && !add.includes(name)) };
}

/** Label management: the catalog on installation, and lazy creation before first use. */
export function labelOps(ctx: PortContext) {
  const { octokit, repo } = ctx;
  const { seen, listLabels, ensureOne, ensureKnown } = labelCore(ctx);
  return {
    async ensureLabels(specs: LabelSpec[]): Promise<void> {
      const existing = await listLabels();
      const work = specs.filter((spec) => {
        const found = existing.get(spec.name);
        if (!found || !sameLook(spec, found)) return true;
        seen.set(spec.name, found.nodeId);
        return false;
      });
      // Several labels: one GraphQL document creates and fixes them all; what it could not do
      // (a label created meanwhile, GraphQL unavailable) goes through REST one by one.
      const rest = work.length > 1 ? await ensureInOneRequest(ctx, work, existing) : work;
      for (const spec of rest) await ensureOne(spec, existing.get(spec.name));
    },
    async applyLabels(
      number: number,
      current: string[],
      change: { add: string[]; remove: string[] },
      catalog?: LabelSpec[],
    ): Promise<boolean> {
      const { add, remove } = netLabelChange(current, change);
      if (add.length === 0 && remove.length === 0) return false;
      await ensureKnown(add, catalog);
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
