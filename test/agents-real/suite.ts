import { afterEach, describe, expect, it } from "vitest";
import type { WorkerReport } from "../../src/domain/worker-report.js";
import { BRANCH, remoteFile } from "../worker/harness.js";
import { CRITERION, inWork, leakedToken, realAttempt, type CliCase, type RealAttempt } from "./real-cli.js";

/** What differs between the CLIs in the shared real-CLI tests. */
export interface RealCliExpectations {
  /** The CLI's web tools: never offered unless the envelope grants network, offered when it does. */
  webTools: string[];
  /** USD the CLI reports for the success script, where it prints cost (Claude Code only). */
  costUsd?: number;
}

const USAGE = { input: 1000, output: 50 };

/** The worker's report of the attempt (every attempt that ran has one). */
export function reportOf(a: RealAttempt): WorkerReport {
  if (a.result.report === undefined) throw new Error(`no worker report (exit code ${a.result.exitCode})`);
  return a.result.report;
}

/** Model requests that carry usage (not count_tokens, not the CLI's health checks). */
function modelRequests(a: RealAttempt): number {
  return a.server.requests.filter((r) => r.provider !== "other" && !/count_?tokens/i.test(r.url)).length;
}

/** Tool names offered in the first scripted request, plus any the request names as deferred (Claude Code). */
function offered(a: RealAttempt, names: readonly string[]): string[] {
  const first = a.server.scripted()[0];
  if (first === undefined) return [];
  return names.filter((n) => first.tools.includes(n) || first.raw.includes(`\\n${n}\\n`));
}

/**
 * One worker attempt per case with the real CLI against the scripted model server: edits land on
 * the branch, usage (and cost) come from the CLI's own output, the prompt carries the acceptance
 * criteria, no GitHub credential is sent, the web tools are taken away unless granted, and the
 * turn limit stops a looping script.
 */
export function realCliSuite(cli: CliCase, expected: RealCliExpectations): void {
  describe(`${cli.agent} (real CLI against the scripted model server)`, () => {
    let attempt: RealAttempt | undefined;
    afterEach(async () => {
      await attempt?.cleanup();
      attempt = undefined;
    });

    it("edits land on the branch; usage parsed from its output; criteria in the prompt; no token sent; no web tools", async () => {
      attempt = await realAttempt(cli, (sb) => ({
        steps: [{ read: { path: inWork(sb, "src/answer.txt") } }, { write: { path: inWork(sb, "src/answer.txt"), content: "42\n" } }],
        usage: USAGE,
      }));
      const { server, sb } = attempt;
      const report = reportOf(attempt);
      expect(report.blocker).toBeUndefined();
      expect(report.outcome).toBe("pr");
      expect(await remoteFile(sb, BRANCH, "src/answer.txt")).toBe("42");
      // The three scripted turns: read, write, final answer.
      expect(server.scripted().length).toBe(3);
      const n = modelRequests(attempt);
      expect(report.tokens).toEqual({ input: USAGE.input * n, output: USAGE.output * n });
      if (expected.costUsd !== undefined) expect(report.costUsd).toBeCloseTo(expected.costUsd, 6);
      expect(server.scripted()[0]?.raw).toContain(CRITERION);
      expect(leakedToken(server.requests)).toEqual([]);
      expect(offered(attempt, expected.webTools)).toEqual([]);
    });

    it("offers the web tools when the envelope grants network", async () => {
      attempt = await realAttempt(cli, () => ({ steps: [{ text: "Nothing to do." }] }), { agent: { network: true } });
      expect(attempt.server.scripted().length).toBeGreaterThan(0);
      expect(offered(attempt, expected.webTools).sort()).toEqual([...expected.webTools].sort());
    });

    it("the turn limit stops a looping script", async () => {
      attempt = await realAttempt(cli, () => ({ steps: [{ shell: "echo still looping" }], loop: true, usage: USAGE }), { agent: { max_turns: 3 } });
      const { server } = attempt;
      expect(reportOf(attempt).outcome).toBe("blocked");
      // Without a limit the loop would run until the 2-minute timeout: hundreds of requests.
      expect(server.scripted().length).toBeGreaterThanOrEqual(3);
      expect(server.scripted().length).toBeLessThanOrEqual(6);
    });
  });
}
