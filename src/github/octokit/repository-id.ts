import { z } from "zod";
import type { PortContext } from "./types.js";

/**
 * Repositories' GraphQL node ids (`Repository.id`), per process: what GraphQL mutations that act on
 * a repository take (`createLabel`, `createCheckRun`, `updateCheckRun`). A repository's node id
 * never changes (a rename or transfer keeps it), so it is learnt once: from any GraphQL read that
 * selects it anyway (the work-item view, a commit's checks), or asked once (`repositoryNodeId`).
 * Keyed by API base URL too: one process may serve several GitHub hosts (or test stand-ins).
 */
const ids = new Map<string, string>();

function keyOf({ octokit, repo }: PortContext): string {
  return `${octokit.request.endpoint.DEFAULTS.baseUrl} ${repo.owner}/${repo.repo}`.toLowerCase();
}

/** Remembers the node id a GraphQL read answered for the context's repository (ignored when absent). */
export function rememberRepositoryId(ctx: PortContext, id: string | null | undefined): void {
  if (id) ids.set(keyOf(ctx), id);
}

/** The repository's node id when this process has learnt it, without a request. */
export function knownRepositoryId(ctx: PortContext): string | undefined {
  return ids.get(keyOf(ctx));
}

const RepositoryId = z.object({ repository: z.object({ id: z.string() }) });

/** The repository's node id: learnt, or read now (one GraphQL request, once per process). Rejects with Octokit's errors. */
export async function repositoryNodeId(ctx: PortContext): Promise<string> {
  const known = knownRepositoryId(ctx);
  if (known) return known;
  const { octokit, repo } = ctx;
  const { repository } = RepositoryId.parse(await octokit.graphql(`query RepositoryId($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { id } }`, { owner: repo.owner, name: repo.repo }));
  rememberRepositoryId(ctx, repository.id);
  return repository.id;
}
