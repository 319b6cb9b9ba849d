import { mayHaveApplied, pause, type RetryPolicy } from "../retry-policy.js";

/** Per-request option turning plugin-retry off: a create whose answer was lost is looked for, not resent. */
export const NO_BLIND_RETRY = { request: { retries: 0 } } as const;

/**
 * Sends a non-idempotent create (a comment, a check run, a ref, a workflow dispatch) so that it
 * lands at most once although its answer may be lost: `create` is sent without plugin-retry; when it
 * fails in a way that may have been applied (no answer, 5xx: see mayHaveApplied), `findLanded` looks
 * for what it would have made, and only if nothing is found is it sent again, after plugin-retry's
 * backoff ((n+1)^2 seconds), at most `policy.serverErrorRetries` more times. Other errors reject.
 * @returns what `create` returned, or what `findLanded` found
 */
export async function createOnce<T>(policy: RetryPolicy, create: () => Promise<T>, findLanded: () => Promise<T | null>): Promise<T> {
  for (let tries = 0; ; tries++) {
    try {
      return await create();
    } catch (error) {
      if (!mayHaveApplied(error) || tries >= policy.serverErrorRetries) throw error;
      const landed = await findLanded();
      if (landed !== null) return landed;
      await pause((tries + 1) ** 2, policy);
    }
  }
}
