/**
 * A work item's write in one request (src/github/octokit/comments.ts `editItem` and
 * `createItemComment`, port.ts): the status comment edit (or create) and the label changes as one
 * GraphQL document, against the stand-in's
 * GitHub GraphQL schema slice (issue #9 "A request budget": one label write per transition, at most
 * one status-comment edit per event).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOctokitPort } from "../../src/github/octokit-port.js";
import type { LabelSpec } from "../../src/github/port.js";
import { harnessOctokit, writeFiles } from "../support/app-harness.js";
import { startStandIn, type StandIn } from "../support/standin/index.js";

describe("editItem: the status comment and the labels in one request", { timeout: 60_000 }, () => {
  let gh: StandIn;
  const REPO = { owner: "acme", repo: "items" };
  const Octokit = harnessOctokit();
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const port = () => createOctokitPort(new Octokit({ auth: { token: gh.installationToken() }, baseUrl: gh.apiUrl, log: quiet }), REPO);
  const sent = () => gh.requests.entries.map((e) => e.route.replace("/repos/{owner}/{repo}", ""));
  const CATALOG: LabelSpec[] = [
    { name: "status/ready", color: "0e8a16", description: "Ready" },
    { name: "status/in-progress", color: "1d76db", description: "In progress" },
  ];

  beforeAll(async () => {
    gh = await startStandIn({
      ...REPO,
      seed: (dir) => writeFiles(dir, { "README.md": "# items\n" }),
      app: { id: 1, slug: "orchestrator", installationId: 7, webhookSecret: "s" },
      users: [{ login: "alice", permission: "admin" }],
    });
    await port().ensureLabels(CATALOG);
  });
  afterAll(async () => {
    const violations = [...gh.violations];
    await gh.close();
    expect(violations).toEqual([]);
  });

  /** An issue labelled ready with a bot status comment, read back through the port. */
  async function item(title: string) {
    const number = await gh.as("alice").openIssue({ title, labels: ["status/ready", "track/standard"] });
    const p = port();
    await p.upsertComment(number, "<!-- status -->", "<!-- status -->\nready");
    const issue = (await p.getIssue(number))!;
    const comment = (await p.findComment(number, "<!-- status -->"))!;
    return { number, issue, comment };
  }

  it("edits the comment, adds and removes labels with one POST /graphql, and GitHub's webhooks follow", async () => {
    const { number, issue, comment } = await item("one request");
    const deliveries = gh.deliveries.length;
    gh.requests.reset();
    const done = await port().editItem(issue, { comment, body: "<!-- status -->\nin progress", add: ["status/in-progress"], remove: ["status/ready"] }, CATALOG);
    expect(done).toEqual({ comment: true, labels: true });
    expect(sent()).toEqual(["POST /graphql"]);
    expect(gh.state.comments.get(comment.id)!.body).toBe("<!-- status -->\nin progress");
    expect([...gh.state.issues.get(number)!.labels].sort()).toEqual(["status/in-progress", "track/standard"]);
    const events = gh.deliveries.slice(deliveries).map((d) => `${d.event}.${d.action}`);
    expect(events).toEqual(["issue_comment.edited", "issues.labeled", "issues.unlabeled"]);
  });

  it("creates the status comment with its labels in one POST /graphql, which also reads the comments that settle duplicates", async () => {
    const number = await gh.as("alice").openIssue({ title: "new item", labels: ["track/standard"] });
    const issue = (await port().getIssue(number))!;
    gh.requests.reset();
    const writer = port();
    const done = await writer.createItemComment(issue, "<!-- status -->", "<!-- status -->\nready", { add: ["status/ready"], remove: [] }, CATALOG);
    expect(done).toEqual({ id: expect.any(Number), created: true, updated: false, labels: true });
    expect(sent()).toEqual(["POST /graphql"]);
    // The comments the create read are the port's listing of the issue: finding the comment costs nothing.
    expect((await writer.findComment(number, "<!-- status -->"))?.id).toBe(done.id);
    expect(sent()).toEqual(["POST /graphql"]);
    expect(gh.state.comments.get(done.id)).toMatchObject({ issueNumber: number, body: "<!-- status -->\nready", user: "orchestrator[bot]" });
    expect([...gh.state.issues.get(number)!.labels].sort()).toEqual(["status/ready", "track/standard"]);
  });

  it("a status comment another writer created first is kept as theirs; ours is deleted", async () => {
    const number = await gh.as("alice").openIssue({ title: "raced" });
    const issue = (await port().getIssue(number))!;
    const theirs = await port().upsertComment(number, "<!-- status -->", "<!-- status -->\ntheirs");
    gh.requests.reset();
    const done = await port().createItemComment(issue, "<!-- status -->", "<!-- status -->\nours", { add: [], remove: [] }, CATALOG);
    expect(done).toMatchObject({ id: theirs.id, theirs: true });
    expect(sent()).toEqual(["POST /graphql", "DELETE /issues/comments/{comment_id}"]);
    expect([...gh.state.comments.values()].filter((c) => c.issueNumber === number).map((c) => c.body)).toEqual(["<!-- status -->\ntheirs"]);
  });

  it("writes nothing when the comment and the labels are already as asked", async () => {
    const { issue, comment } = await item("no change");
    gh.requests.reset();
    expect(await port().editItem(issue, { comment, body: comment.body, add: ["status/ready"], remove: ["status/in-progress"] }, CATALOG)).toEqual({ comment: false, labels: false });
    expect(sent()).toEqual([]);
  });

  it("a status comment deleted meanwhile is reported gone; the label changes still land", async () => {
    const { number, issue, comment } = await item("deleted");
    gh.state.comments.delete(comment.id);
    gh.requests.reset();
    const done = await port().editItem(issue, { comment, body: "<!-- status -->\nin progress", add: ["status/in-progress"], remove: ["status/ready"] }, CATALOG);
    expect(done).toEqual({ comment: false, labels: true, gone: true });
    expect(sent()).toEqual(["POST /graphql"]);
    expect([...gh.state.issues.get(number)!.labels].sort()).toEqual(["status/in-progress", "track/standard"]);
  });

  it("a label re-created under a new id since this process learnt it: the labels still land, through REST, and its id is learnt again", async () => {
    const { number, issue, comment } = await item("re-created label");
    // A person deletes `status/in-progress` and creates it again: GitHub gives it a new node id.
    const label = gh.state.labels.get("status/in-progress")!;
    label.id += 1_000_000_000;
    gh.requests.reset();
    const done = await port().editItem(issue, { comment, body: "<!-- status -->\nin progress", add: ["status/in-progress"], remove: ["status/ready"] }, CATALOG);
    expect(done).toEqual({ comment: true, labels: true });
    expect(sent().filter((r) => !r.startsWith("GET "))).toEqual(["POST /graphql", "POST /issues/{issue_number}/labels", "DELETE /issues/{issue_number}/labels/{name}"]);
    expect(gh.state.comments.get(comment.id)!.body).toBe("<!-- status -->\nin progress");
    expect([...gh.state.issues.get(number)!.labels].sort()).toEqual(["status/in-progress", "track/standard"]);
  });

  it("a label outside the catalog that the repository lacks falls back to REST, which creates it", async () => {
    const { number, issue, comment } = await item("fallback");
    gh.requests.reset();
    const done = await port().editItem(issue, { comment, body: "<!-- status -->\nheld", add: ["someone-else"], remove: [] }, CATALOG);
    expect(done).toEqual({ comment: true, labels: true });
    expect(sent().filter((r) => !r.startsWith("GET "))).toEqual(["PATCH /issues/comments/{comment_id}", "POST /issues/{issue_number}/labels"]);
    expect(gh.state.issues.get(number)!.labels).toContain("someone-else");
  });
});
