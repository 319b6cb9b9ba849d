import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderReviewSummary } from "../../src/worker/job-summary.js";
import { makeSandbox, run, testConfig, testPort, writeScript, type Sandbox } from "./harness.js";

/** The worker's Actions job summary (issue #15), written by the real worker to GITHUB_STEP_SUMMARY. */
describe("job summary", () => {
  let sb: Sandbox;
  let file: string;
  beforeEach(async () => {
    sb = await makeSandbox();
    file = path.join(sb.root, "step-summary.md");
  });
  afterEach(async () => {
    await sb.cleanup();
  });

  it("a worker that opens a pull request summarizes goal, criteria, iterations, tests, scope, spend and the pull request", async () => {
    await writeScript(sb, { strategies: [[{ write: { "src/answer.txt": "41\n" } }, { write: { "src/answer.txt": "42\n" }, usage: { costUsd: 0.25, inputTokens: 100, outputTokens: 20 } }]] });
    const result = await run(sb, testPort(), testConfig(), { env: { GITHUB_STEP_SUMMARY: file } });
    expect(result.exitCode).toBe(0);
    const summary = await readFile(file, "utf8");
    expect(summary).toMatch(/^## Orchestrator worker: #7, attempt 1 — pull request #\d+$/m);
    expect(summary).toContain("**Acceptance criteria**\n\n- ");
    expect(summary).toContain("`src/answer.txt` contains 42");
    expect(summary).toContain("**Iterations:** 2 agent run(s) over 1 strategy");
    expect(summary).toContain("| 1 | 2 | passed |");
    expect(summary).toContain("- Tests: `node test.mjs` passed");
    expect(summary).toContain("- every changed file is within scope");
    expect(summary).toContain("**Spend:** $0.2500, 100 input / 20 output tokens");
    expect(summary).toMatch(/\*\*Pull request:\*\* \S+/);
    expect(summary).not.toContain("Blocker report");
  });

  it("a blocked worker summarizes the failing tests and the blocker report's key lines, secrets redacted", async () => {
    await writeScript(sb, { default: { write: { "src/answer.txt": "13\n" }, stdout: "GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123 leaked?" } });
    const result = await run(sb, testPort(), testConfig({ worker: { max_iterations: 1 } }), { env: { GITHUB_STEP_SUMMARY: file } });
    expect(result.exitCode).toBe(1);
    const summary = await readFile(file, "utf8");
    expect(summary).toMatch(/^## Orchestrator worker: #7, attempt 1 — blocked$/m);
    expect(summary).toMatch(/- Tests: `node test\.mjs` failed \(exit \d+\)/);
    expect(summary).toContain("**Spend:** not reported by the agent CLI");
    expect(summary).toMatch(/- Why: .+/);
    expect(summary).toMatch(/- Hypothesis: .+/);
    expect(summary).toMatch(/- Recommended intervention: .+/);
    expect(summary).toContain("Branch kept for inspection: `orchestrator/7-");
    expect(summary).not.toContain("ghp_abcdefghijklmnopqrstuvwxyz0123");
    expect(summary).not.toContain("**Pull request:**");
  });

  it("a reviewer run summarizes the item, criteria, scope and what it handed back", () => {
    const summary = renderReviewSummary({
      pr: 12,
      headSha: "0123456789abcdef",
      issue: { number: 7, title: "Write the answer", goal: "The answer is 42." },
      acceptanceCriteria: ["Given the file When read Then it says 42"],
      scope: { outOfScope: ["secrets.txt"], gated: [] },
      block: { v: 1, pr: 12, headSha: "0123456789abcdef", agent: "codex", problem: "the reviewer agent wrote no verdict" },
    });
    expect(summary).toContain("## Orchestrator review: pull request #12 at `0123456`");
    expect(summary).toContain("**Work item:** #7 Write the answer");
    expect(summary).toContain("- Given the file When read Then it says 42");
    expect(summary).toContain("- outside scope: `secrets.txt`");
    expect(summary).toContain("**Reviewer agent** `codex`: no verdict: the reviewer agent wrote no verdict");
  });
});
