/**
 * Two reads in one GraphQL request each (issue #9 "A request budget"), against the stand-in's
 * slice of GitHub's GraphQL schema over real HTTP: a commit's check runs and commit statuses
 * (port.ts `listChecks`, src/github/octokit/commit-checks.ts) and an issue with its comments
 * (`getIssueWithComments`, src/github/octokit/issue-thread.ts). Each answer is compared with what
 * the REST reads it replaces answer for the same data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOctokitPort } from "../../src/github/octokit-port.js";
import type { CheckRunSnapshot, CommitStatusSnapshot } from "../../src/github/port.js";
import { harnessOctokit, writeFiles } from "../support/app-harness.js";
import { startStandIn, type StandIn } from "../support/standin/index.js";

describe("GraphQL reads: a commit's checks and an issue with its comments", { timeout: 60_000 }, () => {
  let gh: StandIn;
  const REPO = { owner: "acme", repo: "reads" };
  const Octokit = harnessOctokit();
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const octokit = () => new Octokit({ auth: { token: gh.installationToken() }, baseUrl: gh.apiUrl, log: quiet });
  const port = () => createOctokitPort(octokit(), REPO, { appSlug: "orchestrator" });
  const sent = () => gh.requests.entries.map((e) => `${e.route.replace("/repos/{owner}/{repo}", "")} ${e.status}`);
  const byName = (runs: CheckRunSnapshot[]) => [...runs].sort((a, b) => `${a.appSlug}/${a.name}`.localeCompare(`${b.appSlug}/${b.name}`));
  const byContext = (statuses: CommitStatusSnapshot[]) => [...statuses].sort((a, b) => a.context.localeCompare(b.context));

  beforeAll(async () => {
    gh = await startStandIn({
      ...REPO,
      seed: (dir) => writeFiles(dir, { "README.md": "# reads\n" }),
      app: { id: 1, slug: "orchestrator", installationId: 7, webhookSecret: "s" },
      users: [{ login: "alice", permission: "admin" }],
      // Another app's check run on every push (app "stand-in-ci").
      ci: { command: "exit 1", name: "ci/test" },
    });
  });
  afterAll(async () => {
    const violations = [...gh.violations];
    await gh.close();
    expect(violations).toEqual([]);
  });

  /** A commit status posted by a person (`POST /statuses/{sha}`). */
  async function postStatus(sha: string, context: string, state: string) {
    const response = await fetch(`${gh.apiUrl}/repos/${REPO.owner}/${REPO.repo}/statuses/${sha}`, {
      method: "POST",
      headers: { authorization: `token ${gh.as("alice").token}`, "content-type": "application/json" },
      body: JSON.stringify({ state, context, target_url: `https://ci.example/${context}` }),
    });
    expect(response.status).toBe(201);
  }

  it("answers in one request what listCheckRuns and listCommitStatuses answer in two: our runs, another app's, a re-run and statuses", async () => {
    const sha = await gh.as("alice").pushCommit("feature/checks", { "a.txt": "a\n" }, "checks");
    await gh.idle();
    const p = port();
    await p.upsertCheckRun({ name: "orchestrator/review", headSha: sha, status: "in_progress", title: "Review", summary: "running" });
    // A re-run: a second run of the same name; only the latest counts.
    const o = octokit();
    await o.rest.checks.create({ ...REPO, name: "orchestrator/lint", head_sha: sha, status: "completed", conclusion: "failure", output: { title: "t", summary: "s" } });
    await o.rest.checks.create({ ...REPO, name: "orchestrator/lint", head_sha: sha, status: "completed", conclusion: "success", output: { title: "t", summary: "s" } });
    await postStatus(sha, "legacy/ci", "pending");
    await postStatus(sha, "legacy/ci", "success");
    await postStatus(sha, "deploy", "error");

    gh.requests.reset();
    const checks = await port().listChecks(sha);
    expect(sent()).toEqual(["POST /graphql 200"]);

    expect(byName(checks.runs).map((r) => [r.appSlug, r.name, r.status, r.conclusion])).toEqual([
      ["orchestrator", "orchestrator/lint", "completed", "success"],
      ["orchestrator", "orchestrator/review", "in_progress", null],
      ["stand-in-ci", "ci/test", "completed", "failure"],
    ]);
    expect(byContext(checks.statuses)).toEqual([
      { context: "deploy", state: "error", targetUrl: "https://ci.example/deploy" },
      { context: "legacy/ci", state: "success", targetUrl: "https://ci.example/legacy/ci" },
    ]);
    const rest = port();
    expect(byName(checks.runs)).toEqual(byName(await rest.listCheckRuns(sha)));
    expect(byContext(checks.statuses)).toEqual(byContext(await rest.listCommitStatuses(sha)));
  });

  it("remembers our runs it listed: updating our check run afterwards needs no listing", async () => {
    const sha = await gh.as("alice").pushCommit("feature/upsert", { "b.txt": "b\n" }, "upsert");
    await port().upsertCheckRun({ name: "orchestrator/review", headSha: sha, status: "in_progress", title: "Review", summary: "running" });
    const p = port();
    await p.listChecks(sha);
    gh.requests.reset();
    await p.upsertCheckRun({ name: "orchestrator/review", headSha: sha, status: "completed", conclusion: "success", title: "Review", summary: "done" });
    expect(sent()).toEqual(["PATCH /check-runs/{check_run_id} 200"]);
  });

  it("pages through a suite of more than 100 check runs", async () => {
    const sha = await gh.as("alice").pushCommit("feature/many", { "c.txt": "c\n" }, "many runs");
    const o = octokit();
    for (let i = 0; i < 102; i++) {
      await o.rest.checks.create({ ...REPO, name: `matrix/${String(i).padStart(3, "0")}`, head_sha: sha, status: "completed", conclusion: "success", output: { title: "t", summary: "s" } });
    }
    await gh.idle();
    gh.requests.reset();
    const checks = await port().listChecks(sha);
    // One request for the commit (its first 100 runs of our suite), one for the rest of our suite.
    expect(sent()).toEqual(["POST /graphql 200", "POST /graphql 200"]);
    const ours = checks.runs.filter((r) => r.appSlug === "orchestrator").map((r) => r.name);
    expect(new Set(ours).size).toBe(102);
    expect(checks.runs.filter((r) => r.appSlug === "stand-in-ci").map((r) => r.name)).toEqual(["ci/test"]);
    expect(checks.statuses).toEqual([]);
  });

  it("a branch name is read by the two REST requests", async () => {
    const sha = await gh.as("alice").pushCommit("feature/by-name", { "e.txt": "e\n" }, "by name");
    await gh.idle();
    gh.requests.reset();
    const checks = await port().listChecks("feature/by-name");
    expect(sent()).toEqual(["GET /commits/{ref}/check-runs 200", "GET /commits/{ref}/status 200"]);
    expect(checks.runs.map((r) => [r.appSlug, r.name, r.headSha])).toEqual([["stand-in-ci", "ci/test", sha]]);
  });

  it("a commit GitHub does not know has no checks", async () => {
    gh.requests.reset();
    expect(await port().listChecks("0123456789abcdef0123456789abcdef01234567")).toEqual({ runs: [], statuses: [] });
    expect(sent()).toEqual(["POST /graphql 200"]);
    // Counted as a read (the benchmark's writes per item leave GraphQL queries out).
    expect(gh.requests.entries.map((e) => e.operation)).toEqual(["query"]);
  });

  it("reads an issue and all its comments in one request per 100 comments, as getIssue and listComments map them", async () => {
    const alice = gh.as("alice");
    const number = await alice.openIssue({ title: "Many comments", body: "the body", labels: ["bug"] });
    const p0 = port();
    await p0.upsertComment(number, "<!-- status -->", "<!-- status -->\nready");
    for (let i = 0; i < 101; i++) await alice.comment(number, `comment ${i}`);
    await alice.closeIssue(number, "not_planned");
    await gh.idle();

    gh.requests.reset();
    const p = port();
    const read = await p.getIssueWithComments(number);
    expect(sent()).toEqual(["POST /graphql 200", "POST /graphql 200"]);
    expect(read).not.toBeNull();
    const rest = port();
    expect(read!.issue).toEqual(await rest.getIssue(number));
    expect(read!.comments).toEqual(await rest.listComments(number));
    expect(read!.issue).toMatchObject({ state: "closed", stateReason: "not_planned", labels: ["bug"], author: { login: "alice", type: "User" }, isPullRequest: false });
    expect(read!.comments).toHaveLength(102);
    expect(read!.comments[0]!.author).toEqual({ login: "orchestrator[bot]", type: "Bot" });

    // The comments read are the port's listing: finding and editing the status comment lists nothing.
    gh.requests.reset();
    expect((await p.findComment(number, "<!-- status -->"))?.body).toBe("<!-- status -->\nready");
    await p.upsertComment(number, "<!-- status -->", "<!-- status -->\nin progress");
    expect(sent()).toEqual(["PATCH /issues/comments/{comment_id} 200"]);
  });

  it("carries the relation counts as getIssue does", async () => {
    const alice = gh.as("alice");
    const parent = await alice.openIssue({ title: "Epic" });
    const child = await alice.openIssue({ title: "Child" });
    const blocker = await alice.openIssue({ title: "Blocker" });
    await alice.addSubIssue(parent, child);
    await alice.addBlockedBy(parent, blocker);
    const read = await port().getIssueWithComments(parent);
    expect(read!.issue.relations).toEqual({ subIssues: 1, blockedBy: 1 });
    expect(read!.issue).toEqual(await port().getIssue(parent));
    expect(read!.comments).toEqual([]);
  });

  it("a GitHub without issue dependencies (an older GitHub Enterprise Server): read again without the relation counts, once per port", async () => {
    const number = await gh.as("alice").openIssue({ title: "On an older server" });
    await gh.as("alice").comment(number, "hello");
    // GitHub's answer to a document naming a field its schema lacks: 200 with an undefinedField error.
    const o = octokit();
    const refused: string[] = [];
    o.hook.wrap("request", async (request, options) => {
      const query = String((options as { query?: unknown }).query ?? "");
      if (!/graphql$/.test(String(options.url)) || !query.includes("issueDependenciesSummary")) return request(options);
      refused.push("issueDependenciesSummary");
      const error = { message: "Field 'issueDependenciesSummary' doesn't exist on type 'Issue'", extensions: { code: "undefinedField", typeName: "Issue", fieldName: "issueDependenciesSummary" } };
      return { status: 200, url: String(options.url), headers: {}, data: { errors: [error] } };
    });
    const p = createOctokitPort(o, REPO);
    const read = await p.getIssueWithComments(number);
    expect(read!.issue.relations).toBeUndefined();
    const { relations: _relations, ...rest } = (await port().getIssue(number))!;
    expect(read!.issue).toEqual(rest);
    expect(read!.comments.map((c) => c.body)).toEqual(["hello"]);
    await p.getIssueWithComments(number);
    expect(refused).toEqual(["issueDependenciesSummary"]);
  });

  it("a pull request's number gives the pull request as an issue, with its conversation comments", async () => {
    const alice = gh.as("alice");
    await alice.pushCommit("feature/pr", { "d.txt": "d\n" }, "pr");
    const pr = await alice.openPullRequest({ head: "feature/pr", title: "A change", body: "please" });
    await alice.comment(pr, "looks good");
    const read = await port().getIssueWithComments(pr);
    expect(read!.issue).toMatchObject({ number: pr, isPullRequest: true, title: "A change", state: "open" });
    // As getIssue maps it, but for GraphQL's own node id (the pull request's) and no relation counts.
    const { nodeId: _issueNodeId, relations: _relations, ...rest } = (await port().getIssue(pr))!;
    expect(read!.issue).toEqual({ ...rest, nodeId: (await port().getPullRequest(pr))!.nodeId });
    expect(read!.comments).toEqual(await port().listComments(pr));
    expect(read!.comments.map((c) => c.body)).toEqual(["looks good"]);
  });

  it("a number that names nothing is null, in one request", async () => {
    gh.requests.reset();
    expect(await port().getIssueWithComments(9999)).toBeNull();
    expect(sent()).toEqual(["POST /graphql 200"]);
  });
});
