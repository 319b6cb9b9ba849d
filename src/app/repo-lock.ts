import { Redis } from "ioredis";
import PQueue from "p-queue";
import { Mutex } from "redis-semaphore";

/**
 * Serializes work per repository: every handler for `owner/repo` runs one at a time, so two events
 * for the same repository never interleave their read-decide-write cycles.
 * - In this process: a queue per repository (always).
 * - Across replicas, when `REDIS_URL` is set: a Redis mutex per repository (redis-semaphore over
 *   ioredis; key `mutex:orchestrator:repo:<owner/repo>`), held while the work runs, with a TTL of
 *   `LOCK_TTL_MS` refreshed every 80% of it, so a crashed holder frees it within the TTL.
 * Without Redis, replicas are safe through GitHub's own primitives instead (the dispatch idempotency
 * ref, the merge `sha` guard, oldest-comment-wins); the lock only spares them wasted work and the
 * one race those primitives leave open (see docs/operations.md).
 */
const queues = new Map<string, PQueue>();

/** Lock TTL, milliseconds: a holder that dies frees the repository after this long. */
export const LOCK_TTL_MS = 60_000;
/** Longest wait for another replica's lock, milliseconds; then the handler fails (logged by Probot). */
export const LOCK_ACQUIRE_TIMEOUT_MS = 5 * 60_000;

let redis: { url: string; client: Redis } | null = null;

/** The Redis client for `REDIS_URL` (one per process), or null without it. */
function redisClient(): Redis | null {
  const url = process.env.REDIS_URL;
  if (!url) return null;
  if (redis?.url !== url) {
    void redis?.client.quit().catch(() => undefined);
    redis = { url, client: new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: false }) };
  }
  return redis.client;
}

/**
 * Whether the repository lock spans replicas (`REDIS_URL` is set): then no other replica writes a
 * work item while a pass holds it, and the lost-update check of item-store.ts is not needed.
 */
export function repoLockSpansReplicas(): boolean {
  return Boolean(process.env.REDIS_URL);
}

/** Closes the Redis connection, if any (tests, shutdown). */
export async function closeRepoLocks(): Promise<void> {
  const current = redis;
  redis = null;
  if (current) await current.client.quit().catch(() => undefined);
}

/**
 * A handler that failed after the Octokit's retries: answered 500 with what failed and what repairs
 * it, instead of the raw GitHub status (a 403 from a rate limit would read as a permission problem
 * in the app's "Recent Deliveries"). Probot logs it with the delivery id; the delivery can be
 * redelivered, and the periodic sweep re-derives what the event would have changed.
 */
export class HandlerGaveUp extends Error {
  readonly status = 500;
  constructor(repoKey: string, override readonly cause: unknown) {
    super(`handling an event for ${repoKey} failed after GitHub retries (${cause instanceof Error ? cause.message : String(cause)}); the periodic sweep repairs it, or redeliver it`);
    this.name = "HandlerGaveUp";
  }
}

async function underRedisLock<T>(client: Redis, repoKey: string, work: () => Promise<T>): Promise<T> {
  const mutex = new Mutex(client, `orchestrator:repo:${repoKey}`, {
    lockTimeout: LOCK_TTL_MS,
    acquireTimeout: LOCK_ACQUIRE_TIMEOUT_MS,
    retryInterval: 25,
    // Lost (Redis unreachable past the TTL): the work goes on; GitHub's guards keep it safe.
    onLockLost: () => undefined,
  });
  await mutex.acquire();
  try {
    return await work();
  } finally {
    await mutex.release().catch(() => undefined);
  }
}

/**
 * Runs `work` after every earlier piece of work for the same repository has settled, holding the
 * repository's Redis lock when `REDIS_URL` is set. Errors from `work` reject as {@link HandlerGaveUp}.
 * @param repoKey "owner/repo", lower case
 */
export async function withRepoLock<T>(repoKey: string, work: () => Promise<T>): Promise<T> {
  let queue = queues.get(repoKey);
  if (!queue) {
    queue = new PQueue({ concurrency: 1 });
    queues.set(repoKey, queue);
  }
  const current = queue;
  try {
    return (await current.add(async () => {
      const client = redisClient();
      return client ? underRedisLock(client, repoKey, work) : work();
    })) as T;
  } catch (error) {
    throw error instanceof HandlerGaveUp ? error : new HandlerGaveUp(repoKey, error);
  } finally {
    if (current.size === 0 && current.pending === 0) queues.delete(repoKey);
  }
}
