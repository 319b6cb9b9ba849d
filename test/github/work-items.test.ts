/**
 * A pass's view of the work items in ONE GraphQL request (port.ts `readWorkItems`,
 * src/github/octokit/work-items.ts), against the stand-in's slice of GitHub's GraphQL schema over
 * real HTTP: the issue asked by number and every label's open issues with their first comments.
 * Every answer is compared with what the REST reads it replaces (`getIssue`,
 * `listOpenIssues([label])`, `listComments`) answer for the same data, each from a fresh port so
 * that no port's memory is shared.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { LIST_COMMENTS, LIST_PAGE } from "../../src/github/octokit/work-items.js";
import type { LabelSpec } from "../../src/github/port.js";
import { useRepoStandIn } from "../support/repo-stand-in.js";

describe("readWorkItems: the thread and every label's open issues in one request", { timeout: 60_000 }, () => {
  const repo = useRepoStandIn("work", undefined, { appSlug: "orchestrator" });
  const port = () => repo.port();
  const sent = () => repo.gh.requests.entries.map((e) => `${e.route.replace("/repos/{owner}/{repo}", "")} ${e.status}`);
  const CATALOG: LabelSpec[] = [
    { name: "status/ready", color: "0e8a16", description: "Ready" },
    { name: "track/project", color: "1d76db", description: "Project" },
    { name: "status/crowded", color: "cccccc", description: "Many items" },
    { name: "status/chatty", color: "dddddd", description: "Many comments" },
  ];

  beforeAll(async () => {
    await port().ensureLabels(CATALOG);
  });

  /** `count` open issues with `labels`, written straight into the stand-in's records. */
  function seedOpenIssues(count: number, labels: string[]): number[] {
    const at = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    return Array.from({ length: count }, (_, i) => repo.gh.state.seedOpenIssue({ title: `Seeded ${i}`, body: `seeded body ${i}`, labels, user: "alice", at }).number);
  }

  it("answers in one request what getIssue, listOpenIssues([label]) and listComments answer: closed issues, pull requests and unlabelled issues left out", async () => {
    const alice = repo.gh.as("alice");
    const [a, b] = ["status/ready", "track/project"];
    // Under a: an issue with the bot's status comment and a person's comment.
    const ready = await alice.openIssue({ title: "Ready item", body: "do it", labels: [a] });
    await port().upsertComment(ready, "<!-- status -->", "<!-- status -->\nready");
    await alice.comment(ready, "me too");
    // Under a and b: an issue with relation counts (a sub-issue and a blocker, both unlabelled).
    const both = await alice.openIssue({ title: "Both labels", body: "", labels: [b, a, "bug"] });
    const child = await alice.openIssue({ title: "Child, unlabelled" });
    const blocker = await alice.openIssue({ title: "Blocker", labels: ["bug"] });
    await alice.addSubIssue(both, child);
    await alice.addBlockedBy(both, blocker);
    await alice.comment(both, "first");
    await alice.comment(both, "second");
    // Under b only: an issue without comments or body.
    const project = await alice.openIssue({ title: "Project item", labels: [b] });
    // Under b: an issue the app opened (a bot author: REST's login carries "[bot]", GraphQL's does not).
    const planned = (await port().createIssue({ title: "Planned by the app", body: "a child", labels: [b] })).number;
    // Carrying a but closed (not planned), with a comment: the thread asked by number.
    const closed = await alice.openIssue({ title: "Closed item", body: "gone", labels: [a] });
    await alice.comment(closed, "closing this");
    await alice.closeIssue(closed, "not_planned");
    // A pull request carrying a.
    await alice.pushCommit("feature/labelled", { "f.txt": "f\n" }, "labelled");
    const pr = await alice.openPullRequest({ head: "feature/labelled", title: "Labelled change" });
    await alice.addLabels(pr, [a]);
    await repo.gh.idle();

    repo.gh.requests.reset();
    const read = await port().readWorkItems({ thread: closed, labels: [a, b] });
    expect(sent()).toEqual(["POST /graphql 200"]);

    // The thread: all of getIssue's fields, equal (the comment count and relation counts included).
    expect(read.thread).not.toBeNull();
    expect(read.thread).toEqual(await port().getIssue(closed));
    expect(read.thread).toMatchObject({ number: closed, state: "closed", stateReason: "not_planned", labels: [a], comments: 1, isPullRequest: false });

    // The lists: as listOpenIssues([label]) answers them, same order and same fields.
    expect(Object.keys(read.lists).sort()).toEqual([a, b]);
    const restA = await port().listOpenIssues([a]);
    const restB = await port().listOpenIssues([b]);
    expect(read.lists[a]).toEqual(restA);
    expect(read.lists[b]).toEqual(restB);
    // What they hold, so that an equal but wrong REST answer cannot pass: newest first, no pull
    // request, no closed issue, no issue without the label.
    expect(read.lists[a]!.map((i) => i.number)).toEqual([both, ready]);
    expect(read.lists[b]!.map((i) => i.number)).toEqual([planned, project, both]);
    expect(read.lists[b]![0]!.author).toEqual({ login: "orchestrator[bot]", type: "Bot" });
    expect(read.lists[a]!.find((i) => i.number === both)).toMatchObject({ labels: [b, a, "bug"], relations: { subIssues: 1, blockedBy: 1 }, comments: 2 });

    // The comments of the thread and of every listed issue: as listComments answers them.
    const readNumbers = [closed, ready, both, project, planned];
    expect([...read.comments.keys()].sort((x, y) => x - y)).toEqual([...readNumbers].sort((x, y) => x - y));
    for (const k of readNumbers) expect(read.comments.get(k)).toEqual(await port().listComments(k));
    expect(read.comments.get(ready)!.map((c) => [c.author, c.body])).toEqual([
      [{ login: "orchestrator[bot]", type: "Bot" }, "<!-- status -->\nready"],
      [{ login: "alice", type: "User" }, "me too"],
    ]);
    expect(read.comments.get(project)).toEqual([]);
  });

  it("the comments read are the port's listing: finding the status comment of a listed issue costs nothing", async () => {
    const number = await repo.gh.as("alice").openIssue({ title: "Listed with a status comment", labels: ["status/ready"] });
    const status = await port().upsertComment(number, "<!-- status -->", "<!-- status -->\nready");
    const p = port();
    await p.readWorkItems({ labels: ["status/ready"] });
    repo.gh.requests.reset();
    expect((await p.findComment(number, "<!-- status -->"))?.id).toBe(status.id);
    expect(sent()).toEqual([]);
  });

  it("a pull request's number gives it as getIssue maps it, but with the pull request's node id and no relation counts", async () => {
    const alice = repo.gh.as("alice");
    await alice.pushCommit("feature/thread", { "t.txt": "t\n" }, "thread");
    const pr = await alice.openPullRequest({ head: "feature/thread", title: "A thread", body: "please" });
    await alice.comment(pr, "looks good");
    const read = await port().readWorkItems({ thread: pr, labels: [] });
    expect(read.lists).toEqual({});
    const { nodeId: _issueNodeId, relations: _relations, ...rest } = (await port().getIssue(pr))!;
    expect(read.thread).toEqual({ ...rest, nodeId: (await port().getPullRequest(pr))!.nodeId });
    expect(read.thread).toMatchObject({ isPullRequest: true, comments: 1 });
    expect(read.comments.get(pr)).toEqual(await port().listComments(pr));
  });

  it("a thread pull request comes with its pull request fields, and a thread issue with the open pull requests that close it, as getPullRequest maps them", async () => {
    const alice = repo.gh.as("alice");
    const issue = await alice.openIssue({ title: "Closed by a pull request" });
    await alice.pushCommit("feature/closer", { "c.txt": "c\n" }, "closer");
    const closer = await alice.openPullRequest({ head: "feature/closer", title: "Closer", body: `Closes #${issue}` });
    await alice.pushCommit("feature/mention", { "m.txt": "m\n" }, "mention");
    await alice.openPullRequest({ head: "feature/mention", title: "Mentions", body: `See #${issue}` });
    await alice.addLabels(closer, ["bug"]);
    await repo.gh.idle();
    const rest = (await port().getPullRequest(closer))!;
    expect(rest.mergeable).not.toBeNull();

    repo.gh.requests.reset();
    const byIssue = await port().readWorkItems({ thread: issue, labels: [] });
    const byPull = await port().readWorkItems({ thread: closer, labels: [] });
    expect(sent()).toEqual(["POST /graphql 200", "POST /graphql 200"]);
    // Only the pull request that closes the issue by keyword, exactly as REST maps it.
    expect(byIssue.pulls).toEqual([rest]);
    expect(byPull.pulls).toEqual([rest]);
    expect(rest).toMatchObject({ state: "open", merged: false, headRef: "feature/closer", baseRef: "main", labels: ["bug"], author: { login: "alice", type: "User" } });
    // A thread that is neither gives none; no thread asked, none either.
    expect((await port().readWorkItems({ labels: [] })).pulls).toBeUndefined();

    // Asked to, the thread pull request's head is compared with the default branch, as REST's
    // compare of the two heads says; behind once the default branch moves on.
    const main = (await port().getBranchSha("main"))!;
    const compared = await port().readWorkItems({ thread: closer, labels: [], compareWith: "main" });
    expect(compared.comparison).toEqual({ base: main, head: rest.headSha, result: await port().compareCommits(main, rest.headSha) });
    await alice.pushCommit("main", { "later.txt": "later\n" }, "main moves on");
    await repo.gh.idle();
    const moved = (await port().getBranchSha("main"))!;
    const behind = await port().readWorkItems({ thread: closer, labels: [], compareWith: "main" });
    expect(behind.comparison).toEqual({ base: moved, head: rest.headSha, result: await port().compareCommits(moved, rest.headSha) });
    expect(behind.comparison!.result).toMatchObject({ status: "diverged", behindBy: 1, aheadBy: 1 });
    // An issue thread has no head to compare.
    expect((await port().readWorkItems({ thread: issue, labels: [], compareWith: "main" })).comparison).toBeUndefined();
  });

  it(`a label with more than ${LIST_PAGE} open issues is null (listed by REST then); a label with exactly ${LIST_PAGE} and the other label are given`, async () => {
    const [crowded, ready] = ["status/crowded", "status/ready"];
    seedOpenIssues(LIST_PAGE, [crowded]);

    repo.gh.requests.reset();
    const full = await port().readWorkItems({ labels: [crowded, ready] });
    expect(sent()).toEqual(["POST /graphql 200"]);
    expect(full.thread).toBeUndefined();
    expect(full.lists[crowded]).toHaveLength(LIST_PAGE);
    expect(full.lists[crowded]).toEqual(await port().listOpenIssues([crowded]));

    const extra = seedOpenIssues(1, [crowded])[0]!;
    repo.gh.requests.reset();
    const over = await port().readWorkItems({ labels: [crowded, ready] });
    expect(sent()).toEqual(["POST /graphql 200"]);
    expect(over.lists[crowded]).toBeNull();
    expect(over.lists[ready]).not.toBeNull();
    expect(over.lists[ready]).toEqual(await port().listOpenIssues([ready]));
    // REST lists them all, the newest (the one past the page) first.
    const rest = await port().listOpenIssues([crowded]);
    expect(rest).toHaveLength(LIST_PAGE + 1);
    expect(rest[0]!.number).toBe(extra);
  });

  it(`an issue with more than ${LIST_COMMENTS} comments has no comments entry, and is still listed; one with exactly ${LIST_COMMENTS} has them all`, async () => {
    const alice = repo.gh.as("alice");
    const chatty = "status/chatty";
    const exact = await alice.openIssue({ title: `${LIST_COMMENTS} comments`, labels: [chatty] });
    for (let i = 0; i < LIST_COMMENTS; i++) await alice.comment(exact, `exact ${i}`);
    const over = await alice.openIssue({ title: `${LIST_COMMENTS + 1} comments`, labels: [chatty] });
    for (let i = 0; i <= LIST_COMMENTS; i++) await alice.comment(over, `over ${i}`);
    await repo.gh.idle();

    repo.gh.requests.reset();
    const p = port();
    const read = await p.readWorkItems({ labels: [chatty] });
    expect(sent()).toEqual(["POST /graphql 200"]);
    expect(read.lists[chatty]!.map((i) => i.number)).toEqual([over, exact]);
    expect(read.lists[chatty]).toEqual(await port().listOpenIssues([chatty]));
    expect(read.lists[chatty]![0]!.comments).toBe(LIST_COMMENTS + 1);
    expect(read.comments.has(over)).toBe(false);
    expect(read.comments.get(exact)).toHaveLength(LIST_COMMENTS);
    expect(read.comments.get(exact)).toEqual(await port().listComments(exact));

    // The port lists the comments it could not read in full, and only those.
    repo.gh.requests.reset();
    expect(await p.listComments(exact)).toEqual(read.comments.get(exact));
    expect(sent()).toEqual([]);
    expect(await p.listComments(over)).toHaveLength(LIST_COMMENTS + 1);
    expect(sent()).toEqual(["GET /issues/{issue_number}/comments 200"]);
  });

  it("a thread number that names nothing is null, and the lists are still given, in one request", async () => {
    const number = await repo.gh.as("alice").openIssue({ title: "Still listed", labels: ["track/project"] });
    repo.gh.requests.reset();
    const read = await port().readWorkItems({ thread: 999_999, labels: ["track/project"] });
    expect(sent()).toEqual(["POST /graphql 200"]);
    expect(read.thread).toBeNull();
    expect(await port().getIssue(999_999)).toBeNull();
    expect(read.lists["track/project"]!.map((i) => i.number)).toContain(number);
    expect(read.lists["track/project"]).toEqual(await port().listOpenIssues(["track/project"]));
    expect(read.comments.has(999_999)).toBe(false);
  });
});
