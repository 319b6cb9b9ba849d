import { describe, expect, it } from "vitest";
import type { GitHubPort } from "../../src/github/port.js";
import { passReads } from "../../src/github/pass-reads.js";

/** A port whose every method counts its calls and answers a fresh object. */
function countingPort(): { port: GitHubPort; calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const method = (name: string) => async (...args: unknown[]) => {
    calls[name] = (calls[name] ?? 0) + 1;
    if (name === "getIssue" && args[0] === 404) throw new Error("boom");
    return { name, args, call: calls[name] };
  };
  const names = ["getIssue", "findComment", "listComments", "getPermission", "getDefaultBranch", "getBranchSha", "getPullRequest", "listOpenIssues", "upsertComment", "applyLabels"];
  const port = Object.fromEntries(names.map((n) => [n, method(n)])) as unknown as GitHubPort;
  return { port: { ...port, repo: { owner: "acme", repo: "widgets" } } as GitHubPort, calls };
}

describe("pass-reads: one pass reads an issue and its comments once", () => {
  it("remembers issue and comment reads by argument until the pass writes anything", async () => {
    const { port, calls } = countingPort();
    const p = passReads(port);
    await p.getIssue(1);
    await p.getIssue(1);
    await p.getIssue(2);
    await p.findComment(1, "<!-- m -->");
    await p.findComment(1, "<!-- m -->");
    expect(calls).toMatchObject({ getIssue: 2, findComment: 1 });
    await p.upsertComment(1, "<!-- m -->", "body");
    await p.getIssue(1);
    await p.findComment(1, "<!-- m -->");
    expect(calls).toMatchObject({ getIssue: 3, findComment: 2, upsertComment: 1 });
  });

  it("keeps permissions and the default branch across writes; reads heads and pull requests fresh every time", async () => {
    const { port, calls } = countingPort();
    const p = passReads(port, { defaultBranch: "main" });
    expect(await p.getDefaultBranch()).toBe("main");
    await p.getPermission("alice");
    await p.applyLabels(1, [], { add: ["x"], remove: [] });
    await p.getPermission("alice");
    await p.getBranchSha("main");
    await p.getBranchSha("main");
    await p.getPullRequest(7);
    await p.getPullRequest(7);
    expect(calls).toMatchObject({ getPermission: 1, getBranchSha: 2, getPullRequest: 2 });
    expect(calls.getDefaultBranch).toBeUndefined();
  });

  it("does not remember a failed read", async () => {
    const { port, calls } = countingPort();
    const p = passReads(port);
    await expect(p.getIssue(404)).rejects.toThrow("boom");
    await expect(p.getIssue(404)).rejects.toThrow("boom");
    expect(calls.getIssue).toBe(2);
  });
});
