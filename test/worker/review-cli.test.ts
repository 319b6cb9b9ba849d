import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { main } from "../../src/cli.js";
import type { ReviewDeps, ReviewRunResult } from "../../src/worker/run-review.js";
import { cliIo as io, FAKE_AGENT, git, makeSandbox, testPort, type Sandbox } from "./harness.js";

/** `orchestrator review` (the reviewer run): bad input gives a clear message and exit 2, nothing posted. */


describe("orchestrator review", () => {
  it.each([
    [["review"], "--pr is required"],
    [["review", "--pr", "x"], '--pr must be a positive integer, got "x"'],
    [["review", "--pr", "3", "--issue", "0"], '--issue must be a positive integer, got "0"'],
    [["review", "--pr", "3", "--head", "main"], '--head must be a commit sha, got "main"'],
    [["review", "--pr", "3", "--attempt", "2"], "--attempt belongs to `orchestrator worker`"],
    [["worker", "--issue", "3", "--pr", "4"], "--pr and --head belong to `orchestrator review`"],
  ])("rejects %j with a clear message, the usage and exit 2", async (argv, message) => {
    let ran = false;
    const cli = io({
      runReview: async (): Promise<ReviewRunResult> => {
        ran = true;
        return { exitCode: 0 };
      },
    });
    expect(await main(argv, cli)).toBe(2);
    expect(cli.lines.join("\n")).toContain(message);
    expect(cli.lines.join("\n")).toContain("orchestrator review --pr N");
    expect(ran).toBe(false);
  });

  it("passes the pull request, head, issue and environment to the review", async () => {
    let seen: ReviewDeps | undefined;
    const cli = io({
      runReview: async (deps): Promise<ReviewRunResult> => {
        seen = deps;
        return { exitCode: 0 };
      },
    });
    expect(await main(["review", "--pr", "9", "--head", "abc1234", "--issue", "7"], cli)).toBe(0);
    expect(seen).toMatchObject({ pr: 9, headSha: "abc1234", issue: 7, runId: 42, token: "t0ken", workspace: "/nonexistent" });
  });

  describe("in a checkout", () => {
    let sb: Sandbox;
    beforeEach(async () => {
      sb = await makeSandbox();
    });
    afterEach(async () => {
      await sb.cleanup();
    });

    async function config(text: string): Promise<void> {
      await mkdir(path.join(sb.work, ".github"), { recursive: true });
      await writeFile(path.join(sb.work, ".github/orchestrator.yml"), text);
      await git(sb.work, "add", "-A");
      await git(sb.work, "commit", "-q", "-m", "config");
    }

    it("a pull request that does not exist is a clear error, exit 2, and nothing is posted", async () => {
      await config(`review:\n  agent:\n    name: command\n    command: node ${FAKE_AGENT}\n`);
      const port = testPort();
      const before = JSON.stringify(await port.listComments(7));
      const cli = io({ cwd: sb.work, createPort: () => port });
      expect(await main(["review", "--pr", "9"], cli)).toBe(2);
      expect(cli.lines.join("\n")).toContain("orchestrator: pull request #9 not found in acme/widgets");
      expect(JSON.stringify(await port.listComments(7))).toBe(before);
      expect(await port.listComments(9)).toEqual([]);
    });

    it("without review.agent in the config it says so and exits 2", async () => {
      await config("worker:\n  test_command: node test.mjs\n");
      const cli = io({ cwd: sb.work });
      expect(await main(["review", "--pr", "9"], cli)).toBe(2);
      expect(cli.lines.join("\n")).toContain("review.agent is not set in .github/orchestrator.yml");
    });
  });
});
