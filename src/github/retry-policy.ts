/**
 * How the app and the worker answer GitHub's failures, as GitHub documents them ("Rate limits for
 * the REST API", docs.github.com): a secondary rate limit is retried after `retry-after` seconds
 * (GitHub: "wait for at least one minute" without it; "throw an error after a specific number of
 * retries"); a primary limit (`x-ratelimit-remaining: 0`) is waited out until `x-ratelimit-reset`;
 * 5xx answers and lost responses are retried with growing waits. The retrying itself is done by
 * Probot's Octokit plugins (@octokit/plugin-throttling for 403/429, @octokit/plugin-retry for the
 * rest); this module only holds the bounds and the decisions, so they can be unit-tested.
 */

/** Bounds of every retry. Seconds are GitHub's seconds; `msPerSecond` scales every wait. */
export interface RetryPolicy {
  /**
   * Retries of one request refused by rate limits, secondary or primary (then the error propagates).
   * Counted with the request's other retries: the plugins share one `retryCount` per request.
   */
  rateLimitRetries: number;
  /** Longest wait accepted for one secondary-limit retry, seconds; a longer `retry-after` gives up. */
  secondaryMaxWaitSeconds: number;
  /** Longest wait accepted until `x-ratelimit-reset`, seconds; a later reset gives up. */
  primaryMaxWaitSeconds: number;
  /** Retries of a 5xx answer or a lost response (waits 1, 4, 9, ... seconds: plugin-retry's (n+1)^2). */
  serverErrorRetries: number;
  /** Milliseconds per second of waiting: 1000 in production; tests shrink it to stay fast. */
  msPerSecond: number;
}

/** Production bounds: a handler waits at most ~8 minutes for secondary limits and 15 for a reset. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  rateLimitRetries: 4,
  secondaryMaxWaitSeconds: 120,
  primaryMaxWaitSeconds: 900,
  serverErrorRetries: 3,
  msPerSecond: 1000,
};

/** Which of GitHub's rate limits refused a request. */
export type RateLimitKind = "secondary" | "primary";

/**
 * Whether to retry a request refused by a rate limit.
 * @param waitSeconds what GitHub asks: `retry-after` (secondary) or seconds until `x-ratelimit-reset` (primary)
 * @param retryCount retries of this request so far (0 on the first refusal)
 * @returns true to retry after `waitSeconds`, false to give up (the error reaches the caller)
 */
export function shouldRetryRateLimit(kind: RateLimitKind, waitSeconds: number, retryCount: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): boolean {
  const maxWait = kind === "secondary" ? policy.secondaryMaxWaitSeconds : policy.primaryMaxWaitSeconds;
  return retryCount < policy.rateLimitRetries && Number.isFinite(waitSeconds) && waitSeconds >= 0 && waitSeconds <= maxWait;
}

/**
 * HTTP statuses plugin-retry must never retry: client errors whose repeat gives the same answer
 * (plugin-retry's defaults), 405 and 409 (GitHub's answers to a merge or branch update that is not
 * possible or whose `sha` guard no longer holds: the caller re-evaluates, a repeat cannot succeed),
 * and 429, which is a rate limit that plugin-throttling owns (a blind retry a few seconds later only
 * prolongs the limit).
 */
export const DO_NOT_RETRY = [400, 401, 403, 404, 405, 409, 410, 422, 429, 451] as const;

/**
 * Whether a failed write may have been applied by GitHub although no success came back: no answer
 * at all (connection lost: Octokit reports status 500 without a response, or no status), or a 5xx
 * (GitHub's proxies can answer 502/504 after the write was done). Such a write must be checked
 * (re-read what it would have created) before it is sent again, unless it is idempotent.
 * A GraphQL answer with errors (Octokit's GraphqlResponseError: `errors`, and `data` for the
 * fields that ran) is an answer, not a lost one: what it applied is in it.
 */
export function mayHaveApplied(error: unknown): boolean {
  if (typeof error === "object" && error !== null && Array.isArray((error as { errors?: unknown }).errors)) return false;
  const status = statusOfError(error);
  return status === undefined || status >= 500;
}

function statusOfError(error: unknown): number | undefined {
  if (typeof error === "object" && error !== null && "status" in error) {
    const status = (error as { status: unknown }).status;
    return typeof status === "number" ? status : undefined;
  }
  return undefined;
}

/** Where a client built by `octokitWithPolicy` carries its policy (see octokit-client.ts). */
export interface WithRetryPolicy {
  retryPolicy?: RetryPolicy;
}

/** The failure policy of `octokit` (the production default for clients built elsewhere). */
export function policyOf(octokit: unknown): RetryPolicy {
  return (octokit as WithRetryPolicy | null)?.retryPolicy ?? DEFAULT_RETRY_POLICY;
}

/** Waits `seconds` of GitHub time, scaled by the policy (`msPerSecond`). */
export function pause(seconds: number, policy: RetryPolicy): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, seconds * policy.msPerSecond));
}
