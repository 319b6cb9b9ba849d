import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { configSchema } from "../../src/config/schema.js";
import { decodeVerifyRunBlock, verifyRunMarker } from "../../src/domain/item/markers.js";
import { runVerify } from "../../src/worker/run-verify.js";
import { FAKE_TOKEN, git, makeSandbox, remoteFile, testPort, workerEnv, type Sandbox } from "./harness.js";

/** `orchestrator verify` (src/worker/run-verify.ts) with real git and a real verify command. */

const CRITERION = "`src/answer.txt` contains 42";

/** A commit on main (the landing to verify), pushed; returns its sha. */
async function land(sb: Sandbox): Promise<string> {
  await writeFile(path.join(sb.work, "src/answer.txt"), "42\n");
  await git(sb.work, "add", "-A");
  await git(sb.work, "-c", "user.name=seed", "-c", "user.email=seed@example.com", "commit", "-q", "-m", "the answer");
  await git(sb.work, "push", "-q", "origin", "main");
  return git(sb.work, "rev-parse", "HEAD");
}

const config = (verify: Record<string, unknown>) => configSchema.parse({ agent: { name: "command", command: "true", env: [] }, verify });

describe("orchestrator verify: the verify run", () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await makeSandbox();
  });
  afterEach(async () => {
    await sb.cleanup();
  });

  it("runs the command on the landed commit without a token, posts the raw result, and pushes the revert of a failed landing", async () => {
    const sha = await land(sb);
    const leak = path.join(sb.root, "leak");
    const command = [
      `[ -z "$GITHUB_TOKEN$GH_TOKEN" ] || echo leak > ${leak}`,
      // The envelope names the criteria and the commit; the work tree is the landed commit.
      `node -e 'const fs=require("fs");const e=JSON.parse(fs.readFileSync(process.env.ORCHESTRATOR_VERIFY_ENVELOPE,"utf8"));` +
        `const v=fs.readFileSync("src/answer.txt","utf8").trim();` +
        `fs.writeFileSync(process.env.ORCHESTRATOR_VERIFICATION,JSON.stringify({criteria:e.acceptanceCriteria.map(c=>({criterion:c,result:"FAILED",evidence:"answer "+v+" at "+e.commit.slice(0,7)+" but prod says 41"}))}))'`,
    ].join("\n");
    const port = testPort();
    const result = await runVerify({ port, workspace: sb.work, issue: 7, sha, config: config({ command, on_failure: "revert" }), runId: 5, runUrl: "https://github.com/acme/widgets/actions/runs/5", env: workerEnv(sb), token: FAKE_TOKEN, log: () => {} });

    expect(result.error).toBeUndefined();
    expect(result.exitCode).toBe(0);
    expect(existsSync(leak)).toBe(false);
    const comment = (port.comments.get(7) ?? []).find((c) => c.body.includes(verifyRunMarker(sha)));
    const decoded = decodeVerifyRunBlock(comment?.body ?? "");
    expect(decoded).toEqual({
      kind: "ok",
      value: {
        v: 1,
        issue: 7,
        sha,
        runId: 5,
        runUrl: "https://github.com/acme/widgets/actions/runs/5",
        exitCode: 0,
        verification: { criteria: [{ criterion: CRITERION, result: "FAILED", evidence: `answer 42 at ${sha.slice(0, 7)} but prod says 41` }] },
        revertBranch: `orchestrator/revert-7-${sha.slice(0, 7)}`,
      },
    });
    // The revert branch: main plus `git revert` of the landing.
    const branch = `orchestrator/revert-7-${sha.slice(0, 7)}`;
    expect(await remoteFile(sb, branch, "src/answer.txt")).toBe("0");
    expect(await git(sb.remote, "log", "-1", "--format=%s", branch)).toBe('Revert "the answer"');
    expect(await git(sb.remote, "rev-parse", `${branch}~1`)).toBe(sha);
  });

  it("posts the problem when the command writes no verification; reverts only when a criterion failed or went unreported", async () => {
    const sha = await land(sb);
    const port = testPort();
    const failed = await runVerify({ port, workspace: sb.work, issue: 7, sha, config: config({ command: "echo checking; exit 3" }), env: workerEnv(sb), log: () => {} });
    expect(failed.exitCode).toBe(0);
    expect(failed.block?.problem).toBe("the verify command wrote no `.orchestrator/verification.json` (it exited with code 3); output: checking");

    const passing = (criterion: string) => `echo '{"criteria":[{"criterion":"${criterion}","result":"PASSED","evidence":"ok"}]}' > "$ORCHESTRATOR_VERIFICATION"`;
    const passed = await runVerify({ port, workspace: sb.work, issue: 7, sha, config: config({ command: passing(CRITERION), on_failure: "revert" }), env: workerEnv(sb), log: () => {} });
    expect(passed.block?.verification).toEqual({ criteria: [{ criterion: CRITERION, result: "PASSED", evidence: "ok" }] });
    expect(passed.block?.revertBranch).toBeUndefined();
    // The item's criterion left unreported: the app judges it FAILED, so the revert is pushed.
    const silent = await runVerify({ port, workspace: sb.work, issue: 7, sha, config: config({ command: passing("something else"), on_failure: "revert" }), env: workerEnv(sb), log: () => {} });
    expect(silent.block?.revertBranch).toBe(`orchestrator/revert-7-${sha.slice(0, 7)}`);
    // One comment per landed commit, rewritten by each run.
    expect(port.comments.get(7)?.filter((c) => c.body.includes(verifyRunMarker(sha)))).toHaveLength(1);

    const none = await runVerify({ port, workspace: sb.work, issue: 7, sha, config: config({}), env: workerEnv(sb), log: () => {} });
    expect(none).toEqual({ exitCode: 2, error: "verify.command is not set in .github/orchestrator.yml: there is nothing to run" });
  });
});
