import { z } from "zod";

/**
 * The TDD gate (issue #13 item 2, "the test is the acceptance criterion: create the failure signal
 * first"). With `worker.tdd: true` an attempt has two phases:
 *
 * 1. tests: the agent writes tests for the acceptance criteria ONLY and lists them in the test
 *    manifest ({@link TDD_MANIFEST_PATH}); the worker runs each test on the base plus those tests
 *    and requires every one to fail ("red"). A test that already passes, or that fails for another
 *    reason (a compile or load error, a missing command, a timeout), is reported and the agent
 *    tries again; the tests are then committed as `test: failing tests for #N` with the red results
 *    in a hidden block of the commit message (so later attempts and resumed runs read them back);
 * 2. implement: the normal loop, with each listed test run after every iteration; the committed
 *    test files may not change (a diff of them fails the iteration).
 *
 * The red-then-green evidence per criterion ({@link TddEvidence}) goes into the worker report and
 * the pull request body; the review requires it while `worker.tdd` is on ({@link tddFindings}).
 * Pure: the worker runs the commands, this module judges their results.
 */

/** Where the agent writes the test manifest in the test phase (git-excluded with the envelope). */
export const TDD_MANIFEST_PATH = ".orchestrator/tdd-tests.json";

/** Subject of the commit that holds the failing tests (Conventional Commits `test:`). */
export function tddCommitSubject(issue: number): string {
  return `test: failing tests for #${issue}`;
}

const text = z.string().trim().min(1);

/** One test the agent wrote in the test phase. */
export const tddTestSchema = z.object({
  /** The acceptance criterion it checks, as written in the issue. */
  criterion: text,
  /** The test's name as the test runner prints it. */
  name: text,
  /** Repository paths of the test file(s); these are protected for the rest of the attempt. */
  files: z.array(text).min(1),
  /** Runs just this test (`bash -c`); default the worker's test command. */
  command: text.optional(),
});

/** The test manifest the agent writes to {@link TDD_MANIFEST_PATH}. */
export const tddManifestSchema = z.object({ tests: z.array(tddTestSchema).min(1) });
export type TddManifest = z.infer<typeof tddManifestSchema>;

/** How one run of a test ended: failed (exit non-zero), passed (exit 0), or error (did not really run). */
export const TDD_RESULTS = ["failed", "passed", "error"] as const;
export type TddResult = (typeof TDD_RESULTS)[number];

/** One test with its result on the base (red phase) and, once green, on the head. */
export const tddTestResultSchema = tddTestSchema.extend({
  command: text,
  base: z.enum(TDD_RESULTS),
  /** Set once the implement phase passed: the result on the pull request's head. */
  head: z.enum(TDD_RESULTS).optional(),
  /** Why a run counts as `error`, or what an unexpected pass means. */
  detail: z.string().optional(),
});
export type TddTestResult = z.infer<typeof tddTestResultSchema>;

/** The red-then-green evidence of an attempt (worker report, pull request body, tests commit). */
export const tddEvidenceSchema = z.object({
  issue: z.number().int().positive(),
  /** The commit holding the failing tests. Empty while the commit is being made. */
  testsCommit: z.string(),
  tests: z.array(tddTestResultSchema).min(1),
});
export type TddEvidence = z.infer<typeof tddEvidenceSchema>;

/** What the worker saw of one command run (a structural subset of worker/checks.ts CommandRun). */
export interface TddRun {
  exitCode: number | null;
  timedOut: boolean;
  outputTail: string;
}

/**
 * Output lines that mean a test did not run at all rather than fail an assertion: syntax, compile,
 * type and module-resolution errors of the common toolchains (Node, TypeScript, Python, Go, Rust,
 * Java, C) and the shell's "command not found". Such a failure is no red signal: the test must
 * fail on the behaviour it checks.
 */
const NOT_RUN_PATTERNS: readonly RegExp[] = [
  /\bSyntaxError\b/,
  /\berror TS\d+\b/,
  /Cannot find module\b|ERR_MODULE_NOT_FOUND|Failed to load url|Failed to resolve import/,
  /\bModuleNotFoundError\b|\bImportError\b|\bIndentationError\b/,
  /\bcannot find package\b|\bundefined: \w|\[build failed\]|\bsetup failed\b/,
  /\berror\[E\d{4}\]|could not compile/,
  /\bcannot find symbol\b|\bcompilation failed\b|\bCOMPILATION ERROR\b/,
  /\bundefined reference to\b|\bfatal error: .+: No such file or directory/,
  /command not found|No such file or directory.*\bbash\b/,
];

/**
 * Classifies one run of a test on the base plus the new tests.
 * @returns `failed` (exit non-zero and no sign of a failure to run), `passed` (exit 0), or `error`
 *   with the reason: a timeout, a signal, exit 126/127 (not executable, not found), or an output
 *   line matching a compile/load error (its message line is quoted).
 */
