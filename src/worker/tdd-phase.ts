import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { AgentRunResult } from "../agents/run-agent.js";
import { redactSecrets, tail } from "../domain/blocker-report.js";
import type { IterationFeedback, TaskEnvelope } from "../domain/envelope.js";
import { decodeTddEvidenceBlock, encodeTddEvidenceBlock } from "../domain/item/markers.js";
import {
  classifyRun,
  protectedTestsFailure,
  redProblems,
  TDD_MANIFEST_PATH,
  tddCommitSubject,
  tddManifestSchema,
  type TddEvidence,
  type TddManifest,
  type TddTestResult,
} from "../domain/tdd.js";
import type { CommandContext, CommandRun } from "./checks.js";
import { runCommand } from "./checks.js";
import type { Workspace } from "./workspace.js";

/**
 * The worker's side of the TDD gate (`worker.tdd`, rules in src/domain/tdd.ts): the test phase
 * before the implement loop, the protection of the committed tests and the green evidence after.
 */

/** What the test phase needs from the attempt loop. */
export interface TddPhaseDeps {
  ws: Workspace;
  issue: number;
  /** The merge base with the default branch (changes are listed since it). */
  mergeBase: string;
  envelope: TaskEnvelope;
  /** Max agent runs of the test phase (`worker.max_iterations`). */
  maxRuns: number;
  /** Runs the agent once with `envelope` (envelope files written, `.git` protected). */
  runAgent: (envelope: TaskEnvelope) => Promise<AgentRunResult>;
  /** The scrubbed command context for the remaining budget. */
  commandContext: () => CommandContext;
  log: (message: string, meta?: Record<string, unknown>) => void;
}

/** The tests are committed and red on the base: the implement loop may start. */
export interface TddReady {
  kind: "ready";
  evidence: TddEvidence;
  /** Agent runs spent in the test phase (0 when the tests were committed by an earlier run). */
  runs: number;
  usage: AgentRunResult["usage"][];
}

export type TddPhaseOutcome = TddReady | { kind: "blocked"; detail: string; runs: number; usage: AgentRunResult["usage"][]; missing?: boolean };

/**
 * The tests commit of this item on the branch (since the merge base), read back from its message
 * block: a later attempt or a resumed run keeps the tests and their red results. Null when none.
 */
export async function committedTests(ws: Workspace, issue: number, mergeBase: string): Promise<TddEvidence | null> {
  const log = await ws.git.run(["log", "--format=%H%x00%B%x1e", `${mergeBase}..HEAD`]);
  for (const entry of log.split("\x1e")) {
    const [sha, message] = entry.replace(/^\n/, "").split("\0");
    if (!sha || !message?.startsWith(tddCommitSubject(issue))) continue;
    const decoded = decodeTddEvidenceBlock(message);
    if (decoded.kind === "ok" && decoded.value.issue === issue) return { ...decoded.value, testsCommit: sha };
  }
  return null;
}

/** The manifest the agent wrote, or what is wrong with it. The file is removed after reading. */
async function readManifest(cwd: string): Promise<{ ok: true; manifest: TddManifest } | { ok: false; problem: string }> {
  const file = path.join(cwd, TDD_MANIFEST_PATH);
  let raw: string;
  try {
    raw = await readFile(file, "utf8");
  } catch {
    return { ok: false, problem: `no test manifest: list the tests in \`${TDD_MANIFEST_PATH}\`` };
  }
  await rm(file, { force: true });
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { ok: false, problem: `\`${TDD_MANIFEST_PATH}\` is not JSON: ${(error as Error).message}` };
  }
  const parsed = tddManifestSchema.safeParse(json);
  if (!parsed.success) return { ok: false, problem: `\`${TDD_MANIFEST_PATH}\` is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}` };
  return { ok: true, manifest: parsed.data };
}

/** Runs every test of `manifest` in the work tree as it stands; one result per test. */
async function runTests(manifest: TddManifest, testCommand: string, ctx: CommandContext): Promise<{ results: TddTestResult[]; runs: CommandRun[] }> {
  const results: TddTestResult[] = [];
  const runs: CommandRun[] = [];
  for (const test of manifest.tests) {
    const command = test.command ?? testCommand;
    const run = await runCommand(command, ctx);
    const { result, detail } = classifyRun(run);
    runs.push(run);
    results.push({ ...test, command, base: result, ...(detail !== undefined ? { detail } : {}) });
  }
  return { results, runs };
}

