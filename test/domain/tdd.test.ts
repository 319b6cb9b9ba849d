import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decodeTddEvidenceBlock, encodeTddEvidenceBlock } from "../../src/domain/item/markers.js";
import { classifyRun, protectedTestsFailure, redProblems, tddFindings, type TddEvidence, type TddTestResult } from "../../src/domain/tdd.js";
import { reviewPullRequest, type ReviewInput } from "../../src/domain/verdict.js";

const C1 = "Dates are shown in the user's time zone";
const C2 = "The CSV export has a header row";
const test = (criterion: string, base: TddTestResult["base"], head?: TddTestResult["head"], name = `checks ${criterion}`): TddTestResult => ({
  criterion,
  name,
  files: [`test/${name.length}.test.ts`],
  command: "npm test",
  base,
  ...(head !== undefined ? { head } : {}),
});

describe("classifyRun", () => {
  const run = (exitCode: number | null, outputTail = "", timedOut = false) => ({ exitCode, outputTail, timedOut });

  it("an assertion failure is red, exit 0 passes", () => {
    expect(classifyRun(run(1, "AssertionError: expected 41 to be 42"))).toEqual({ result: "failed" });
    expect(classifyRun(run(0, "ok"))).toEqual({ result: "passed" });
  });

  it("compile, import and missing-command failures are errors that quote the error's message line", () => {
    const node = "node:internal/modules/esm/resolve:275\n    throw new ERR_MODULE_NOT_FOUND(\n          ^\n\nError [ERR_MODULE_NOT_FOUND]: Cannot find module '/w/src/csv.mjs'\n  code: 'ERR_MODULE_NOT_FOUND'";
    expect(classifyRun(run(1, node))).toEqual({ result: "error", detail: "it failed before testing anything (compile or load error): Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/w/src/csv.mjs'" });
    expect(classifyRun(run(2, "src/csv.ts(3,1): error TS2304: Cannot find name 'header'.")).result).toBe("error");
    expect(classifyRun(run(1, "Traceback...\nModuleNotFoundError: No module named 'csvx'")).detail).toContain("ModuleNotFoundError: No module named 'csvx'");
    expect(classifyRun(run(127, "bash: vitest: command not found")).detail).toBe("the test command could not be run (exit 127)");
    expect(classifyRun(run(null, "", true)).detail).toBe("the test timed out");
  });
});

describe("redProblems", () => {
  it("accepts one red test per criterion that touched only its own files", () => {
    const results = [test(C1, "failed"), test(C2, "failed")];
    expect(redProblems([C1, C2], results, results.flatMap((r) => r.files))).toEqual([]);
  });

  it("names a criterion without a test, an already passing test, an error and a file that is not a test", () => {
    const results = [test(C1, "passed"), { ...test("  dates ARE shown in the user's   time zone", "error"), detail: "it failed before testing anything" }];
    const problems = redProblems([C1, C2], results, ["src/date.ts", ...results.flatMap((r) => r.files)]);
    expect(problems).toEqual([
      `no test for the acceptance criterion "${C2}"`,
      `the test \`checks ${C1}\` (${C1}) already passes on the base: it cannot show the change; make it check the new behaviour`,
      expect.stringContaining("fails for another reason: it failed before testing anything"),
      "the test phase changed files no test lists (write tests only, list every test file): src/date.ts",
    ]);
  });
});

describe("review with worker.tdd on", () => {
  const base: ReviewInput = {
    headSha: "0123456789abcdef",
    checks: [{ name: "test", status: "completed", conclusion: "success", appSlug: "github-actions" }],
    requiredChecks: [],
    acceptanceCriteria: [C1, C2],
    evidence: { [C1]: "tests pass", [C2]: "tests pass" },
    scope: { outOfScope: [], gated: [] },
  };
  const evidence: TddEvidence = { issue: 7, testsCommit: "abc1234", tests: [test(C1, "failed", "passed"), test(C2, "failed", "passed")] };

  it("approves when every criterion shows red then green", () => {
    expect(reviewPullRequest({ ...base, tdd: { evidence } }).verdict).toBe("APPROVED");
  });

  it("requests changes, with the reason, when the evidence is missing, unreadable or not red-then-green", () => {
    const missing = reviewPullRequest({ ...base, tdd: { evidence: null } });
    expect(missing.verdict).toBe("CHANGES_REQUESTED");
    expect(missing.findings).toEqual(["worker.tdd is on but the pull request carries no red-then-green test evidence"]);
    expect(reviewPullRequest({ ...base, tdd: { evidence: "the TDD evidence block is not JSON" } }).findings[0]).toContain("cannot be read: the TDD evidence block is not JSON");
    const partial = reviewPullRequest({ ...base, tdd: { evidence: { ...evidence, tests: [test(C1, "passed", "passed")] } } });
    expect(partial.findings).toEqual([
      `the tests for "${C1}" do not show red then green (\`checks ${C1}\`: passed on the base, passed on the head)`,
      `no red-then-green test evidence for the criterion "${C2}"`,
    ]);
    expect(partial.review?.event).toBe("REQUEST_CHANGES");
  });

  it("is not asked when tdd is off (the input carries no tdd)", () => {
    expect(reviewPullRequest(base).verdict).toBe("APPROVED");
  });
});

describe("evidence block and protected tests", () => {
  it("round-trips any evidence through the hidden block", () => {
    const arb = fc.record({
      issue: fc.integer({ min: 1, max: 1e6 }),
      testsCommit: fc.stringMatching(/^[0-9a-f]{0,40}$/),
      tests: fc.array(
        fc.record({
          criterion: fc.string({ minLength: 1 }).filter((s) => s.trim() !== ""),
          name: fc.string({ minLength: 1 }).filter((s) => s.trim() !== ""),
          files: fc.array(fc.string({ minLength: 1 }).filter((s) => s.trim() !== ""), { minLength: 1, maxLength: 3 }),
          command: fc.constant("npm test -- --run"),
          base: fc.constantFrom("failed" as const, "passed" as const, "error" as const),
        }),
        { minLength: 1, maxLength: 4 },
      ),
    });
    fc.assert(
      fc.property(arb, (e) => {
        const trimmed = { ...e, tests: e.tests.map((t) => ({ ...t, criterion: t.criterion.trim(), name: t.name.trim(), files: t.files.map((f) => f.trim()) })) };
        const block = encodeTddEvidenceBlock(trimmed);
        expect(block.slice("<!--".length, -"-->".length)).not.toContain("--");
        const decoded = decodeTddEvidenceBlock(`PR body\n\n${block}\n`);
        expect(decoded).toEqual({ kind: "ok", value: trimmed });
      }),
      { numRuns: 100 },
    );
  });

  it("a diff of the committed tests fails the iteration", () => {
    expect(protectedTestsFailure([])).toBeNull();
    expect(protectedTestsFailure(["test/a.test.ts"])).toContain("(test/a.test.ts)");
  });
});
