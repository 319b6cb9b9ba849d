/**
 * Simulated CI: for each newly pushed commit, runs `ci.command` (bash -c) in a throwaway clone of
 * that exact sha, one job at a time, and reports a check run (app "stand-in-ci") with the log tail.
 */
import { rm } from "node:fs/promises";
import { run } from "./spawner.js";
import type { StandInContext } from "./context.js";
import { createCheckRun, updateCheckRun } from "./check-runs.js";
import { gitEnv } from "./git-backend.js";
import { CI_APP } from "./shapes.js";

const CI_BOT = "stand-in-ci[bot]";
/** GitHub caps check run output text at 65535 characters. */
const MAX_TEXT = 60_000;

export class SimulatedCi {
  private readonly seen = new Set<string>();
  private readonly queue: Array<{ sha: string; branch: string }> = [];
  private running = false;

  constructor(private readonly ctx: () => StandInContext) {}

  get pending(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  /** Queues CI for `sha` unless it already ran (or is queued) for that commit. */
  enqueue(sha: string, branch: string): void {
    const ci = this.ctx().opts.ci;
    if (!ci || this.seen.has(sha) || (ci.branches && !ci.branches.test(branch))) return;
    this.seen.add(sha);
    this.queue.push({ sha, branch });
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length) {
        const job = this.queue.shift()!;
        await this.run(job.sha, job.branch).catch((e) => this.ctx().note({ kind: "ci", summary: `CI on ${job.sha.slice(0, 7)} crashed in the stand-in: ${String(e)}` }));
      }
    } finally {
      this.running = false;
    }
  }

  private async run(sha: string, branch: string): Promise<void> {
    const ctx = this.ctx();
    const ci = ctx.opts.ci!;
    const name = ci.name ?? "test";
    const check = await createCheckRun(ctx, CI_APP, { name, headSha: sha, status: "in_progress" }, CI_BOT);
    ctx.note({ kind: "ci", actor: CI_BOT, summary: `CI "${name}" started on ${sha.slice(0, 7)} (${branch})` });
    const dir = await ctx.git.cloneAt(sha, "ci-");
    let exitCode: number;
    let log: string;
    try {
      const r = await run("bash", ["-c", ci.command], { cwd: dir, env: { ...gitEnv(), CI: "true", GITHUB_SHA: sha, GITHUB_REF_NAME: branch }, all: true, reject: false });
      exitCode = r.exitCode ?? 1;
      log = r.all ?? "";
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const conclusion = exitCode === 0 ? "success" : "failure";
    const tail = log.length > MAX_TEXT ? log.slice(-MAX_TEXT) : log;
    await updateCheckRun(
      ctx,
      check,
      { conclusion, output: { title: exitCode === 0 ? "Tests passed" : `Tests failed (exit code ${exitCode})`, summary: `\`${ci.command}\` exited with ${exitCode}`, text: "```\n" + tail + "\n```" } },
      CI_BOT,
    );
    ctx.note({ kind: "ci", actor: CI_BOT, summary: `CI "${name}" on ${sha.slice(0, 7)} (${branch}): ${conclusion}` });
    await ctx.mergeQueue.onChecks(sha, conclusion);
  }
}
