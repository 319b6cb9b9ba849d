/**
 * `worker.stack_on_approved` (issue #14): a dependent's attempt starts on its dependency's
 * approved pull request branch (real git against a bare remote, the fake agent), its pull request
 * targets the default branch and contains the dependency's commits, and its scope check covers only
 * its own commits (the dependency's file is outside its scope and is not reported).
 */
import { writeFile } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emptyItemState } from "../../src/domain/item-state.js";
import { encodeStateBlock, STATUS_MARKER } from "../../src/domain/item/markers.js";
import { makeIssue } from "../support/memory-port.js";
import { BRANCH, git, makeSandbox, remoteFile, reportComment, run, testConfig, testPort, writeScript, type Sandbox } from "./harness.js";

const DEP_BRANCH = "orchestrator/6-lower";

/** Pushes the dependency's branch (one commit adding `lower.txt`, outside item 7's scope); returns its head. */
async function pushDependencyBranch(sb: Sandbox): Promise<string> {
  await git(sb.work, "checkout", "-q", "-b", DEP_BRANCH, "origin/main");
  await writeFile(`${sb.work}/lower.txt`, "lower\n");
  await git(sb.work, "add", "lower.txt");
  await git(sb.work, "-c", "user.name=worker", "-c", "user.email=w@example.com", "commit", "-q", "-m", "Work on #6");
  await git(sb.work, "push", "-q", "origin", DEP_BRANCH);
  const head = await git(sb.work, "rev-parse", "HEAD");
  await git(sb.work, "checkout", "-q", "--detach", "origin/main");
  return head;
}

/** Item 7 depending on #6, whose pull request #20 (`DEP_BRANCH` at `head`) is approved at `approvedHead`. */
function portWithDependency(head: string, approvedHead: string) {
  const port = testPort(7, undefined, undefined, { ...emptyItemState(7), status: "in-progress", trusted: true, dependsOn: ["#6"] });
  port.issues.set(6, makeIssue(6, "Lower", "lower item"));
  const dep = {
    ...emptyItemState(6),
    status: "approved" as const,
    trusted: true,
    pr: { number: 20, branch: DEP_BRANCH, headSha: head, gated: [], outOfScope: [] },
    approval: { by: "alice", at: "2026-01-01T00:00:00Z", headSha: approvedHead, via: "command" as const },
  };
  port.comments.set(6, [
    { id: 2, body: `${STATUS_MARKER}\nstatus\n\n${encodeStateBlock(dep)}`, author: { login: "orchestrator[bot]", type: "Bot" }, createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z", htmlUrl: "https://github.com/acme/widgets/issues/6#issuecomment-2" },
  ]);
  port.pulls.push({
    number: 20,
    title: "Lower",
    body: "Closes #6",
    state: "open",
    merged: false,
    mergeCommitSha: null,
    draft: false,
    headRef: DEP_BRANCH,
    headSha: head,
    baseRef: "main",
    baseSha: "",
    mergeable: true,
    mergeableState: "clean",
    author: { login: "orchestrator[bot]", type: "Bot" },
    labels: [],
    htmlUrl: "https://github.com/acme/widgets/pull/20",
  });
  return port;
}

describe("worker: stacked on the dependency's approved pull request", () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await makeSandbox();
  });
  afterEach(async () => {
    await sb.cleanup();
  });

  it("starts on the dependency's branch: the pull request targets main and contains the dependency's commit; scope covers its own", async () => {
    const head = await pushDependencyBranch(sb);
    await writeScript(sb, { default: { write: { "src/answer.txt": "42\n" } } });
    const port = portWithDependency(head, head);
    const result = await run(sb, port, testConfig({ worker: { stack_on_approved: true } }));

    expect(result.error).toBeUndefined();
    expect(result.exitCode).toBe(0);
    expect(await remoteFile(sb, BRANCH, "lower.txt")).toBe("lower");
    expect(await remoteFile(sb, BRANCH, "src/answer.txt")).toBe("42");
    await git(sb.work, "fetch", "-q", "origin");
    expect(await git(sb.work, "merge-base", head, `origin/${BRANCH}`)).toBe(head);
    const spec = port.calls.find((c) => c.method === "openOrUpdatePullRequest")?.args[0] as { head: string; base: string };
    expect(spec).toMatchObject({ head: BRANCH, base: "main" });
    expect(reportComment(port).report).toMatchObject({ outcome: "pr", outOfScope: [] });
  });

  it("does not stack when the approval does not cover the dependency's head (pushed after the approval)", async () => {
    const head = await pushDependencyBranch(sb);
    await writeScript(sb, { default: { write: { "src/answer.txt": "42\n" } } });
    expect((await run(sb, portWithDependency(head, "0".repeat(40)), testConfig({ worker: { stack_on_approved: true } }))).exitCode).toBe(0);
    expect(await remoteFile(sb, BRANCH, "lower.txt")).toBeNull();
  });
});
