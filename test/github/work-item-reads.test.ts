/**
 * A pass's view of the work items (src/github/work-item-reads.ts `workItemReads`) around a real
 * Octokit port, against the stand-in over real HTTP: `getIssue` and `listOpenIssues([label])` of
 * the view's labels answered from ONE `readWorkItems` request, the pass's own item writes applied
 * to the view, writes that change no issue keeping it, and any other write dropping it. Every
 * answer is compared with the REST read of a fresh port.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { GitHubPort, LabelSpec } from "../../src/github/port.js";
import { workItemReads } from "../../src/github/work-item-reads.js";
import { useRepoStandIn } from "../support/repo-stand-in.js";

describe("workItemReads: a pass's item and status listings from one request", { timeout: 60_000 }, () => {
  const repo = useRepoStandIn("view", undefined, { appSlug: "orchestrator" });
  const port = () => repo.port();
  const sent = () => repo.gh.requests.entries.map((e) => e.route.replace("/repos/{owner}/{repo}", ""));
  const MARKER = "<!-- status -->";
  const [READY, IN_PROGRESS] = ["status/ready", "status/in-progress"];
  const CATALOG: LabelSpec[] = [
    { name: READY, color: "0e8a16", description: "Ready" },
    { name: IN_PROGRESS, color: "1d76db", description: "In progress" },
  ];
  /** The pass's port: the view of the two listed statuses around a fresh Octokit port. */
  const view = (): GitHubPort => workItemReads(port(), [READY, IN_PROGRESS]);
  const numbers = (issues: { number: number }[]) => issues.map((i) => i.number);

  beforeAll(async () => {
    await port().ensureLabels(CATALOG);
  });

  /** An open issue with `status` (and a track label) and the app's status comment. */
  async function item(title: string, status: string | null) {
    const number = await repo.gh.as("alice").openIssue({ title, labels: status ? [status, "track/standard"] : ["track/standard"] });
    await port().upsertComment(number, MARKER, `${MARKER}\n${status ?? "new"}`);
    return number;
  }

  it("getIssue, both listed statuses and a listed item's getIssue cost one request, answered as the REST reads answer", async () => {
    const thread = await item("The event's item", null);
    const ready = await item("Ready", READY);
    const started = await item("Started", IN_PROGRESS);
    const w = view();

    repo.gh.requests.reset();
    const issue = await w.getIssue(thread);
    const listedReady = await w.listOpenIssues([READY]);
    const listedStarted = await w.listOpenIssues([IN_PROGRESS]);
    const listed = await w.getIssue(started);
    expect(sent()).toEqual(["POST /graphql"]);

    expect(issue).toEqual(await port().getIssue(thread));
    expect(listedReady).toEqual(await port().listOpenIssues([READY]));
    expect(listedStarted).toEqual(await port().listOpenIssues([IN_PROGRESS]));
    expect(listed).toEqual(await port().getIssue(started));
    expect(numbers(listedReady)).toContain(ready);
    expect(numbers(listedStarted)).toContain(started);
    expect(numbers(listedReady)).not.toContain(thread);

    // The comments read are the port's listing: the status comments cost nothing either.
    repo.gh.requests.reset();
    expect((await w.findComment(thread, MARKER))?.body).toBe(`${MARKER}\nnew`);
    expect((await w.findComment(ready, MARKER))?.body).toBe(`${MARKER}\n${READY}`);
    expect(sent()).toEqual([]);
    // An issue the view does not hold is read by REST.
    const other = await repo.gh.as("alice").openIssue({ title: "Not in the view" });
    repo.gh.requests.reset();
    const outside = await w.getIssue(other);
    expect(sent()).toEqual(["GET /issues/{issue_number}"]);
    expect(outside).toEqual(await port().getIssue(other));
  });

  it("a number that names nothing is null from the same request; the listings follow from it", async () => {
    const ready = await item("Ready beside a missing one", READY);
    const w = view();
    repo.gh.requests.reset();
    expect(await w.getIssue(999_999)).toBeNull();
    expect(numbers(await w.listOpenIssues([READY]))).toContain(ready);
    expect(sent()).toEqual(["POST /graphql"]);
  });

  it("the event's item read by number but closed, or a pull request, is not listed though it carries a listed status; a pull request's issue is REST's", async () => {
    const alice = repo.gh.as("alice");
    const closed = await item("Closed but ready", READY);
    await alice.closeIssue(closed, "completed");
    await alice.pushCommit("feature/ready-pr", { "r.txt": "r\n" }, "ready pr");
    const pr = await alice.openPullRequest({ head: "feature/ready-pr", title: "A labelled pull request" });
    await alice.addLabels(pr, [READY]);
    await repo.gh.idle();

    for (const number of [closed, pr]) {
      const w = view();
      repo.gh.requests.reset();
      const issue = await w.getIssue(number);
      const ready = await w.listOpenIssues([READY]);
      // A pull request read by number is answered by REST (its node id and relation counts differ in GraphQL).
      expect(sent()).toEqual(number === pr ? ["POST /graphql", "GET /issues/{issue_number}"] : ["POST /graphql"]);
      expect(issue!.labels).toContain(READY);
      if (number === pr) expect(issue).toEqual(await port().getIssue(pr));
      expect(numbers(ready)).not.toContain(number);
      expect(ready).toEqual(await port().listOpenIssues([READY]));
    }
  });

  it("two labels, a `since`, a label outside the view or no label at all are listed by REST", async () => {
    const both = await repo.gh.as("alice").openIssue({ title: "Both statuses", labels: [READY, IN_PROGRESS] });
    const w = view();
    repo.gh.requests.reset();
    const two = await w.listOpenIssues([READY, IN_PROGRESS]);
    const since = await w.listOpenIssues([READY], { since: "2000-01-01T00:00:00Z" });
    const outside = await w.listOpenIssues(["track/standard"]);
    const all = await w.listOpenIssues();
    expect(sent()).toEqual(["GET /issues", "GET /issues", "GET /issues", "GET /issues"]);
    expect(numbers(two)).toEqual([both]);
    expect(two).toEqual(await port().listOpenIssues([READY, IN_PROGRESS]));
    expect(since).toEqual(await port().listOpenIssues([READY], { since: "2000-01-01T00:00:00Z" }));
    expect(outside).toEqual(await port().listOpenIssues(["track/standard"]));
    expect(all).toEqual(await port().listOpenIssues());
  });

  it("with the dispatch gate's window, the issues updated since are read with the view: a later `since` costs nothing, an earlier one is REST's", async () => {
    const old = await item("Updated before the window", READY);
    const start = new Date(Date.now() + 1000).toISOString();
    const recent = await item("Updated in the window", IN_PROGRESS);
    // The stand-in's update times are the wall clock: the second item is updated after `start`.
    repo.gh.state.issues.get(recent)!.updatedAt = new Date(Date.parse(start) + 1000).toISOString();
    const w = workItemReads(port(), [READY, IN_PROGRESS], { since: () => start });
    repo.gh.requests.reset();
    const inWindow = await w.listOpenIssues([], { since: start });
    expect(sent()).toEqual(["POST /graphql"]);
    expect(numbers(inWindow)).toContain(recent);
    expect(numbers(inWindow)).not.toContain(old);
    expect(inWindow).toEqual(await port().listOpenIssues([], { since: start }));
    repo.gh.requests.reset();
    const earlier = await w.listOpenIssues([], { since: "2000-01-01T00:00:00Z" });
    expect(sent()).toEqual(["GET /issues"]);
    expect(numbers(earlier)).toEqual(expect.arrayContaining([old, recent]));

    // An item this pass writes was updated now: it is in the window with no further read.
    const issue = (await w.getIssue(old))!;
    const comment = (await w.findComment(old, MARKER))!;
    await w.editItem(issue, { comment, body: `${MARKER}\nin progress`, add: [IN_PROGRESS], remove: [READY] }, CATALOG);
    repo.gh.requests.reset();
    expect(numbers(await w.listOpenIssues([], { since: start }))).toEqual(expect.arrayContaining([old, recent]));
    expect(sent()).toEqual([]);
  });

  it("editItem moving a listed item from ready to in progress moves it between the listings, with no further read", async () => {
    const number = await item("Moved", READY);
    const w = view();
    repo.gh.requests.reset();
    expect(numbers(await w.listOpenIssues([READY]))).toContain(number);
    const issue = (await w.getIssue(number))!;
    const comment = (await w.findComment(number, MARKER))!;
    expect(sent()).toEqual(["POST /graphql"]);

    repo.gh.requests.reset();
    expect(await w.editItem(issue, { comment, body: `${MARKER}\nin progress`, add: [IN_PROGRESS], remove: [READY] }, CATALOG)).toEqual({ comment: true, labels: true });
    expect(sent()).toEqual(["POST /graphql"]);

    repo.gh.requests.reset();
    const ready = await w.listOpenIssues([READY]);
    const started = await w.listOpenIssues([IN_PROGRESS]);
    const moved = await w.getIssue(number);
    expect(sent()).toEqual([]);
    expect(numbers(ready)).not.toContain(number);
    expect(numbers(started)).toContain(number);
    expect(moved!.labels).toEqual(["track/standard", IN_PROGRESS]);
    // As GitHub now answers.
    expect(ready).toEqual(await port().listOpenIssues([READY]));
    expect(started).toEqual(await port().listOpenIssues([IN_PROGRESS]));
    expect(moved).toEqual(await port().getIssue(number));
  });

  it("an item write giving a listed status to an issue the view does not hold drops the view: the next listing holds it", async () => {
    const number = await item("Outside the view", null);
    const w = view();
    expect(numbers(await w.listOpenIssues([READY]))).not.toContain(number);
    const issue = (await w.getIssue(number))!;
    const comment = (await w.findComment(number, MARKER))!;
    await w.editItem(issue, { comment, body: `${MARKER}\nready`, add: [READY], remove: [] }, CATALOG);
    repo.gh.requests.reset();
    const ready = await w.listOpenIssues([READY]);
    expect(sent()).toEqual(["POST /graphql"]);
    expect(numbers(ready)).toContain(number);
    expect(ready).toEqual(await port().listOpenIssues([READY]));
  });

  it("createItemComment giving the event's item its first status puts it in that listing, with no further read", async () => {
    const number = await repo.gh.as("alice").openIssue({ title: "Triaged", labels: ["track/standard"] });
    const w = view();
    repo.gh.requests.reset();
    const issue = (await w.getIssue(number))!;
    expect(numbers(await w.listOpenIssues([READY]))).not.toContain(number);
    expect(sent()).toEqual(["POST /graphql"]);

    repo.gh.requests.reset();
    const done = await w.createItemComment(issue, MARKER, `${MARKER}\nready`, { add: [READY], remove: [] }, CATALOG);
    expect(done).toMatchObject({ created: true, labels: true });
    expect(sent()).toEqual(["POST /graphql"]);

    repo.gh.requests.reset();
    const ready = await w.listOpenIssues([READY]);
    const triaged = await w.getIssue(number);
    expect(sent()).toEqual([]);
    expect(numbers(ready)).toContain(number);
    expect(triaged!.labels).toEqual(["track/standard", READY]);
    // The comment just created makes the view's comment count unknown: it is left out, the rest is as GitHub answers.
    expect(triaged!.comments).toBeUndefined();
    const { comments: _count, ...rest } = (await port().getIssue(number))!;
    expect(triaged).toEqual(rest);
    expect(numbers(ready)).toEqual(numbers(await port().listOpenIssues([READY])));
  });

  it("a write that changes an issue otherwise (applyLabels, closeIssue) drops the view: the next read takes a new one and sees the change", async () => {
    const relabelled = await item("Relabelled", READY);
    const closed = await item("Closed", READY);
    const w = view();
    repo.gh.requests.reset();
    const issue = (await w.getIssue(relabelled))!;
    expect(numbers(await w.listOpenIssues([READY]))).toEqual(expect.arrayContaining([relabelled, closed]));
    expect(sent()).toEqual(["POST /graphql"]);

    await w.applyLabels(relabelled, issue.labels, { add: [IN_PROGRESS], remove: [READY] });
    repo.gh.requests.reset();
    const after = await w.getIssue(relabelled);
    expect(sent()).toEqual(["POST /graphql"]);
    expect(after!.labels).toEqual(["track/standard", IN_PROGRESS]);
    expect(after).toEqual(await port().getIssue(relabelled));

    await w.closeIssue(closed, "completed");
    repo.gh.requests.reset();
    const ready = await w.listOpenIssues([READY]);
    expect(sent()).toEqual(["POST /graphql"]);
    expect(numbers(ready)).not.toContain(closed);
    expect(numbers(ready)).not.toContain(relabelled);
    expect(ready).toEqual(await port().listOpenIssues([READY]));
  });

  it("the event's pull request (with its head compared with the default branch), or one closing the event's issue, and the default branch's head are answered from the view until a write that may move them", async () => {
    const number = await item("Closed by its worker's pull request", READY);
    await repo.gh.as("alice").pushCommit("feature/worker", { "w.txt": "w\n" }, "work");
    const pr = await repo.gh.as("alice").openPullRequest({ head: "feature/worker", title: "Work", body: `Closes #${number}` });
    await repo.gh.idle();
    const rest = (await port().getPullRequest(pr))!;

    // The event is the pull request (a synchronize, a command on it): the view reads it as its
    // thread, whatever the pass reads first.
    const onPull = workItemReads(port(), [READY, IN_PROGRESS], { thread: pr, compareWith: "main" });
    repo.gh.requests.reset();
    expect(numbers(await onPull.listOpenIssues([READY]))).toContain(number);
    expect(await onPull.getPullRequest(pr)).toEqual(rest);
    expect(await onPull.getPullRequest(pr)).toEqual(rest);
    // Its head compared with the default branch's comes with it: the merge queue's comparison.
    const tip = (await onPull.getBranchSha("main"))!;
    expect(await onPull.compareCommits(tip, rest.headSha)).toMatchObject({ behindBy: 0, aheadBy: 1 });
    expect(sent()).toEqual(["POST /graphql"]);
    // Another pair of commits is REST's.
    await onPull.compareCommits(rest.headSha, tip);
    expect(sent()).toEqual(["POST /graphql", "GET /compare/{basehead}"]);
    repo.gh.requests.reset();
    // Another pull request is REST's.
    expect(await onPull.getPullRequest(pr + 1000)).toBeNull();
    expect(sent()).toEqual(["GET /pulls/{pull_number}"]);

    // The event is the issue (the worker's report): its closing pull request comes with it.
    const onIssue = workItemReads(port(), [READY, IN_PROGRESS], { thread: number });
    repo.gh.requests.reset();
    expect(await onIssue.getIssue(number)).toMatchObject({ number });
    expect(await onIssue.getPullRequest(pr)).toEqual(rest);
    // The default branch's head comes with the view too.
    expect(await onIssue.getBranchSha("main")).toBe(await port().getBranchSha("main"));
    expect(sent()).toEqual(["POST /graphql", "GET /git/ref/{ref}"]);

    // A write that may move a pull request (update-branch) keeps the issues but not the pull
    // requests: the next read of it is REST's, and sees the new head.
    const main = (await port().getBranchSha("main"))!;
    await repo.gh.as("alice").pushCommit("main", { "base.txt": "base\n" }, "base moves");
    await repo.gh.idle();
    expect(await onIssue.updateBranch(pr, rest.headSha)).toMatchObject({ ok: true });
    await repo.gh.idle();
    repo.gh.requests.reset();
    expect(await onIssue.getIssue(number)).toMatchObject({ number });
    const moved = (await onIssue.getPullRequest(pr))!;
    expect(sent()).toEqual(["GET /pulls/{pull_number}"]);
    // So is the default branch's head (a merge or a fast-forward moves it).
    expect(await onIssue.getBranchSha("main")).toBe(await port().getBranchSha("main"));
    expect(sent()).toEqual(["GET /pulls/{pull_number}", "GET /git/ref/{ref}", "GET /git/ref/{ref}"]);
    expect(moved.headSha).not.toBe(rest.headSha);
    expect(main).not.toBe(moved.headSha);
  });

  it("a write that changes no issue (upsertCheckRun, addReaction) keeps the view: no new read", async () => {
    const number = await item("Kept", READY);
    const sha = await repo.gh.as("alice").pushCommit("feature/kept", { "k.txt": "k\n" }, "kept");
    await repo.gh.idle();
    const w = view();
    repo.gh.requests.reset();
    const before = (await w.getIssue(number))!;
    const comment = (await w.findComment(number, MARKER))!;
    expect(sent()).toEqual(["POST /graphql"]);
    // Someone labels the issue meanwhile: a view read again would show it.
    await repo.gh.as("alice").addLabels(number, ["bug"]);

    await w.upsertCheckRun({ name: "orchestrator/review", headSha: sha, status: "in_progress", title: "Review", summary: "running" });
    await w.addReaction(comment.id, "eyes");
    expect(repo.gh.state.checkRuns.size).toBeGreaterThan(0);
    repo.gh.requests.reset();
    const kept = await w.getIssue(number);
    const ready = await w.listOpenIssues([READY]);
    expect(sent()).toEqual([]);
    expect(kept).toEqual(before);
    expect(kept!.labels).not.toContain("bug");
    expect(ready.find((i) => i.number === number)!.labels).not.toContain("bug");

    // A write outside the kept set (a body update) drops it: the label added meanwhile shows.
    await w.updateIssueBody(number, "rewritten");
    repo.gh.requests.reset();
    const fresh = await w.getIssue(number);
    expect(sent()).toEqual(["POST /graphql"]);
    expect(fresh!.labels).toContain("bug");
    expect(fresh!.body).toBe("rewritten");
  });
});