/**
 * The test phase: the committed tests when an earlier run made them, else up to `maxRuns` agent
 * runs asked for tests only, until the tests are red on the base ({@link redProblems} empty);
 * then the commit `test: failing tests for #N` (red results in its message) and a checkpoint
 * push. Blocked when the runs are spent, naming every problem of the last run (an already
 * passing test, a compile error, a criterion without a test).
 */
export async function runTestPhase(d: TddPhaseDeps): Promise<TddPhaseOutcome> {
  const existing = await committedTests(d.ws, d.issue, d.mergeBase);
  if (existing !== null) {
    d.log("tdd: tests already committed", { commit: existing.testsCommit });
    return { kind: "ready", evidence: existing, runs: 0, usage: [] };
  }
  const usage: AgentRunResult["usage"][] = [];
  // The test phase's own change: the tests (an earlier attempt's work on the branch is not theirs).
  const start = await d.ws.head();
  let feedback: IterationFeedback | undefined;
  let problems: string[] = [];
  for (let run = 1; run <= d.maxRuns; run++) {
    const envelope: TaskEnvelope = {
      ...d.envelope,
      iteration: run,
      tdd: { phase: "tests", manifest: TDD_MANIFEST_PATH, tests: [] },
      ...(feedback !== undefined ? { iterationFeedback: feedback } : {}),
    };
    if (feedback === undefined) delete envelope.iterationFeedback;
    d.log("tdd: test phase agent run", { run });
    const agent = await d.runAgent(envelope);
    if (agent.missing) return { kind: "blocked", detail: agent.error ?? "agent CLI not found", runs: run, usage, missing: true };
    usage.push(agent.usage);
    const manifest = await readManifest(d.ws.git.cwd);
    const changed = (await d.ws.changedFiles(start)).map((f) => f.path);
    let outputTail = "";
    if (!manifest.ok) problems = [manifest.problem];
    else {
      const tested = await runTests(manifest.manifest, d.envelope.testCommand, d.commandContext());
      problems = redProblems(d.envelope.acceptanceCriteria, tested.results, changed);
      outputTail = tested.runs.map((r) => `$ ${r.command} (exit ${r.exitCode ?? "signal"})\n${tail(r.outputTail, 1500)}`).join("\n");
      if (problems.length === 0) {
        const evidence: TddEvidence = { issue: d.issue, testsCommit: "", tests: tested.results };
        const sha = await d.ws.commit(`${tddCommitSubject(d.issue)}\n\n${encodeTddEvidenceBlock(evidence)}`);
        await d.ws.pushCheckpoint();
        d.log("tdd: failing tests committed", { commit: sha, tests: tested.results.length });
        return { kind: "ready", evidence: { ...evidence, testsCommit: sha }, runs: run, usage };
      }
    }
    d.log("tdd: tests not accepted", { run, problems });
    feedback = { iteration: run, failures: problems, testOutputTail: redactSecrets(tail(outputTail, 3000)) };
  }
  return { kind: "blocked", detail: `TDD: the failing tests were not accepted after ${d.maxRuns} run(s): ${problems.join("; ")}`, runs: d.maxRuns, usage };
}

/**
 * The implement phase's TDD checks on the staged change: the committed test files unchanged since
 * the tests commit, and every test passing. Returns the failure lines (empty: green) and the
 * evidence with each test's head result.
 */
export async function greenChecks(ws: Workspace, ready: TddReady, ctx: CommandContext): Promise<{ failures: string[]; evidence: TddEvidence }> {
  const files = [...new Set(ready.evidence.tests.flatMap((t) => t.files))];
  const diff = await ws.git.run(["diff", "--cached", "--name-only", ready.evidence.testsCommit, "--", ...files]);
  const changed = diff.split("\n").filter((l) => l !== "");
  const failures: string[] = [];
  const touched = protectedTestsFailure(changed);
  if (touched !== null) failures.push(touched);
  const tests: TddTestResult[] = [];
  for (const test of ready.evidence.tests) {
    const run = await runCommand(test.command, ctx);
    const head = classifyRun(run).result;
    tests.push({ ...test, head });
    if (head !== "passed") failures.push(`TDD test \`${test.name}\` (${test.criterion}) does not pass yet: \`${test.command}\` exit ${run.exitCode ?? "signal"}`);
  }
  return { failures, evidence: { ...ready.evidence, tests } };
}
