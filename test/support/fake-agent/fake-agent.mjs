#!/usr/bin/env node
// A scripted fake coding agent for worker tests, run through the `command` adapter as
// `node <this file>`. It reads the task envelope named by ORCHESTRATOR_ENVELOPE and a JSON script
// named by FAKE_AGENT_SCRIPT (passed via `agent.env`), then does what the script says for the
// envelope's (strategy, iteration). See README.md next to this file for the script format.
//
// It first checks its own environment and FAILS LOUDLY if it sees a GitHub credential: it writes
// the script's `tokenMarker` file, prints to stderr and exits 99.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const TOKEN_VALUE = /\b(gh[opsur]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{16,})/;
const scriptPath = process.env.FAKE_AGENT_SCRIPT;
const script = scriptPath ? JSON.parse(fs.readFileSync(scriptPath, "utf8")) : {};

const leaks = Object.entries(process.env)
  .filter(([name, value]) => name === "GITHUB_TOKEN" || name === "GH_TOKEN" || name.startsWith("ACTIONS_") || TOKEN_VALUE.test(value ?? ""))
  .map(([name]) => name);
if (leaks.length > 0) {
  const marker = script.tokenMarker ?? path.join(os.tmpdir(), "fake-agent-token-leak");
  fs.writeFileSync(marker, `GitHub credential visible to the agent: ${leaks.join(", ")}\n`);
  console.error(`FAKE AGENT: GitHub credential in my environment: ${leaks.join(", ")}`);
  process.exit(99);
}

const envelopePath = process.env.ORCHESTRATOR_ENVELOPE;
if (!envelopePath || !fs.existsSync(envelopePath)) {
  console.error("FAKE AGENT: ORCHESTRATOR_ENVELOPE is not set or missing");
  process.exit(98);
}
const envelope = JSON.parse(fs.readFileSync(envelopePath, "utf8"));

// A review (the review envelope, `kind: "review"`): do the script's `review` step and stop.
if (envelope.kind === "review") {
  const step = script.review ?? {};
  if (script.log) fs.appendFileSync(script.log, `${JSON.stringify({ review: envelope.pullRequest, criteria: envelope.acceptanceCriteria, cwd: process.cwd(), env: Object.keys(process.env).sort() })}\n`);
  const out = envelope.output.path;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  if (step.verdict !== undefined) fs.writeFileSync(out, JSON.stringify(step.verdict));
  else if (step.verdictText !== undefined) fs.writeFileSync(out, step.verdictText);
  process.exit(step.exitCode ?? 0);
}
// A PM run (the PM envelope, `kind: "pm"`): do the script's `pm[task]` step for the revision
// (`pm.refine[revision - 1]`, else the last one) and stop.
if (envelope.kind === "pm") {
  const steps = script.pm?.[envelope.task] ?? [];
  const step = steps[envelope.revision - 1] ?? steps.at(-1) ?? {};
  if (script.log) fs.appendFileSync(script.log, `${JSON.stringify({ pm: envelope.task, revision: envelope.revision, answers: envelope.answers, previous: envelope.previous ?? null, files: envelope.files.length, cwd: process.cwd(), env: Object.keys(process.env).sort() })}\n`);
  const out = envelope.output.path;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  if (step.handoff !== undefined) fs.writeFileSync(out, JSON.stringify(step.handoff));
  else if (step.handoffText !== undefined) fs.writeFileSync(out, step.handoffText);
  process.exit(step.exitCode ?? 0);
}
const strategy = envelope.strategy.index;
const iteration = envelope.iteration;
// The TDD gate's test phase (envelope.tdd.phase "tests"): the script's `tdd` steps, by run.
const testPhase = envelope.tdd?.phase === "tests";
const plan = testPhase ? script.tdd : script.strategies?.[strategy];
const step = plan?.[iteration - 1] ?? plan?.at(-1) ?? (testPhase ? {} : (script.default ?? {}));

if (script.log) {
  const entry = {
    strategy,
    iteration,
    attempt: envelope.attempt,
    tdd: envelope.tdd ?? null,
    reviewerFeedback: envelope.reviewerFeedback ?? [],
    tried: envelope.strategy.tried,
    feedback: envelope.iterationFeedback ?? null,
    cwd: process.cwd(),
    env: Object.keys(process.env).sort(),
  };
  fs.appendFileSync(script.log, `${JSON.stringify(entry)}\n`);
}

for (const [file, content] of Object.entries(step.write ?? {})) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}
for (const file of step.remove ?? []) fs.rmSync(file, { force: true, recursive: true });
if (step.stdout) process.stdout.write(`${step.stdout}\n`);
if (step.usage) process.stdout.write(`orchestrator-usage: ${JSON.stringify(step.usage)}\n`);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
if (step.sleepMs) await sleep(step.sleepMs);
if (step.hang) {
  // Wait until killed, until the worker that started us is gone (we were reparented), or 30 s.
  if (script.pidFile) fs.writeFileSync(script.pidFile, String(process.pid));
  const parent = process.ppid;
  const until = Date.now() + 30_000;
  while (process.ppid === parent && Date.now() < until) await sleep(100);
  process.exit(97);
}
if (step.crash) throw new Error("FAKE AGENT: scripted crash");
process.exit(step.exitCode ?? 0);
