import { z } from "zod";

/** The part of a webhook payload that names the repository's default branch (most events carry it). */
const RepositoryPayload = z.object({ repository: z.object({ default_branch: z.string().min(1) }) });

/**
 * The default branch a webhook payload's `repository` names, or null when it does not say. Read
 * from a delivery by the app, and by the worker from its run's event file (`GITHUB_EVENT_PATH`, the
 * payload of the event that started the run), so neither asks GitHub for it.
 */
export function defaultBranchOf(payload: unknown): string | null {
  const parsed = RepositoryPayload.safeParse(payload);
  return parsed.success ? parsed.data.repository.default_branch : null;
}
