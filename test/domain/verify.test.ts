import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decodeVerifyRunBlock, encodeVerifyRunBlock } from "../../src/domain/item/markers.js";
import { parseReviewRunTitle, parseRunTitle, parseVerifyRunTitle, reviewRunTitle, runTitle, verifyRunTitle } from "../../src/domain/run-title.js";
import { hotfixFeedback, judgeVerification, renderVerification, revertBranchName, verificationLines, type VerificationRecord } from "../../src/domain/verify.js";
import { dispatchIdentity } from "../../src/github/dispatch-key.js";
import { configSchema } from "../../src/config/schema.js";

const A = "Given a signed-in user When they open /reports Then the page loads in under 2 s";
const B = "Given an export When it finishes Then the CSV has a header row";
const SHA = "0123456789abcdef0123456789abcdef01234567";

describe("judgeVerification", () => {
  it("PASSED when every criterion passed (matched ignoring case and spacing)", () => {
    const verification = { criteria: [{ criterion: A.toUpperCase(), result: "PASSED", evidence: "p95 1.2 s" }, { criterion: `  ${B}  `, result: "PASSED", evidence: "header: id,name" }] };
    expect(judgeVerification({ verification }, [A, B])).toEqual({ kind: "PASSED", criteria: [verification.criteria[0], { ...verification.criteria[1], criterion: B }] });
  });

  it("FAILED when one failed, and a criterion the command did not report on counts as failed", () => {
    const judged = judgeVerification({ verification: { criteria: [{ criterion: A, result: "PASSED", evidence: "ok" }] } }, [A, B]);
    expect(judged).toEqual({
      kind: "FAILED",
      criteria: [
        { criterion: A, result: "PASSED", evidence: "ok" },
        { criterion: B, result: "FAILED", evidence: "not verified: the verify command did not report on this criterion" },
      ],
    });
  });

  it("INVALID, saying why, for a problem or a file that breaks the schema", () => {
    expect(judgeVerification({ problem: "the verify command wrote no file" }, [A])).toEqual({ kind: "INVALID", reason: "the verify command wrote no file" });
    const bad = judgeVerification({ verification: { criteria: [{ criterion: A, result: "OK", evidence: 3 }] } }, [A]);
    expect(bad.kind).toBe("INVALID");
    expect(bad.kind === "INVALID" && bad.reason).toMatch(/^`\.orchestrator\/verification\.json` is invalid: criteria\.0\.result: .*; criteria\.0\.evidence: /);
    expect(judgeVerification({ verification: { criteria: [] } }, [A]).kind).toBe("INVALID");
    expect(judgeVerification({ verification: "PASSED" }, [A]).kind).toBe("INVALID");
  });

  it("never throws and decides PASSED exactly when every item criterion is reported PASSED", () => {
    const entry = fc.record({ criterion: fc.constantFrom(A, B, "other"), result: fc.constantFrom("PASSED", "FAILED"), evidence: fc.string({ maxLength: 20 }) });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 4 }), (criteria) => {
        const judged = judgeVerification({ verification: { criteria } }, [A, B]);
        const passedAll = criteria.every((c) => c.result === "PASSED") && [A, B].every((k) => criteria.some((c) => c.criterion === k));
        expect(judged.kind).toBe(criteria.length === 0 ? "INVALID" : passedAll ? "PASSED" : "FAILED");
      }),
    );
  });
});

describe("evidence and guidance", () => {
  const record: VerificationRecord = {
    sha: SHA,
    result: "FAILED",
    at: "2026-12-01T00:00:00Z",
    runUrl: "https://github.com/acme/widgets/actions/runs/7",
    criteria: [
      { criterion: A, result: "FAILED", evidence: "p95 3.4 s | over budget" },
      { criterion: B, result: "PASSED", evidence: "ok" },
    ],
    action: { kind: "reopened" },
  };

  it("gives the hotfix attempt the failed criteria with their evidence", () => {
    expect(hotfixFeedback(record)).toEqual([
      "Verification after landing failed on 0123456 (https://github.com/acme/widgets/actions/runs/7): fix it as a hotfix.",
      `Criterion FAILED in verification: "${A}"; evidence: p95 3.4 s | over budget`,
    ]);
  });

  it("renders one row per criterion, the commit, the run and what was done", () => {
    const body = renderVerification(record);
    expect(body).toContain(`**Verification after landing:** FAILED on ${SHA} ([run](https://github.com/acme/widgets/actions/runs/7))`);
    expect(body).toContain(`| ${A} | ❌ FAILED | p95 3.4 s \\| over budget |`);
    expect(body).toContain(`| ${B} | ✅ PASSED | ok |`);
    expect(body).toContain("reopened as a hotfix");
    expect(renderVerification({ ...record, action: { kind: "revert", pr: 12 } })).toContain("Revert pull request: #12");
    expect(renderVerification({ ...record, result: "INVALID", criteria: [], reason: "no file", action: undefined })).toContain("No usable verification: no file.");
    expect(verificationLines(record)).toEqual(["**Verification:** FAILED on 0123456: 1/2 criteria passed ([run](https://github.com/acme/widgets/actions/runs/7))", ""]);
    expect(verificationLines(undefined)).toEqual([]);
  });
});

describe("verify run plumbing", () => {
  it("is dispatched once per commit: its own idempotency ref and run name, never an attempt's or a review's", () => {
    expect(dispatchIdentity({ issue: "4", mode: "verify", sha: SHA })).toEqual({ ref: `refs/orchestrator/dispatch/4/verify-${SHA}`, runTitle: verifyRunTitle(4, SHA) });
    expect(dispatchIdentity({ issue: "4", mode: "verify", sha: "not-a-sha" })).toBeNull();
    expect(parseRunTitle(verifyRunTitle(4, SHA))).toBeNull();
    expect(parseReviewRunTitle(verifyRunTitle(4, SHA))).toBeNull();
    expect(parseVerifyRunTitle(verifyRunTitle(4, SHA))).toEqual({ issue: 4, sha: SHA });
    expect(parseVerifyRunTitle(runTitle(4, 2))).toBeNull();
    expect(parseVerifyRunTitle(reviewRunTitle(4, 9, SHA))).toBeNull();
    expect(revertBranchName(4, SHA, "orchestrator/")).toBe("orchestrator/revert-4-0123456");
  });

  it("round-trips the verify run block, raw verification included", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.option(fc.string(), { nil: undefined }), (verification, problem) => {
        const block = { v: 1 as const, issue: 3, sha: SHA, runId: 9, verification, ...(problem !== undefined ? { problem } : {}) };
        const decoded = decodeVerifyRunBlock(`<!-- orchestrator:verify-run sha=${SHA} -->\n${encodeVerifyRunBlock(block)}`);
        expect(decoded.kind).toBe("ok");
        expect(JSON.stringify(decoded.kind === "ok" ? decoded.value : null)).toBe(JSON.stringify(JSON.parse(JSON.stringify(block))));
      }),
      { numRuns: 100 },
    );
  });

  it("is off unless verify.command is set; defaults merge and reopen", () => {
    expect(configSchema.parse({}).verify).toEqual({ on: "merge", on_failure: "reopen", timeout_minutes: 15 });
    expect(configSchema.safeParse({ verify: { on: "nightly" } }).success).toBe(false);
    expect(configSchema.parse({ worker: {} }).worker.tdd).toBe(false);
  });
});
