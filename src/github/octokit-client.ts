/**
 * The Octokit the app and the worker use: Probot's (throttling, retry, pagination, REST methods,
 * config) with the failure policy of retry-policy.ts. Probot's own defaults give up on every
 * secondary rate limit (the delivery then fails and its event is lost) and retry a primary limit
 * twice without bounding the wait; plugin-retry also retries 429 blindly. This fixes all three.
 *
 * Defaults are a function, so they see the options Probot computed (its throttle `Bottleneck` and
 * Redis `connection` when REDIS_URL is set stay in place; only the handlers and bounds change).
 */
import { ProbotOctokit } from "probot";
import { conditionalRequests } from "./conditional-requests.js";
import { DEFAULT_RETRY_POLICY, DO_NOT_RETRY, shouldRetryRateLimit, type RateLimitKind, type RetryPolicy, type WithRetryPolicy } from "./retry-policy.js";

/** What the rate-limit handlers log through: Octokit's logger (pino's shape in Probot). */
interface OctokitLog {
  warn(message: string): void;
}

/** The request as plugin-throttling hands it to a rate-limit handler. */
interface LimitedRequest {
  method?: string;
  url?: string;
}

function handler(kind: RateLimitKind, policy: RetryPolicy) {
  return (waitSeconds: number, options: LimitedRequest, octokit: { log: OctokitLog }, retryCount: number): boolean => {
    const retry = shouldRetryRateLimit(kind, waitSeconds, retryCount ?? 0, policy);
    const what = `${options.method ?? "?"} ${options.url ?? "?"}`;
    octokit.log.warn(
      retry
        ? `GitHub ${kind} rate limit on ${what}: retry ${(retryCount ?? 0) + 1} in ${waitSeconds} s`
        : `GitHub ${kind} rate limit on ${what}: giving up (retry ${retryCount ?? 0}, wait ${waitSeconds} s is beyond the policy)`,
    );
    return retry;
  };
}

/**
 * Octokit constructor options implementing `policy`, layered over `instance` (what Probot or the
 * caller passed). `throttle.enabled: false` in `instance` stays off (then rate limits are not retried).
 */
export function resilientOptions(instance: Record<string, unknown>, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Record<string, unknown> {
  const throttle = (instance.throttle ?? {}) as Record<string, unknown>;
  const retry = (instance.retry ?? {}) as Record<string, unknown>;
  return {
    ...instance,
    retry: { retries: policy.serverErrorRetries, doNotRetry: [...DO_NOT_RETRY], retryAfterBaseValue: policy.msPerSecond, ...retry },
    throttle: {
      ...throttle,
      retryAfterBaseValue: policy.msPerSecond,
      onSecondaryRateLimit: handler("secondary", policy),
      onRateLimit: handler("primary", policy),
    },
  };
}

/**
 * Probot's Octokit with a failure policy (tests pass a scaled `msPerSecond`) and conditional
 * requests (conditional-requests.ts: a GET answered 304 is not charged by GitHub).
 */
export function octokitWithPolicy(policy: RetryPolicy = DEFAULT_RETRY_POLICY): typeof ProbotOctokit {
  return ProbotOctokit.defaults((instance: Record<string, unknown>) => resilientOptions(instance, policy))
    .plugin((): WithRetryPolicy => ({ retryPolicy: policy }))
    .plugin(conditionalRequests as never) as typeof ProbotOctokit;
}

/** Probot's Octokit with the production failure policy (`DEFAULT_RETRY_POLICY`). */
export const ResilientOctokit: typeof ProbotOctokit = octokitWithPolicy();
