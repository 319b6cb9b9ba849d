import type { Context } from "probot";
import { configReaderFor } from "../config/load.js";
import { withDashboard } from "./dashboard.js";
import { StaleItemError } from "./item-writes.js";
import { rememberEchoes } from "./own-echoes.js";
import { withRepoLock } from "./repo-lock.js";
import { openSession, type ConfigReportTarget, type Log, type RepoSession, type SessionSource } from "./session.js";

/** Options of the app, set by tests and the demo (a fixed clock); production uses defaults. */
export interface AppOptions {
  /** Current time, ISO 8601. */
  now?: () => string;
  /** Our app's slug, so our check runs are told apart from other apps' of the same name. */
  appSlug?: string;
}

/** Runs of a pass after the first when an item it saves changed meanwhile (see StaleItemError). */
export const STALE_ITEM_RERUNS = 2;

/**
 * Runs a handler for the event's repository: serialized with every other handler for that
 * repository in this process, with a fresh session (config read from the default branch), unless
 * `echo` says (inside the lock) that the event is this process's own echo.
 * A broken config is reported to `target` and the handler is skipped. A handler that wrote
 * anything is followed by one update of the dashboard issue (when enabled; src/app/dashboard.ts).
 * A handler that met a work item changed by another writer while it ran ({@link StaleItemError})
 * runs again with a fresh session, at most {@link STALE_ITEM_RERUNS} times (its writes are
 * idempotent ensures, so a rerun is what a redelivery would do); then the error is thrown and the
 * periodic sweep repairs the item.
 */
export async function inRepository(
  source: SessionSource,
  target: ConfigReportTarget,
  options: AppOptions,
  handler: (session: RepoSession) => Promise<void>,
  echo: () => boolean = () => false,
): Promise<void> {
  const { owner, repo } = source.repo;
  await withRepoLock(`${owner}/${repo}`.toLowerCase(), async () => {
    // An echo of this process's own finished pass (own-echoes.ts) needs no session at all.
    if (echo()) return;
    for (let rerun = 0; ; rerun++) {
      const session = await openSession(source, target, options);
      if (!session) return;
      try {
        // The pass's staged item writes and end-of-pass publications are sent at its end
        // (item-writes.ts), inside the dashboard's view so that it re-renders after them.
        await withDashboard(session, async (s) => {
          await handler(s);
          await s.items.finish();
        });
        rememberEchoes(session);
        return;
      } catch (error) {
        if (!(error instanceof StaleItemError) || rerun >= STALE_ITEM_RERUNS) throw error;
        session.log.info({ issue: error.issue, rerun: rerun + 1 }, "work item changed by another writer during the pass; running the pass again");
      }
    }
  });
}

/** The session source of an event about one repository. */
export function sourceOf(context: Context): SessionSource {
  return {
    octokit: context.octokit,
    repo: context.repo(),
    log: context.log as unknown as Log,
    config: (fileName) => context.config(fileName),
  };
}

/**
 * The session source for a repository named explicitly (installation events carry a list of
 * repositories, not one): Probot's config plugin with the same semantics as `context.config`
 * (deep merge of `_extends` bases, `null` without a file), see configReaderFor.
 */
export function sourceFor(context: Context, owner: string, repo: string): SessionSource {
  return {
    octokit: context.octokit,
    repo: { owner, repo },
    log: context.log as unknown as Log,
    config: configReaderFor(context.octokit, owner, repo),
  };
}
