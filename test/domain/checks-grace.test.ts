import { describe, expect, it } from "vitest";
import { checksGraceStep, checksMissingLine, graceOutcome, triggersOnPullRequests } from "../../src/domain/checks-grace.js";
import { emptyItemState } from "../../src/domain/item-state.js";

const HEAD = "a".repeat(40);
const T0 = "2026-03-01T10:00:00.000Z";
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

describe("checks grace: which workflows run on pull requests", () => {
  it.each([
    ["on: pull_request\njobs: {}\n", true],
    ["on: [push, pull_request_target]\n", true],
    ["on:\n  pull_request:\n    branches: [main]\n  push: {}\n", true],
    ["true:\n  pull_request: {}\n", true],
    ["on:\n  push:\n    branches: [main]\n  workflow_dispatch: {}\n", false],
    ["on: [push, schedule]\n", false],
    ["name: no trigger\njobs: {}\n", false],
    ["on: [pull_request\n", false],
    ["a: &a [*a]\non: pull_request\n", false],
    ["- pull_request\n", false],
  ])("%j -> %s", (text, expected) => {
    expect(triggersOnPullRequests(text)).toBe(expected);
  });
});

describe("checks grace: the step for a head", () => {
  const base = { headSha: HEAD, now: T0, graceMinutes: 10, checkCount: 0, wait: undefined };

  it("starts the grace on a head without checks, waits it out, then is due once", () => {
    expect(checksGraceStep(base)).toEqual({ kind: "record", wait: { headSha: HEAD, since: T0 } });
    const wait = { headSha: HEAD, since: T0 };
    expect(checksGraceStep({ ...base, now: at(9.99), wait })).toEqual({ kind: "keep" });
    expect(checksGraceStep({ ...base, now: at(10), wait })).toEqual({ kind: "due", wait });
    expect(checksGraceStep({ ...base, now: at(60), wait: graceOutcome(wait, [".github/workflows/ci.yml"]) })).toEqual({ kind: "keep" });
  });

  it("restarts on a new head, clears on a check, and does nothing when off", () => {
    const noticed = { headSha: "b".repeat(40), since: T0, outcome: "noticed" as const };
    expect(checksGraceStep({ ...base, now: at(30), wait: noticed })).toEqual({ kind: "record", wait: { headSha: HEAD, since: at(30) } });
    expect(checksGraceStep({ ...base, checkCount: 1, wait: { ...noticed, headSha: HEAD } })).toEqual({ kind: "record", wait: undefined });
    expect(checksGraceStep({ ...base, checkCount: 2 })).toEqual({ kind: "keep" });
    expect(checksGraceStep({ ...base, graceMinutes: 0 })).toEqual({ kind: "keep" });
    expect(graceOutcome({ headSha: HEAD, since: T0 }, []).outcome).toBe("no-pull-request-workflows");
  });

  it("shows the status line only while the notice holds for the recorded head", () => {
    const state = { ...emptyItemState(3), status: "in-review" as const, pr: { number: 7, branch: "w", headSha: HEAD, gated: [], outOfScope: [] } };
    expect(checksMissingLine(state)).toBeNull();
    expect(checksMissingLine({ ...state, checksWait: { headSha: HEAD, since: T0 } })).toBeNull();
    expect(checksMissingLine({ ...state, checksWait: { headSha: HEAD, since: T0, outcome: "noticed" } })).toContain("the head of #7");
    expect(checksMissingLine({ ...state, checksWait: { headSha: "c".repeat(40), since: T0, outcome: "noticed" } })).toBeNull();
  });
});
