import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { BREAKER_DEFAULTS, breakerGate, CLOSED, nextBreakerState, type BreakerEvent, type BreakerState } from "../../src/domain/circuit-breaker.js";
import { failureClass, isProviderError } from "../../src/domain/failure-class.js";

const MIN = 60_000;
const fail = (at: number, detail = "HTTP 529 overloaded"): BreakerEvent => ({ kind: "infrastructure-failure", at, detail });

function replay(events: BreakerEvent[], from: BreakerState = CLOSED): BreakerState {
  return events.reduce((s, e) => nextBreakerState(s, e), from);
}

describe("circuit breaker", () => {
  it("opens after three infrastructure failures in a row, then nothing is dispatched and the gate says why", () => {
    const two = replay([fail(0), fail(1)]);
    expect(two.status).toBe("closed");
    expect(breakerGate(two, 2)).toEqual({ allow: true, probe: false });
    const open = nextBreakerState(two, fail(2, "API Error: 503"));
    expect(open).toEqual({ status: "open", openedAt: 2, consecutiveFailures: 3, lastFailure: "API Error: 503" });
    const gate = breakerGate(open, 10 * MIN);
    expect(gate.allow).toBe(false);
    if (!gate.allow) expect(gate.reason).toContain("open after 3 infrastructure failure(s) in a row (last: API Error: 503)");
  });

  it("a success (or an agent failure reported as one) in between resets the count", () => {
    expect(replay([fail(0), fail(1), { kind: "success", at: 2 }, fail(3), fail(4)]).status).toBe("closed");
  });

  it("after the cool-down one probe runs (half-open); its success closes the breaker", () => {
    const open = replay([fail(0), fail(1), fail(2)]);
    expect(breakerGate(open, 2 + BREAKER_DEFAULTS.cooldownMs - 1).allow).toBe(false);
    expect(breakerGate(open, 2 + BREAKER_DEFAULTS.cooldownMs)).toEqual({ allow: true, probe: true });
    const half = nextBreakerState(open, { kind: "probe-dispatched", at: 40 * MIN });
    expect(half.status).toBe("half-open");
    expect(breakerGate(half, 41 * MIN).allow).toBe(false);
    expect(nextBreakerState(half, { kind: "success", at: 42 * MIN })).toEqual(CLOSED);
  });

  it("a failed probe opens it again for another cool-down; a lost probe gets another after one", () => {
    const half = replay([fail(0), fail(1), fail(2), { kind: "probe-dispatched", at: 40 * MIN }]);
    const reopened = nextBreakerState(half, fail(45 * MIN));
    expect(reopened).toMatchObject({ status: "open", openedAt: 45 * MIN, consecutiveFailures: 4 });
    expect(breakerGate(reopened, 45 * MIN + BREAKER_DEFAULTS.cooldownMs - 1).allow).toBe(false);
    expect(breakerGate(half, 40 * MIN + BREAKER_DEFAULTS.cooldownMs)).toEqual({ allow: true, probe: true });
  });

  it("property: only infrastructure failures open it, and it opens exactly at the threshold of failures in a row", () => {
    const event = fc.oneof(
      fc.constant<"f">("f"),
      fc.constant<"s">("s"),
      fc.constant<"p">("p"),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (kinds) => {
        let state: BreakerState = CLOSED;
        let run = 0;
        kinds.forEach((k, at) => {
          const e: BreakerEvent = k === "f" ? fail(at) : k === "s" ? { kind: "success", at } : { kind: "probe-dispatched", at };
          state = nextBreakerState(state, e);
          run = k === "f" ? run + 1 : k === "s" ? 0 : run;
          expect(state.consecutiveFailures).toBe(run);
          if (run < BREAKER_DEFAULTS.threshold) expect(state.status).toBe("closed");
          else expect(state.status).not.toBe("closed");
        });
      }),
    );
  });
});

describe("failure classes", () => {
  it("infrastructure: no report, worker error, missing CLI, provider errors in the output", () => {
    expect(failureClass({ noReport: true })).toBe("infrastructure");
    expect(failureClass({ blocker: "error" })).toBe("infrastructure");
    expect(failureClass({ blocker: "agent-missing" })).toBe("infrastructure");
    expect(failureClass({ blocker: "exhausted", agentOutputTail: "API Error: 529 {\"type\":\"overloaded_error\"}" })).toBe("infrastructure");
    expect(failureClass({ blocker: "exhausted", agentOutputTail: "stream error: status 429 Too Many Requests" })).toBe("infrastructure");
  });

  it("agent: the work was hard; item: a person must fix the issue", () => {
    expect(failureClass({ blocker: "exhausted", agentOutputTail: "FAIL test/a.test.ts:503 expected 42" })).toBe("agent");
    expect(failureClass({ blocker: "out-of-scope" })).toBe("agent");
    expect(failureClass({ blocker: "cost-budget" })).toBe("agent");
    expect(failureClass({ blocker: "bad-input" })).toBe("item");
  });

  it("provider errors, not numbers that merely look like statuses", () => {
    expect(isProviderError("Error: 401 invalid x-api-key")).toBe(true);
    expect(isProviderError("RESOURCE_EXHAUSTED: quota")).toBe(true);
    expect(isProviderError("wrote 500 lines; 429 tests passed")).toBe(false);
    expect(isProviderError("TS2769: this overloaded signature is unavailable here")).toBe(false);
  });
});
