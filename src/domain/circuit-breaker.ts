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

/** What the breaker is derived from: one attempt of any work item, as its state block records it. */
export interface BreakerAttempt {
  /** The agent adapter it ran; attempts of other agents (or none recorded) are not counted. */
  agent?: string | undefined;
  dispatchedAt: string;
  /** The attempt was the breaker's probe (recorded by the scheduler when the gate allowed one). */
  probe?: boolean | undefined;
  /** Set once the attempt settled. */
  finishedAt?: string | undefined;
  outcome: string;
  /** Whose failure ended it; absent for a pull request. */
  failure?: string | undefined;
  summary?: string | undefined;
}

/**
 * The breaker of `agent`, derived from the attempts of every work item (GitHub is the database:
 * nothing is stored apart): each probe's dispatch and each settled attempt, in time order, folded
 * through {@link nextBreakerState}. A settled attempt with an `infrastructure` failure is a
 * failure; a pull request, an agent or item failure is a success; a cancelled attempt, or a failed
 * one with no class, says nothing about the infrastructure and is skipped. Times are ISO 8601 in, epoch ms in the state.
 */
export function breakerFromAttempts(attempts: readonly BreakerAttempt[], agent: string, policy: BreakerPolicy = BREAKER_DEFAULTS): BreakerState {
  const events: BreakerEvent[] = [];
  for (const a of attempts) {
    if (a.agent !== agent) continue;
    if (a.probe === true) events.push({ kind: "probe-dispatched", at: Date.parse(a.dispatchedAt) });
    if (a.finishedAt === undefined || a.outcome === "dispatched" || a.outcome === "cancelled") continue;
    // A failed attempt with no class (a refused dispatch, a block written before classes) proves nothing.
    if (a.outcome === "failed" && a.failure === undefined) continue;
    const at = Date.parse(a.finishedAt);
    events.push(a.failure === "infrastructure" ? { kind: "infrastructure-failure", at, detail: a.summary ?? a.outcome } : { kind: "success", at });
  }
  // Stable by time; at the same moment a dispatch precedes a settlement.
  events.sort((x, y) => x.at - y.at || Number(y.kind === "probe-dispatched") - Number(x.kind === "probe-dispatched"));
  return events.reduce((state, event) => nextBreakerState(state, event, policy), CLOSED);
}

/** One line for the dashboard and status comments: `closed`, `open since … (3 failures; last: …)`, `half-open: …`. */
export function describeBreaker(state: BreakerState, policy: BreakerPolicy = BREAKER_DEFAULTS): string {
  switch (state.status) {
    case "closed":
      return state.consecutiveFailures === 0 ? "closed" : `closed (${state.consecutiveFailures} of ${policy.threshold} infrastructure failures in a row)`;
    case "open":
      return `open since ${new Date(state.openedAt).toISOString()} after ${state.consecutiveFailures} infrastructure failures in a row (last: ${state.lastFailure}); next probe at ${new Date(state.openedAt + policy.cooldownMs).toISOString()}`;
    case "half-open":
      return `half-open: a probe attempt started ${new Date(state.probeAt).toISOString()} (last failure: ${state.lastFailure})`;
  }
}
