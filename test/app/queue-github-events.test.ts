/**
 * The `merge_group` and `pull_request.dequeued` deliveries the `github` strategy follows, parsed at
 * the boundary (src/app/repo-event.ts): GitHub's documented example payload
 * (@octokit/webhooks-examples) for `merge_group.checks_requested`, and the same shape destroyed.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { parseRepoEvent } from "../../src/app/repo-event.js";

type Example = { action?: string } & Record<string, unknown>;
const groups = createRequire(import.meta.url)("@octokit/webhooks-examples/api.github.com/index.json") as Array<{ name: string; examples: Example[] }>;
const checksRequested = groups.find((g) => g.name === "merge_group")!.examples.find((e) => e.action === "checks_requested")!;

describe("merge queue events at the boundary", () => {
  it("parses GitHub's merge_group example: the pull request from the group's branch, refs without refs/heads/", () => {
    const parsed = parseRepoEvent("merge_group", checksRequested);
    expect(parsed).toEqual({
      ok: true,
      event: expect.objectContaining({ kind: "merge-group", action: "checks_requested", reason: null, pr: 104, baseRef: "main", headRef: expect.stringMatching(/^gh-readonly-queue\/main\/pr-104-/) }),
    });
    const destroyed = parseRepoEvent("merge_group", { ...checksRequested, action: "destroyed", reason: "merged" });
    expect(destroyed.ok && destroyed.event).toMatchObject({ kind: "merge-group", action: "destroyed", reason: "merged", pr: 104 });
  });

  it("keeps the dequeue reason of pull_request.dequeued, and reports a malformed merge_group instead of guessing", () => {
    const opened = groups.find((g) => g.name === "pull_request")!.examples.find((e) => e.action === "opened")!;
    const dequeued = parseRepoEvent("pull_request", { ...opened, action: "dequeued", reason: "CI_FAILURE" });
    expect(dequeued.ok && dequeued.event).toMatchObject({ kind: "pull-request", action: "dequeued", reason: "CI_FAILURE" });
    const bad = parseRepoEvent("merge_group", { ...checksRequested, merge_group: { head_sha: "abc" } });
    expect(bad.ok).toBe(false);
  });
});