export function classifyRun(run: TddRun): { result: TddResult; detail?: string } {
  if (run.timedOut) return { result: "error", detail: "the test timed out" };
  if (run.exitCode === 0) return { result: "passed" };
  if (run.exitCode === null) return { result: "error", detail: "the test was killed by a signal" };
  if (run.exitCode === 126 || run.exitCode === 127) return { result: "error", detail: `the test command could not be run (exit ${run.exitCode})` };
  // The error's own message line (`Error [X]: ...`, `ModuleNotFoundError: ...`, `error TS...`) over
  // the stack or source excerpt runtimes print around it.
  const matching = run.outputTail.split("\n").filter((l) => NOT_RUN_PATTERNS.some((p) => p.test(l)));
  const line = matching.find((l) => /^\s*\w*(Error|error)\b|\berror TS\d+/.test(l)) ?? matching.at(-1);
  if (line !== undefined) return { result: "error", detail: `it failed before testing anything (compile or load error): ${line.trim().slice(0, 200)}` };
  return { result: "failed" };
}

/**
 * What keeps the red phase from being accepted, one line per problem (empty: accepted):
 * a criterion without a test, a test naming no criterion of the item, a test that already passes
 * on the base ("it cannot show the change"), a test that failed for another reason, and files the
 * test phase changed that no test lists (the test phase writes tests only).
 * Criteria are compared ignoring case and spacing.
 */
export function redProblems(criteria: readonly string[], results: readonly TddTestResult[], changedFiles: readonly string[]): string[] {
  const problems: string[] = [];
  const key = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();
  const known = new Set(criteria.map(key));
  for (const criterion of criteria) {
    if (!results.some((r) => key(r.criterion) === key(criterion))) problems.push(`no test for the acceptance criterion "${criterion}"`);
  }
  for (const r of results) {
    if (criteria.length > 0 && !known.has(key(r.criterion))) problems.push(`the test \`${r.name}\` names "${r.criterion}", which is not an acceptance criterion of the item`);
    if (r.base === "passed") problems.push(`the test \`${r.name}\` (${r.criterion}) already passes on the base: it cannot show the change; make it check the new behaviour`);
    if (r.base === "error") problems.push(`the test \`${r.name}\` (${r.criterion}) fails for another reason: ${r.detail ?? "it did not run"}`);
  }
  const listed = new Set(results.flatMap((r) => r.files));
  const extra = changedFiles.filter((f) => !listed.has(f));
  if (extra.length > 0) problems.push(`the test phase changed files no test lists (write tests only, list every test file): ${extra.join(", ")}`);
  return problems;
}

/** Line for an iteration's failures when the committed tests changed (`git diff` of those files). */
export function protectedTestsFailure(changed: readonly string[]): string | null {
  if (changed.length === 0) return null;
  return `the committed TDD tests were changed or deleted (${changed.join(", ")}): restore them and make the code pass them instead`;
}

/**
 * Findings of the review for the TDD requirement (rule: issue #13 item 2, "the pull request shows
 * the red-then-green evidence per criterion and the review requires it"). Empty when every
 * acceptance criterion has a test that failed on the base and passed on the head. `evidence`:
 * the decoded evidence, or the reason it could not be read (string), or null when absent.
 */
export function tddFindings(criteria: readonly string[], evidence: TddEvidence | string | null): string[] {
  if (evidence === null) return ["worker.tdd is on but the pull request carries no red-then-green test evidence"];
  if (typeof evidence === "string") return [`worker.tdd is on but the red-then-green evidence cannot be read: ${evidence}`];
  const key = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();
  const findings: string[] = [];
  for (const criterion of criteria) {
    const tests = evidence.tests.filter((t) => key(t.criterion) === key(criterion));
    if (tests.length === 0) findings.push(`no red-then-green test evidence for the criterion "${criterion}"`);
    else if (!tests.some((t) => t.base === "failed" && t.head === "passed")) {
      const seen = tests.map((t) => `\`${t.name}\`: ${t.base} on the base, ${t.head ?? "not run"} on the head`).join("; ");
      findings.push(`the tests for "${criterion}" do not show red then green (${seen})`);
    }
  }
  return findings;
}

/** Markdown table of the evidence, one row per test (pull request body, job summary). */
export function renderTddEvidence(evidence: TddEvidence): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const mark = (r: TddResult | undefined) => (r === "failed" ? "❌ failed" : r === "passed" ? "✅ passed" : r === "error" ? "⚠️ error" : "—");
  return [
    `Tests committed first in ${evidence.testsCommit.slice(0, 7) || "(uncommitted)"}, failing on the base; the same tests pass on the head.`,
    "",
    "| Criterion | Test | Base (tests only) | Head |",
    "| --- | --- | --- | --- |",
    ...evidence.tests.map((t) => `| ${cell(t.criterion)} | \`${cell(t.name)}\` | ${mark(t.base)} | ${mark(t.head)} |`),
  ].join("\n");
}
