import { execa } from "execa";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StandIn } from "../support/standin/index.js";
import { appOctokit, repo, standInWith, startReceiver } from "./helpers.js";

describe("stand-in: pull requests on real git", () => {
  let standIn: StandIn;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    standIn = await standInWith({
      files: { "README.md": "# widgets\n", "src/a.txt": "one\ntwo\nthree\n", "src/old.txt": "old\n" },
      ci: { command: "grep -q BROKEN src/a.txt && exit 1 || echo all good", name: "unit" },
    });
    standIn.setWebhookUrl(receiver.url);
  });
  afterAll(async () => {
    await standIn.close();
    await receiver.close();
  });

  it("opens a PR, lists files from a real diff, update-branch checks the expected sha, merge closes the linked issue", async () => {
    const bob = standIn.as("bob");
    const issue = await bob.openIssue({ title: "Change a" });
    const head1 = await bob.pushCommit("feature/a", { "src/a.txt": "one\n2\nthree\nfour\n", "src/new.txt": "new\n" }, "change a");
    const octokit = appOctokit(standIn);
    const { data: pr } = await octokit.rest.pulls.create({ ...repo, head: "feature/a", base: "main", title: "Change a", body: `Closes #${issue}` });
    expect(pr.head.sha).toBe(head1);
    expect(pr.mergeable).toBe(true);
    expect(pr.mergeable_state).toBe("clean");
    // CI on head1 (started by its push, possibly before the PR existed) is done; its check suite,
    // read now that head1 is the PR's head, lists the PR (GitHub associates them when asked).
    await standIn.idle();
    const { data: suites } = await octokit.rest.checks.listSuitesForRef({ ...repo, ref: head1 });
    const ciSuite = suites.check_suites.find((cs) => cs.app?.slug === "stand-in-ci");
    expect(ciSuite?.pull_requests?.map((p) => p.number)).toEqual([pr.number]);

    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number: pr.number });
    const byName = Object.fromEntries(files.map((f) => [f.filename, f]));
    expect(byName["src/a.txt"]).toMatchObject({ status: "modified", additions: 2, deletions: 1, changes: 3 });
    expect(byName["src/a.txt"]!.patch).toContain("+four");
    expect(byName["src/new.txt"]).toMatchObject({ status: "added", additions: 1, deletions: 0 });

    // main moves on (a person pushes), so the PR is behind.
    await standIn.as("alice").pushCommit("main", { "README.md": "# widgets\nmore\n" }, "docs");
    await expect(octokit.rest.pulls.updateBranch({ ...repo, pull_number: pr.number, expected_head_sha: "0".repeat(40) })).rejects.toMatchObject({ status: 422 });
    const upd = await octokit.rest.pulls.updateBranch({ ...repo, pull_number: pr.number, expected_head_sha: head1 });
    expect(upd.status).toBe(202);
    const { data: updated } = await octokit.rest.pulls.get({ ...repo, pull_number: pr.number });
    expect(updated.head.sha).not.toBe(head1);
    const { data: headCommit } = await octokit.rest.repos.getCommit({ ...repo, ref: updated.head.sha });
    expect(headCommit.parents.map((p) => p.sha)[0]).toBe(head1);

    await expect(octokit.rest.pulls.merge({ ...repo, pull_number: pr.number, sha: head1 })).rejects.toMatchObject({ status: 409 });
    const merged = await octokit.rest.pulls.merge({ ...repo, pull_number: pr.number, sha: updated.head.sha, merge_method: "squash" });
    expect(merged.data.merged).toBe(true);
    const { data: main } = await octokit.rest.repos.getBranch({ ...repo, branch: "main" });
    expect(main.commit.sha).toBe(merged.data.sha);
    const { data: content } = await octokit.rest.repos.getContent({ ...repo, path: "src/a.txt", ref: "main" });
    expect(Buffer.from((content as { content: string }).content, "base64").toString()).toBe("one\n2\nthree\nfour\n");
    expect(standIn.state.issues.get(issue)!.state).toBe("closed");
    expect(standIn.state.issues.get(issue)!.stateReason).toBe("completed");

    await standIn.idle();
    const events = receiver.received.map((w) => `${w.event}.${w.action ?? ""}`);
    expect(events).toContain("pull_request.opened");
    expect(events).toContain("pull_request.synchronize");
    const closed = receiver.received.find((w) => w.event === "pull_request" && w.action === "closed")!;
    expect(closed.payload.pull_request.merged).toBe(true);
    expect(closed.payload.sender.login).toBe("orchestrator[bot]");
    const issueClosed = receiver.received.find((w) => w.event === "issues" && w.action === "closed")!;
    expect(issueClosed.payload.issue.number).toBe(issue);
    // CI ran on the pushed heads and reported check runs from the separate CI app.
    const runs = await octokit.rest.checks.listForRef({ ...repo, ref: head1 });
    expect(runs.data.check_runs.map((r) => [r.name, r.conclusion, r.app?.slug])).toEqual([["unit", "success", "stand-in-ci"]]);
    expect(receiver.received.some((w) => w.event === "check_suite" && w.action === "completed" && w.payload.check_suite.head_sha === head1)).toBe(true);
    expect(standIn.violations).toEqual([]);
  });

  it("a real conflict: update-branch 422, merge 405, mergeable false", async () => {
    const bob = standIn.as("bob");
    await bob.pushCommit("feature/conflict", { "src/old.txt": "bob's line\n" }, "bob edits old");
    const octokit = appOctokit(standIn);
    const { data: pr } = await octokit.rest.pulls.create({ ...repo, head: "feature/conflict", base: "main", title: "Conflicting" });
    await standIn.as("alice").pushCommit("main", { "src/old.txt": "alice's line\n" }, "alice edits old");
    const { data: now } = await octokit.rest.pulls.get({ ...repo, pull_number: pr.number });
    expect(now.mergeable).toBe(false);
    expect(now.mergeable_state).toBe("dirty");
    await expect(octokit.rest.pulls.updateBranch({ ...repo, pull_number: pr.number, expected_head_sha: now.head.sha })).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/conflict/) });
    await expect(octokit.rest.pulls.merge({ ...repo, pull_number: pr.number, sha: now.head.sha })).rejects.toMatchObject({ status: 405 });
    expect(standIn.state.pulls.get(pr.number)!.merged).toBe(false);
    expect(standIn.violations).toEqual([]);
  });

  it("merge and rebase methods produce the shapes git would", async () => {
    const octokit = appOctokit(standIn);
    const bob = standIn.as("bob");
    await bob.pushCommit("feature/m", { "m.txt": "m\n" }, "add m");
    const { data: prM } = await octokit.rest.pulls.create({ ...repo, head: "feature/m", base: "main", title: "M" });
    const m = await octokit.rest.pulls.merge({ ...repo, pull_number: prM.number, merge_method: "merge" });
    const { data: mc } = await octokit.rest.repos.getCommit({ ...repo, ref: m.data.sha });
    expect(mc.parents).toHaveLength(2);

    await bob.pushCommit("feature/r", { "r1.txt": "1\n" }, "r1");
    await bob.pushCommit("feature/r", { "r2.txt": "2\n" }, "r2");
    const { data: prR } = await octokit.rest.pulls.create({ ...repo, head: "feature/r", base: "main", title: "R" });
    const commits = await octokit.rest.pulls.listCommits({ ...repo, pull_number: prR.number });
    expect(commits.data.map((c) => c.commit.message)).toEqual(["r1", "r2"]);
    const r = await octokit.rest.pulls.merge({ ...repo, pull_number: prR.number, merge_method: "rebase" });
    const { data: rc } = await octokit.rest.repos.getCommit({ ...repo, ref: r.data.sha });
    expect(rc.parents).toHaveLength(1);
    expect(rc.commit.message).toBe("r2");
    // Already merged: 405.
    await expect(octokit.rest.pulls.merge({ ...repo, pull_number: prR.number })).rejects.toMatchObject({ status: 405 });
    expect(standIn.violations).toEqual([]);
  });

  it("a failing CI command yields a failing check run and an unstable PR", async () => {
    const octokit = appOctokit(standIn);
    const sha = await standIn.as("bob").pushCommit("feature/broken", { "src/a.txt": "BROKEN\n" }, "break it");
    const { data: pr } = await octokit.rest.pulls.create({ ...repo, head: "feature/broken", base: "main", title: "Broken" });
    await standIn.idle();
    const runs = await octokit.rest.checks.listForRef({ ...repo, ref: sha });
    expect(runs.data.check_runs[0]).toMatchObject({ name: "unit", status: "completed", conclusion: "failure" });
    const { data: got } = await octokit.rest.pulls.get({ ...repo, pull_number: pr.number });
    expect(got.mergeable_state).toBe("unstable");
    expect(standIn.violations).toEqual([]);
  });

  it("a clone of bareRepo can push like a worker, and the push becomes a webhook", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "standin-person-"));
    try {
      await execa("git", ["clone", "--quiet", standIn.bareRepo, dir]);
      const env = { GIT_AUTHOR_NAME: "x", GIT_AUTHOR_EMAIL: "x@x", GIT_COMMITTER_NAME: "x", GIT_COMMITTER_EMAIL: "x@x" };
      await execa("git", ["checkout", "-q", "-b", "topic"], { cwd: dir, env });
      await execa("bash", ["-c", "echo hi > hi.txt && git add hi.txt && git commit -qm hi"], { cwd: dir, env });
      const start = receiver.received.length;
      await execa("git", ["push", "-q", "origin", "topic"], { cwd: dir, env });
      await standIn.idle();
      const push = receiver.received.slice(start).find((w) => w.event === "push")!;
      expect(push.payload.ref).toBe("refs/heads/topic");
      expect(push.payload.created).toBe(true);
      expect(push.payload.commits.map((c: { message: string }) => c.message)).toEqual(["hi"]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(standIn.violations).toEqual([]);
  });
});
