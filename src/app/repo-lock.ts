import PQueue from "p-queue";

/**
 * Serializes work per repository within this process: every handler for `owner/repo` runs one at
 * a time, so two events for the same repository never interleave their read-decide-write cycles.
 * Across replicas, safety comes from idempotent writes and GitHub's own preconditions (the merge
 * `sha`), not from this lock.
 */
const queues = new Map<string, PQueue>();

/** Runs `work` after every earlier piece of work for the same repository has settled. */
export async function withRepoLock<T>(repoKey: string, work: () => Promise<T>): Promise<T> {
  let queue = queues.get(repoKey);
  if (!queue) {
    queue = new PQueue({ concurrency: 1 });
    queues.set(repoKey, queue);
  }
  const current = queue;
  try {
    return (await current.add(work)) as T;
  } finally {
    if (current.size === 0 && current.pending === 0) queues.delete(repoKey);
  }
}
