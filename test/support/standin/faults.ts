/**
 * Injected API faults (off by default): a seeded fraction of the API requests made by the code under
 * test fail the way GitHub fails them, per "Rate limits for the REST API" (docs.github.com):
 * - `server-error`: 502 or 503 with GitHub's short error body; nothing was applied;
 * - `secondary-rate-limit`: 403 (or 429) with `retry-after` (seconds) and the documented message
 *   "You have exceeded a secondary rate limit ..."; nothing was applied;
 * - `primary-rate-limit`: 403 (or 429) with `x-ratelimit-remaining: 0` and `x-ratelimit-reset` (UTC
 *   epoch seconds) and "API rate limit exceeded for installation ID N ..."; nothing was applied;
 * - `lost-response` (writes only): the write IS applied, then the connection is destroyed without an
 *   answer, as when a proxy or the network drops GitHub's response.
 * A faulted request gets the least injected kind it can take (ties drawn from the seeded sequence).
 * Each fault affects the one request it hits (a primary limit does not make later requests fail:
 * the client under test scales its waits, so the stand-in cannot keep a real clock for it).
 * Requests to `/app...` (JWT and installation token exchange) are never faulted.
 */
import { randomUUID } from "node:crypto";
import { mulberry32 } from "../random.js";

export type FaultKind = "server-error" | "secondary-rate-limit" | "primary-rate-limit" | "lost-response";

export interface FaultOptions {
  /** Fraction of eligible requests that fail, 0..1. */
  rate: number;
  /** Seed of the pseudo-random sequence (same seed and same request order: same faults). */
  seed: number;
  /** Kinds to draw from, the least injected first (default: all four). */
  kinds?: FaultKind[];
  /** Identities whose requests may fail (default: the app's installation only; "run" = workflow tokens). */
  identities?: Array<"installation" | "run">;
  /** `retry-after` of a secondary limit, seconds (default 60, GitHub's documented fallback wait). */
  retryAfterSeconds?: number;
  /** Distance of `x-ratelimit-reset` from now, seconds (default 30). */
  resetInSeconds?: number;
  /** Stop after this many faults (default: no limit), e.g. 1 to fail exactly the next eligible request. */
  max?: number;
  /** Only requests whose route (e.g. "POST /repos/{owner}/{repo}/issues/{issue_number}/comments") matches. */
  routes?: RegExp;
  /** Installation id named in the primary limit's message. */
  installationId?: number;
}

/** One fault the stand-in applied, for assertions and the timeline. */
export interface InjectedFault {
  kind: FaultKind;
  /** e.g. "POST /repos/{owner}/{repo}/issues/{issue_number}/comments" */
  route: string;
  status: number | null;
}

/** What the core does for a faulted request: answer this instead of routing, or route then drop. */
export type FaultAction =
  | { kind: "answer"; fault: InjectedFault; status: number; headers: Record<string, string>; body: Record<string, unknown> }
  | { kind: "drop"; fault: InjectedFault };

const WRITES = new Set(["POST", "PATCH", "PUT", "DELETE"]);
const RATE_DOCS = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api";

/** Decides, request by request, whether and how to fail it. */
export class FaultInjector {
  readonly injected: InjectedFault[] = [];
  private readonly next: () => number;
  private readonly kinds: FaultKind[];
  private readonly identities: Set<string>;

  constructor(private readonly opts: FaultOptions) {
    if (!(opts.rate >= 0 && opts.rate <= 1)) throw new Error(`stand-in faults: rate must be within 0..1, got ${opts.rate}`);
    this.next = mulberry32(opts.seed);
    this.kinds = opts.kinds?.length ? opts.kinds : ["server-error", "secondary-rate-limit", "primary-rate-limit", "lost-response"];
    this.identities = new Set(opts.identities ?? ["installation"]);
  }

  /**
   * The fault for one request that passed authentication and validation, or null.
   * @param identity the caller's identity kind ("installation", "run", "person", "app", ...)
   */
  decide(method: string, route: string, path: string, identity: string): FaultAction | null {
    if (!this.identities.has(identity) || path.startsWith("/app")) return null;
    if (this.opts.routes && !this.opts.routes.test(route)) return null;
    if (this.opts.max !== undefined && this.injected.length >= this.opts.max) return null;
    if (this.next() >= this.opts.rate) return null;
    const eligible = WRITES.has(method) ? this.kinds : this.kinds.filter((k) => k !== "lost-response");
    if (!eligible.length) return null;
    // The least injected of the eligible kinds (ties drawn at random), so a run with a few dozen
    // faults meets every kind whatever order its requests came in.
    const used = (k: FaultKind) => this.injected.filter((f) => f.kind === k).length;
    const least = Math.min(...eligible.map(used));
    const candidates = eligible.filter((k) => used(k) === least);
    const kind = candidates[Math.floor(this.next() * candidates.length)]!;
    const pick = this.next();
    const requestId = randomUUID().toUpperCase();
    const support = `If you reach out to GitHub Support for help, please include the request ID ${requestId}.`;
    const record = (status: number | null): InjectedFault => {
      const fault = { kind, route, status };
      this.injected.push(fault);
      return fault;
    };
    switch (kind) {
      case "lost-response":
        return { kind: "drop", fault: record(null) };
      case "server-error": {
        const status = pick < 0.5 ? 502 : 503;
        const message = status === 502 ? "Server Error" : "Service Unavailable";
        return { kind: "answer", fault: record(status), status, headers: { "x-github-request-id": requestId }, body: { message } };
      }
      case "secondary-rate-limit": {
        const status = pick < 0.8 ? 403 : 429;
        return {
          kind: "answer",
          fault: record(status),
          status,
          headers: { "retry-after": String(this.opts.retryAfterSeconds ?? 60), "x-github-request-id": requestId },
          body: {
            message: `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ${support}`,
            documentation_url: `${RATE_DOCS}#about-secondary-rate-limits`,
          },
        };
      }
      case "primary-rate-limit": {
        const status = pick < 0.5 ? 403 : 429;
        const reset = Math.floor(Date.now() / 1000) + (this.opts.resetInSeconds ?? 30);
        return {
          kind: "answer",
          fault: record(status),
          status,
          headers: {
            "x-ratelimit-limit": "5000",
            "x-ratelimit-remaining": "0",
            "x-ratelimit-used": "5000",
            "x-ratelimit-reset": String(reset),
            "x-ratelimit-resource": "core",
            "x-github-request-id": requestId,
          },
          body: {
            message: `API rate limit exceeded for installation ID ${this.opts.installationId ?? 0}. ${support}`,
            documentation_url: `${RATE_DOCS}#exceeding-the-rate-limit`,
          },
        };
      }
    }
  }
}
