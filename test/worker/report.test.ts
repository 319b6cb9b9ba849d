import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { diagnose, redactSecrets, renderBlockerReport, type BlockerInput, type IterationRecord } from "../../src/domain/blocker-report.js";
import { branchName, slugify } from "../../src/domain/branch-name.js";
import { type WorkerReport } from "../../src/domain/worker-report.js";
import { checkpointMessage, parseCheckpoint } from "../../src/worker/checkpoint.js";
import { decodeWorkerReport, encodeWorkerReport, reportMarker } from "../../src/domain/item/markers.js";

const report: WorkerReport = {
  v: 1,
  issue: 7,
  attempt: 2,
  runId: 123,
  outcome: "pr",
  pr: { number: 31, branch: "orchestrator/7-x--y", headSha: "abc" },
  iterations: 3,
  strategies: [{ index: 0, iterations: 3, outcome: "passed", summary: "done -- with dashes <!-- -->" }],
  gated: [".github/workflows/ci.yml"],
  outOfScope: [],
  deleted: 0,
  needsPerson: true,
  costUsd: 0.5,
  tokens: { input: 10, output: 2 },
};

describe("worker report block", () => {
  it("round-trips, with no `--` inside the HTML comment", () => {
    const block = encodeWorkerReport(report);
    expect(block.slice(4, -3)).not.toContain("--");
    expect(decodeWorkerReport(`text\n\n${reportMarker(2)}\n${block}`)).toEqual({ kind: "ok", report });
  });

  it("absent, unclosed, not JSON and schema errors are reported, never thrown", () => {
    expect(decodeWorkerReport("no block")).toEqual({ kind: "absent" });
    expect(decodeWorkerReport(reportMarker(1))).toEqual({ kind: "absent" });
    expect(decodeWorkerReport("<!-- orchestrator:report {")).toMatchObject({ kind: "invalid", reason: "report block is not closed" });
    expect(decodeWorkerReport("<!-- orchestrator:report {x} -->")).toMatchObject({ kind: "invalid", reason: expect.stringContaining("not JSON") });
    expect(decodeWorkerReport('<!-- orchestrator:report {"v":1} -->')).toMatchObject({ kind: "invalid", reason: expect.stringContaining("issue") });
  });

  it("markers of attempts 1 and 10 do not contain each other", () => {
    expect(reportMarker(10).includes(reportMarker(1))).toBe(false);
    expect(reportMarker(1).includes(reportMarker(10))).toBe(false);
  });

  it("property: any strategy summary survives the round trip", () => {
    fc.assert(
      fc.property(fc.string(), (summary) => {
        const r = { ...report, strategies: [{ index: 0, iterations: 1, outcome: "passed" as const, summary }] };
        const block = encodeWorkerReport(r);
        expect(block.slice(4, -3)).not.toContain("--");
        expect(decodeWorkerReport(block)).toEqual({ kind: "ok", report: r });
      }),
    );
  });
});

describe("redactSecrets", () => {
  it.each([
    ["token ghp_abcdefghijklmnopqrstuvwxyz012345 here", "ghp_"],
    ["ghs_ABCDEFGHIJKLMNOPQRSTUVWX", "ghs_"],
    ["gho_ABCDEFGHIJKLMNOPQRSTUVWX", "gho_"],
    ["github_pat_11ABCDEFG0123456789_abcdefghijklmnop", "github_pat_"],
    ["Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig", "eyJhbGci"],
    ["aws AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE"],
    ["ANTHROPIC_API_KEY=sk-ant-api03-abcdefghijklmnopqrstuv", "sk-ant"],
    ["DB_PASSWORD=hunter2", "hunter2"],
    ["export MY_SECRET='top secret'", "top secret"],
    ["api_key: abc123", "abc123"],
    ["https://x-access-token:abc123@github.com/acme/w.git", "abc123"],
  ])("redacts %j", (text, secret) => {
    const out = redactSecrets(text);
    expect(out).not.toContain(secret);
    expect(out).toContain("[REDACTED]");
  });

  it("leaves ordinary test output alone", () => {
    const text = "FAIL src/a.test.ts > adds\nexpected 3 to be 4\n  at line 12";
    expect(redactSecrets(text)).toBe(text);
  });
});

