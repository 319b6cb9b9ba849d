import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { main } from "../../src/cli.js";
import type { WorkerDeps, WorkerResult } from "../../src/worker/run-worker.js";
import { cliIo as io, FAKE_AGENT, git, makeSandbox, reportComment, testPort, workerEnv, writeScript, type Sandbox } from "./harness.js";


describe("orchestrator CLI", () => {
  it.each([
    [["worker"], "--issue is required"],
    [["worker", "--issue", "x"], '--issue must be a positive integer, got "x"'],
    [["worker", "--issue", "3", "--attempt", "0"], "--attempt must be a positive integer"],
    [["deploy", "--issue", "3"], 'unknown command "deploy"'],
    [["worker", "--issue", "3", "--bogus"], "Unknown option '--bogus'"],
  ])("rejects %j with a clear message and exit 2", async (argv, message) => {
    const cli = io();
    expect(await main(argv, cli)).toBe(2);
    expect(cli.lines.join("\n")).toContain(message);
    expect(cli.lines.join("\n")).toContain("usage: orchestrator worker --issue N");
  });

  it("needs GITHUB_TOKEN and an owner/repo GITHUB_REPOSITORY", async () => {
    const noToken = io({ env: { GITHUB_REPOSITORY: "acme/widgets" } });
    expect(await main(["worker", "--issue", "7"], noToken)).toBe(2);
    expect(noToken.lines).toContain("orchestrator: GITHUB_TOKEN is not set");
    const badRepo = io({ env: { GITHUB_TOKEN: "t", GITHUB_REPOSITORY: "widgets" } });
    expect(await main(["worker", "--issue", "7"], badRepo)).toBe(2);
    expect(badRepo.lines.join("")).toContain('GITHUB_REPOSITORY must be owner/repo, got "widgets"');
  });

  it("passes the environment, defaults and config to the worker", async () => {
    let seen: { deps: WorkerDeps; baseUrl: string } | undefined;
    let baseUrl = "";
    const cli = io({
      createPort: (_token, _repo, url) => {
        baseUrl = url;
        return testPort();
      },
      runWorker: async (deps): Promise<WorkerResult> => {
        seen = { deps, baseUrl };
        return { exitCode: 1 };
      },
    });
    expect(await main(["worker", "--issue", "7"], cli)).toBe(1);
    expect(seen?.baseUrl).toBe("https://api.github.com");
    expect(seen?.deps).toMatchObject({ issue: 7, attempt: 1, runId: 42, token: "t0ken", workspace: "/nonexistent" });
    expect(seen?.deps.config.agent.name).toBe("claude-code");
  });

  describe("in a checkout", () => {
    let sb: Sandbox;
    beforeEach(async () => {
      sb = await makeSandbox();
    });
    afterEach(async () => {
      await sb.cleanup();
    });

    it("reads .github/orchestrator.yml from the checkout and runs the attempt", async () => {
      await mkdir(path.join(sb.work, ".github"), { recursive: true });
      await writeFile(
        path.join(sb.work, ".github/orchestrator.yml"),
        `agent:\n  name: command\n  command: node ${FAKE_AGENT}\n  env: [FAKE_AGENT_SCRIPT]\nworker:\n  test_command: node test.mjs\n  max_iterations: 1\n`,
      );
      await git(sb.work, "add", "-A");
      await git(sb.work, "commit", "-q", "-m", "config");
      await git(sb.work, "push", "-q", "origin", "main");
      await writeScript(sb, { default: { write: { "src/answer.txt": "42\n" } } });
      const port = testPort();
      const env = { ...workerEnv(sb), GITHUB_REPOSITORY: "acme/widgets", GITHUB_RUN_ID: "5" };
      const cli = io({ env, cwd: sb.work, createPort: () => port });
      expect(await main(["worker", "--issue", "7", "--attempt", "2"], cli)).toBe(0);
      expect(reportComment(port, 7, 2).report).toMatchObject({ outcome: "pr", attempt: 2, runId: 5 });
    });

    it("an invalid config is a clear error and a report on the issue", async () => {
      await mkdir(path.join(sb.work, ".github"), { recursive: true });
      await writeFile(path.join(sb.work, ".github/orchestrator.yml"), "worker:\n  max_iterationz: 3\n");
      const port = testPort();
      const cli = io({ cwd: sb.work, createPort: () => port });
      expect(await main(["worker", "--issue", "7"], cli)).toBe(2);
      expect(cli.lines.join("\n")).toContain(".github/orchestrator.yml is invalid: worker");
      const { report, body } = reportComment(port);
      expect(report.blocker?.kind).toBe("bad-input");
      expect(body).toContain("max_iterationz");
    });
  });
});
