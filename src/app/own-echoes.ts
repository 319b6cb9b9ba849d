import { parseRunTitle } from "../domain/run-title.js";
import type { RepoRef } from "../github/port.js";
import type { RepoEvent } from "./repo-event.js";
import type { RepoSession } from "./session.js";

/**
 * Echoes of this process's own completed work (issue #9, request budget): deliveries that a pass of
 * this process caused and whose follow-ups that pass already carried out, so their own pass would
 * only read the item again. Four are known: `run:N:A`, the worker run of attempt A of item N
 * completed after its report settled the attempt; `started:R`, the `requested` event of run R,
 * which the pass that dispatched it recorded on its attempt (GitHub named it in the dispatch's
 * answer); `closed:N`, the close GitHub makes of item N for the `Closes #N` of the pull request our
 * merge landed, when no item was waiting (that close is what releases waiting items: with any, it
 * keeps its pass); `landed:S`, every check event on head S of a pull request our merge landed (its
 * CI finishing after the merge: the item is done, and nothing waits on that head), which is not
 * used up by the first one (a head has many checks).
 * A key is remembered only once every write of the pass that earned it was sent (route.ts calls
 * {@link rememberEchoes} after the final flush), and is used once. Memory is per process and
 * bounded: another replica, a restarted process, or a forgotten key just runs the pass, which finds
 * nothing to do (the pass is idempotent) or repairs what a crash left (the reason those events
 * get a pass at all).
 */

/** Keys remembered at most (the oldest dropped first). */
const LIMIT = 5000;
const remembered = new Set<string>();
const pending = new WeakMap<RepoSession, string[]>();

function repoKey(repo: RepoRef): string {
  return `${repo.owner}/${repo.repo}`.toLowerCase();
}

/** Marks `key` (see the module comment) as earned by this pass, remembered when its writes are all sent. */
export function expectEcho(session: RepoSession, key: `run:${number}:${number}` | `started:${number}` | `closed:${number}` | `landed:${string}`): void {
  const list = pending.get(session) ?? [];
  list.push(`${repoKey(session.port.repo)} ${key}`);
  pending.set(session, list);
}

/** Remembers the keys this pass earned; called once its writes were all sent. */
export function rememberEchoes(session: RepoSession): void {
  for (const key of pending.get(session) ?? []) {
    remembered.delete(key);
    remembered.add(key);
    if (remembered.size > LIMIT) remembered.delete(remembered.values().next().value!);
  }
  pending.delete(session);
}

/** The echo key of an event, or null: a completed worker run, a requested one, a close, a check. */
function echoKey(event: RepoEvent): string | null {
  if (event.kind === "workflow-run" && event.action === "completed") {
    const ids = parseRunTitle(event.run.displayTitle);
    return ids ? `run:${ids.issue}:${ids.attempt}` : null;
  }
  if (event.kind === "workflow-run" && event.action === "requested") return `started:${event.run.id}`;
  if (event.kind === "issue" && event.action === "closed" && !event.isPullRequest) return `closed:${event.number}`;
  if (event.kind === "check") return `landed:${event.headSha}`;
  return null;
}

/**
 * Whether `event` is a remembered echo (then forgotten: an echo is skipped once). Asked inside the
 * repository's lock (route.ts), so an echo of a pass still running when its delivery arrives (a
 * run's `requested` comes while the pass that dispatched it ends) is known by then.
 */
export function isOwnEcho(repo: RepoRef, event: RepoEvent): boolean {
  // A reopened issue's next close is news again (its dependents were blocked by the reopen).
  if (event.kind === "issue" && event.action === "reopened") remembered.delete(`${repoKey(repo)} closed:${event.number}`);
  const key = echoKey(event);
  if (key === null) return false;
  const full = `${repoKey(repo)} ${key}`;
  return key.startsWith("landed:") ? remembered.has(full) : remembered.delete(full);
}

/**
 * Forgets every remembered echo. For a process that serves one repository name from several
 * GitHub instances in turn (the tests: each starts a stand-in whose issue numbers and attempts
 * start again at 1), where a key would otherwise outlive the instance that earned it.
 */
export function forgetEchoes(): void {
  remembered.clear();
}