const it1 = (over: Partial<IterationRecord> = {}): IterationRecord => ({
  strategy: 0,
  iteration: 1,
  failures: ["test command `npm test` failed (exit 1)"],
  testOutputTail: "expected 3 to be 4",
  agent: { exitCode: 0, timedOut: false },
  outOfScope: [],
  ...over,
});
const input = (over: Partial<BlockerInput> = {}): BlockerInput => ({ kind: "exhausted", issue: 7, attempt: 1, strategies: [], iterations: [], ...over });

describe("blocker report", () => {
  it("hypotheses: same failure, crashes, scope, budgets, missing CLI, differing failures", () => {
    expect(diagnose(input({ iterations: [it1(), it1({ iteration: 2 })] })).hypothesis).toContain("same test failed in every iteration");
    expect(diagnose(input({ iterations: [it1({ agent: { exitCode: 1, timedOut: false } }), it1({ agent: { exitCode: null, timedOut: true }, testOutputTail: "other" })] })).hypothesis).toContain("API key");
    expect(diagnose(input({ kind: "out-of-scope", iterations: [it1({ outOfScope: ["docs/x.md"] })] })).summary).toBe("changes outside scope: docs/x.md");
    expect(diagnose(input({ kind: "time-budget" })).intervention).toContain("worker.max_minutes");
    expect(diagnose(input({ kind: "agent-missing", agentName: "codex" })).hypothesis).toContain("`codex`");
    expect(diagnose(input({ iterations: [it1(), it1({ iteration: 2, testOutputTail: "different" })] })).summary).toContain("strategies exhausted");
  });

  it("renders strategies, redacted error tails, hypothesis, intervention and the branch", () => {
    const md = renderBlockerReport(
      input({
        branch: "orchestrator/7-x",
        strategies: [{ index: 0, iterations: 2, outcome: "abandoned", summary: "strategy 1: a | b" }],
        iterations: [it1({ testOutputTail: "GITHUB_TOKEN=ghs_ABCDEFGHIJKLMNOPQRSTUVWX\nexpected 3 to be 4" })],
      }),
    );
    expect(md).toContain("| 1 | 2 | abandoned | strategy 1: a \\| b |");
    expect(md).toContain("expected 3 to be 4");
    expect(md).not.toContain("ghs_ABCDEFGH");
    expect(md).toContain("**Hypothesis:**");
    expect(md).toContain("**Recommended intervention:**");
    expect(md).toContain("Branch kept for inspection: `orchestrator/7-x`");
  });
});

describe("branch names and checkpoints", () => {
  it("branch is orchestrator/<issue>-<slug>", () => {
    expect(branchName(12, "Add a login page!")).toBe("orchestrator/12-add-a-login-page");
    expect(branchName(3, "Ünïcode — and ✨ emoji")).toBe("orchestrator/3-unicode-and-emoji");
    expect(branchName(4, "!!!")).toBe("orchestrator/4");
    expect(branchName(5, "x".repeat(100), "bots/")).toBe(`bots/5-${"x".repeat(40)}`);
  });

  it("property: slugs are valid ref components", () => {
    fc.assert(
      fc.property(fc.string(), (title) => {
        const slug = slugify(title);
        expect(slug).toMatch(/^([a-z0-9]+(-[a-z0-9]+)*)?$/);
        expect(slug.length).toBeLessThanOrEqual(40);
      }),
    );
  });

  it("checkpoint trailers round-trip, including tried strategies", () => {
    const c = { attempt: 2, strategy: 1, iteration: 3, tried: ["strategy 1: 5 iteration(s), last failure: \"x\""] };
    expect(parseCheckpoint(checkpointMessage(7, c, "failed: tests"))).toEqual(c);
    expect(parseCheckpoint("fix: something\n\nno trailers")).toBeNull();
  });
});
