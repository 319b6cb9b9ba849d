/**
 * The writes that publish a work item's review in the item write's own request
 * (src/github/octokit/publications.ts, port.ts `publish` and `editItem` `then`; issue #9 "A request
 * budget"): `createCheckRun`, `updateCheckRun` and `addPullRequestReview` as GraphQL mutation
 * fields, against the stand-in's schema slice, which applies them with the same records and
 * webhooks as its REST routes.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { CheckRunSpec, GitHubPort, LabelSpec, Publication } from "../../src/github/port.js";
import { useRepoStandIn } from "../support/repo-stand-in.js";

describe("publications: check runs and the review in one request", { timeout: 60_000 }, () => {
  const repo = useRepoStandIn("publications");
  const sent = () => repo.gh.requests.entries.map((e) => e.route.replace("/repos/{owner}/{repo}", ""));
  let pr: { number: number; nodeId: string; headSha: string };
  const CATALOG: LabelSpec[] = [
    { name: "status/in-progress", color: "1d76db", description: "In progress" },
    { name: "status/in-review", color: "5319e7", description: "In review" },
  ];

  beforeAll(async () => {
    await repo.gh.as("alice").pushCommit("orchestrator/1-work", { "a.txt": "a\n" }, "Work");
    const opened = await repo.port().openOrUpdatePullRequest({ head: "orchestrator/1-work", base: "main", title: "Work", body: "Closes #1" });
    pr = { number: opened.number, nodeId: opened.nodeId!, headSha: opened.headSha };
    await repo.port().ensureLabels(CATALOG);
  });

  const check = (name: string, over: Partial<CheckRunSpec> = {}): Publication => ({
    kind: "checkRun",
    spec: { name, headSha: pr.headSha, status: "completed", conclusion: "success", title: `${name} passed`, summary: "all good", ...over },
  });
  const review = (marker: string, absent = true): Publication => ({
    kind: "review",
    pr: { number: pr.number, nodeId: pr.nodeId },
    review: { commitId: pr.headSha, event: "COMMENT", body: `${marker}\nLooks right.`, marker },
    absent,
  });
  const ours = (name: string) => [...repo.gh.state.checkRuns.values()].filter((r) => r.name === name && r.headSha === pr.headSha && r.app.slug === "orchestrator");
  const reviewsWith = (marker: string) => repo.gh.state.reviews.filter((r) => r.pullNumber === pr.number && r.body.includes(marker));

  /** A port that has read the head's checks (as a review pass has): it knows the repository's node id and our runs. */
  async function readingPort(): Promise<GitHubPort> {
    const port = repo.port();
    await port.listChecks(pr.headSha);
    return port;
  }

  it("two check runs and a review go in one POST /graphql, with GitHub's webhooks, and nothing is sent again when unchanged", async () => {
    const port = await readingPort();
    const deliveries = repo.gh.deliveries.length;
    repo.gh.requests.reset();
    await port.publish([check("orchestrator/review"), check("orchestrator/scope", { conclusion: "failure", annotations: [{ path: "a.txt", startLine: 1, endLine: 1, level: "failure", message: "outside the scope" }] }), review("<!-- rv:1 -->")]);
    expect(sent()).toEqual(["POST /graphql"]);
    expect(ours("orchestrator/review").map((r) => [r.status, r.conclusion])).toEqual([["completed", "success"]]);
    expect(ours("orchestrator/scope").map((r) => [r.conclusion, r.output.annotations_count])).toEqual([["failure", 1]]);
    expect(reviewsWith("<!-- rv:1 -->").map((r) => [r.state, r.user, r.commitId])).toEqual([["COMMENTED", "orchestrator[bot]", pr.headSha]]);
    const events = repo.gh.deliveries.slice(deliveries).map((d) => `${d.event}.${d.action}`);
    expect(events).toEqual(expect.arrayContaining(["check_run.created", "check_run.completed", "pull_request_review.submitted"]));

    // A redelivery: the runs' conclusions are unchanged and the review is there (looked for: not absent).
    repo.gh.requests.reset();
    await port.publish([check("orchestrator/review"), check("orchestrator/scope", { conclusion: "failure" }), review("<!-- rv:1 -->", false)]);
    expect(sent()).toEqual(["GET /pulls/{pull_number}/reviews"]);
    expect(ours("orchestrator/review")).toHaveLength(1);
    expect(reviewsWith("<!-- rv:1 -->")).toHaveLength(1);
  });

  it("a run created pending is updated by its node id, learnt from the create's answer", async () => {
    const port = await readingPort();
    await port.publish([check("orchestrator/pending", { status: "in_progress", conclusion: undefined }), check("orchestrator/other")]);
    repo.gh.requests.reset();
    await port.publish([check("orchestrator/pending"), check("orchestrator/other", { conclusion: "neutral" })]);
    expect(sent()).toEqual(["POST /graphql"]);
    expect(ours("orchestrator/pending").map((r) => [r.status, r.conclusion])).toEqual([["completed", "success"]]);
    expect(ours("orchestrator/other").map((r) => r.conclusion)).toEqual(["neutral"]);
  });

  it("an item's edit carries its publications: one request for the status comment, the labels, the runs and the review", async () => {
    const number = await repo.gh.as("alice").openIssue({ title: "item", labels: ["status/in-progress"] });
    const writer = await readingPort();
    await writer.upsertComment(number, "<!-- status -->", "<!-- status -->\nin progress");
    const issue = (await writer.readWorkItems({ thread: number, labels: [] })).thread!;
    const comment = (await writer.findComment(number, "<!-- status -->"))!;
    repo.gh.requests.reset();
    const done = await writer.editItem(issue, { comment, body: "<!-- status -->\nin review", add: ["status/in-review"], remove: ["status/in-progress"] }, CATALOG, [check("orchestrator/item"), review("<!-- rv:item -->")]);
    expect(done).toEqual({ comment: true, labels: true });
    expect(sent()).toEqual(["POST /graphql"]);
    expect(repo.gh.state.comments.get(comment.id)!.body).toBe("<!-- status -->\nin review");
    expect(repo.gh.state.issues.get(number)!.labels).toEqual(["status/in-review"]);
    expect(ours("orchestrator/item")).toHaveLength(1);
    expect(reviewsWith("<!-- rv:item -->")).toHaveLength(1);
  });

  it("an item write with nothing to change still sends its publications, as one request", async () => {
    const number = await repo.gh.as("alice").openIssue({ title: "unchanged" });
    const writer = await readingPort();
    await writer.upsertComment(number, "<!-- status -->", "<!-- status -->\nsame");
    const issue = (await writer.getIssue(number))!;
    const comment = (await writer.findComment(number, "<!-- status -->"))!;
    repo.gh.requests.reset();
    await writer.editItem(issue, { comment, body: comment.body, add: [], remove: [] }, undefined, [check("orchestrator/u1"), check("orchestrator/u2")]);
    expect(sent()).toEqual(["POST /graphql"]);
    expect([ours("orchestrator/u1").length, ours("orchestrator/u2").length]).toEqual([1, 1]);
  });

  it("a document whose answer was lost is looked for, not sent again: no second run or review", async () => {
    const port = await readingPort();
    repo.gh.setFaults({ rate: 1, seed: 3, kinds: ["lost-response"], max: 1, routes: /graphql/ });
    try {
      await port.publish([check("orchestrator/lost"), review("<!-- rv:lost -->")]);
    } finally {
      repo.gh.setFaults(undefined);
    }
    expect(ours("orchestrator/lost")).toHaveLength(1);
    expect(reviewsWith("<!-- rv:lost -->")).toHaveLength(1);
  });

  it("a field GitHub refuses rejects after the document ran: the fields after it were applied", async () => {
    const port = await readingPort();
    const closedPr: Publication = { kind: "review", pr: { number: pr.number, nodeId: "PR_nosuch" }, review: { commitId: pr.headSha, event: "COMMENT", body: "<!-- rv:x -->\nx", marker: "<!-- rv:x -->" }, absent: true };
    await expect(port.publish([closedPr, check("orchestrator/after-refusal")])).rejects.toMatchObject({ errors: [expect.objectContaining({ path: ["p0"] })] });
    expect(ours("orchestrator/after-refusal")).toHaveLength(1);
  });

  it("without a node id the document needs (a pull request snapshot without one) the publications go through REST, in order", async () => {
    const port = await readingPort();
    repo.gh.requests.reset();
    const withoutId: Publication = { kind: "review", pr: { number: pr.number }, review: { commitId: pr.headSha, event: "COMMENT", body: "<!-- rv:rest -->\nby REST", marker: "<!-- rv:rest -->" }, absent: true };
    await port.publish([check("orchestrator/rest"), withoutId]);
    expect(sent()).toEqual(["POST /check-runs", "POST /pulls/{pull_number}/reviews"]);
    expect(ours("orchestrator/rest")).toHaveLength(1);
    expect(reviewsWith("<!-- rv:rest -->")).toHaveLength(1);
  });
});
