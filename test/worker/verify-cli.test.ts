import { describe, expect, it } from "vitest";
import { cliArguments } from "../../src/action/main.js";
import { readInputs } from "../../src/action/inputs.js";
import { main } from "../../src/cli.js";
import type { VerifyDeps, VerifyRunResult } from "../../src/worker/run-verify.js";
import { cliIo as io } from "./harness.js";

/** `orchestrator verify` (the verify run after landing): argument checks and what reaches runVerify. */

const SHA = "0123456789abcdef0123456789abcdef01234567";

describe("orchestrator verify", () => {
  it.each([
    [["verify", "--sha", SHA], "--issue is required"],
    [["verify", "--issue", "3"], '--sha must be a commit sha, got ""'],
    [["verify", "--issue", "3", "--sha", "main"], '--sha must be a commit sha, got "main"'],
    [["verify", "--issue", "3", "--sha", SHA, "--pr", "4"], "`orchestrator verify` takes --issue, --sha and --workspace only"],
    [["worker", "--issue", "3", "--sha", SHA], "--sha belongs to `orchestrator verify`"],
    [["review", "--pr", "3", "--sha", SHA], "--sha belongs to `orchestrator verify`"],
  ])("rejects %j with a clear message, the usage and exit 2", async (argv, message) => {
    let ran = false;
    const cli = io({
      runVerify: async (): Promise<VerifyRunResult> => {
        ran = true;
        return { exitCode: 0 };
      },
    });
    expect(await main(argv, cli)).toBe(2);
    expect(cli.lines.join("\n")).toContain(message);
    expect(cli.lines.join("\n")).toContain("orchestrator verify --issue N --sha SHA");
    expect(ran).toBe(false);
  });

  it("passes the issue, the commit, the run and its URL to the verify run", async () => {
    let seen: VerifyDeps | undefined;
    const cli = io({
      runVerify: async (deps): Promise<VerifyRunResult> => {
        seen = deps;
        return { exitCode: 0, block: { v: 1, issue: 7, sha: SHA } };
      },
    });
    expect(await main(["verify", "--issue", "7", "--sha", SHA], cli)).toBe(0);
    expect(seen).toMatchObject({ issue: 7, sha: SHA, runId: 42, runUrl: "https://github.com/acme/widgets/actions/runs/42", token: "t0ken", workspace: "/nonexistent" });
    expect(cli.lines.join("\n")).toContain(`verification of #7 at ${SHA}: posted`);
  });

  it("is what the Action runs for mode verify", () => {
    const read = readInputs({ "INPUT_MODE": "verify", "INPUT_GITHUB-TOKEN": "t", "INPUT_ISSUE": "7", "INPUT_SHA": SHA });
    expect(read.ok && cliArguments(read.inputs)).toEqual(["verify", "--issue", "7", "--sha", SHA]);
    expect(readInputs({ "INPUT_MODE": "verify", "INPUT_GITHUB-TOKEN": "t", "INPUT_SHA": "HEAD" })).toEqual({ ok: false, error: "input sha: must be a commit sha" });
  });
});
