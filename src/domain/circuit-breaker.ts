/**
 * The circuit breaker per repository and agent (issue 12; Nygard's pattern as the playbook states
 * it: "three consecutive failures stop the calling, a wait, then one try"). Infrastructure
 * failures in a row open it: nothing is dispatched; after the cool-down one probe attempt runs
 * (half-open); its success closes the breaker, its infrastructure failure opens it again. Agent
 * failures show the infrastructure works, so they count as successes here. Pure: the state lives
 * where the app keeps it (e.g. the repository's dashboard block); times are epoch ms.
 */

/** When the breaker opens and how long it stays open. */
export interface BreakerPolicy {
  /** Infrastructure failures in a row that open it. */
  threshold: number;
  /** Cool-down before a probe, ms. */
  cooldownMs: number;
}

/** Defaults: 3 failures in a row, 30 minutes' cool-down. */
export const BREAKER_DEFAULTS: Readonly<BreakerPolicy> = { threshold: 3, cooldownMs: 30 * 60_000 };

export type BreakerState =
  | { status: "closed"; consecutiveFailures: number; lastFailure?: string }
  | { status: "open"; openedAt: number; consecutiveFailures: number; lastFailure: string }
  | { status: "half-open"; probeAt: number; consecutiveFailures: number; lastFailure: string };

/** A closed breaker with no failures. */
export const CLOSED: BreakerState = { status: "closed", consecutiveFailures: 0 };

export type BreakerEvent =
  | { kind: "infrastructure-failure"; at: number; detail: string }
  /** An attempt ended with a pull request or an agent failure: the infrastructure worked. */
  | { kind: "success"; at: number }
  /** The app dispatched the probe attempt the gate allowed. */
  | { kind: "probe-dispatched"; at: number };

/** The state after `event` (total: every state accepts every event). */
export function nextBreakerState(state: BreakerState, event: BreakerEvent, policy: BreakerPolicy = BREAKER_DEFAULTS): BreakerState {
  switch (event.kind) {
    case "success":
      return CLOSED;
    case "probe-dispatched":
      return state.status === "closed" ? state : { status: "half-open", probeAt: event.at, consecutiveFailures: state.consecutiveFailures, lastFailure: state.lastFailure };
    case "infrastructure-failure": {
      const consecutiveFailures = state.consecutiveFailures + 1;
      if (state.status === "closed" && consecutiveFailures < policy.threshold) {
        return { status: "closed", consecutiveFailures, lastFailure: event.detail };
      }
      // Opens at the threshold; a failed probe or a late failure while open restarts the cool-down.
      return { status: "open", openedAt: event.at, consecutiveFailures, lastFailure: event.detail };
    }
  }
}

/** Whether a dispatch may start now; a denial says why and when the next probe may run. */
export type BreakerGate = { allow: true; probe: boolean } | { allow: false; reason: string; probeAt: number };

/**
 * The gate for a dispatch at `now`. Closed: allowed. Open: denied until the cool-down has passed,
 * then one probe is allowed (the caller records `probe-dispatched`). Half-open: denied while the
 * probe runs; if it has not reported within another cool-down (a lost runner), one more probe.
 */
export function breakerGate(state: BreakerState, now: number, policy: BreakerPolicy = BREAKER_DEFAULTS): BreakerGate {
  if (state.status === "closed") return { allow: true, probe: false };
  const since = state.status === "open" ? state.openedAt : state.probeAt;
  const probeAt = since + policy.cooldownMs;
  if (now >= probeAt) return { allow: true, probe: true };
  const why =
    state.status === "open"
      ? `circuit breaker open after ${state.consecutiveFailures} infrastructure failure(s) in a row (last: ${state.lastFailure})`
      : `circuit breaker half-open: a probe attempt is running (last failure: ${state.lastFailure})`;
  return { allow: false, reason: `${why}; next probe at ${new Date(probeAt).toISOString()}`, probeAt };
}
