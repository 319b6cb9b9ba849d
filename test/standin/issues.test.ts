import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StandIn } from "../support/standin/index.js";
import { appOctokit, repo, standInWith, startReceiver, type ReceivedWebhook } from "./helpers.js";

describe("stand-in: issues, labels, comments, webhooks", () => {
  let standIn: StandIn;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    standIn = await standInWith({
      files: { "README.md": "# widgets\n", ".github/orchestrator.yml": "tracks:\n  - backend\n" },
    });
    standIn.setWebhookUrl(receiver.url);
  });
  afterAll(async () => {
    await standIn.close();
    await receiver.close();
  });

  const since = (n: number): ReceivedWebhook[] => receiver.received.slice(n);

  it("a person opens and labels an issue, the app comments; webhooks are signed and carry the sender", async () => {
    const start = receiver.received.length;
    const n = await standIn.as("alice").openIssue({ title: "Add search", body: "We need search", labels: ["type: feature"] });
    const octokit = appOctokit(standIn);
    await standIn.idle();

    const { data: issue } = await octokit.rest.issues.get({ ...repo, issue_number: n });
    expect(issue.title).toBe("Add search");
    expect(issue.user?.login).toBe("alice");
    expect(issue.labels.map((l) => (typeof l === "string" ? l : l.name))).toEqual(["type: feature"]);

    await octokit.rest.issues.addLabels({ ...repo, issue_number: n, labels: ["status: triaged"] });
    const { data: comment } = await octokit.rest.issues.createComment({ ...repo, issue_number: n, body: "<!-- marker -->\nTriaged" });
    expect(comment.user?.login).toBe("orchestrator[bot]");
    expect(comment.user?.type).toBe("Bot");
    await octokit.rest.issues.updateComment({ ...repo, comment_id: comment.id, body: "<!-- marker -->\nTriaged again" });
    await standIn.as("alice").removeLabel(n, "type: feature");
    await standIn.as("bob").comment(n, "/approve");
    await standIn.idle();

    const got = since(start);
    expect(got.every((w) => w.signatureValid)).toBe(true);
    expect(got.map((w) => `${w.event}.${w.action} ${w.payload.sender.login}`)).toEqual([
      "label.created alice",
      "issues.opened alice",
      "issues.labeled alice",
      "label.created orchestrator[bot]",
      "issues.labeled orchestrator[bot]",
      "issue_comment.created orchestrator[bot]",
      "issue_comment.edited orchestrator[bot]",
      "issues.unlabeled alice",
      "issue_comment.created bob",
    ]);
    const labeled = got.find((w) => w.event === "issues" && w.action === "labeled" && w.payload.sender.login === "orchestrator[bot]")!;
    expect(labeled.payload.label.name).toBe("status: triaged");
    expect(labeled.payload.installation.id).toBe(777);
    expect(labeled.payload.repository.full_name).toBe("acme/widgets");
    const edited = got.find((w) => w.action === "edited")!;
    expect(edited.payload.changes.body.from).toBe("<!-- marker -->\nTriaged");
    expect(new Set(got.map((w) => w.deliveryId)).size).toBe(got.length);

    expect(standIn.state.issues.get(n)!.labels).toEqual(["status: triaged"]);
    expect(standIn.requests.byItem.get(n)).toBeGreaterThanOrEqual(4);
    expect(standIn.requests.byRoute.get("POST /repos/{owner}/{repo}/issues/{issue_number}/comments")).toBe(1);
    expect(standIn.violations).toEqual([]);
  });

  it("redelivers a webhook with the same delivery id", async () => {
    const last = standIn.deliveries.at(-1)!;
    const start = receiver.received.length;
    standIn.redeliver(last.id);
    await standIn.idle();
    const again = since(start);
    expect(again).toHaveLength(1);
    expect(again[0]!.deliveryId).toBe(last.id);
    expect(again[0]!.payload).toEqual(last.payload);
  });

  it("serves config from contents (raw and JSON), 404 for the org .github repo and missing files", async () => {
    const octokit = appOctokit(standIn);
    const raw = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { ...repo, path: ".github/orchestrator.yml", mediaType: { format: "raw" } });
    expect(String(raw.data)).toContain("backend");
    const { data } = await octokit.rest.repos.getContent({ ...repo, path: ".github/orchestrator.yml" });
    expect(Buffer.from((data as { content: string }).content, "base64").toString()).toBe("tracks:\n  - backend\n");
    await expect(octokit.rest.repos.getContent({ owner: "acme", repo: ".github", path: ".github/orchestrator.yml" })).rejects.toMatchObject({ status: 404 });
    await expect(octokit.rest.repos.getContent({ ...repo, path: "nope.txt" })).rejects.toMatchObject({ status: 404 });
    expect(standIn.violations).toEqual([]);
  });

  it("answers permissions, team membership and users like GitHub", async () => {
    const octokit = appOctokit(standIn);
    const alice = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: "alice" });
    expect(alice.data.permission).toBe("write");
    expect(alice.data.role_name).toBe("maintain");
    const mallory = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: "mallory" });
    expect(mallory.data.permission).toBe("none");
    await expect(octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: "ghost" })).rejects.toMatchObject({ status: 404 });
    await expect(octokit.rest.teams.getMembershipForUserInOrg({ org: "acme", team_slug: "maintainers", username: "alice" })).resolves.toMatchObject({ data: { state: "active" } });
    await expect(octokit.rest.teams.getMembershipForUserInOrg({ org: "acme", team_slug: "maintainers", username: "bob" })).rejects.toMatchObject({ status: 404 });
    // A person without triage rights cannot label.
    const n = await standIn.as("mallory").openIssue({ title: "Please", labels: ["priority: high"] });
    expect(standIn.state.issues.get(n)!.labels).toEqual([]);
    await expect(standIn.as("mallory").addLabels(n, ["priority: high"])).rejects.toThrow(/403/);
    expect(standIn.violations).toEqual([]);
  });

  it("paginates with Link headers that octokit.paginate follows", async () => {
    const octokit = appOctokit(standIn);
    for (let i = 0; i < 7; i++) await octokit.rest.issues.create({ ...repo, title: `bulk ${i}`, labels: ["bulk"] });
    const first = await octokit.rest.issues.listForRepo({ ...repo, labels: "bulk", per_page: 3 });
    expect(first.data).toHaveLength(3);
    expect(first.headers.link).toMatch(/rel="next"/);
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, labels: "bulk", per_page: 3 });
    expect(all.map((i) => i.title).sort()).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `bulk ${i}`));
    expect(standIn.violations).toEqual([]);
  });

  it("sub-issues and blocked-by dependencies", async () => {
    const alice = standIn.as("alice");
    const parent = await alice.openIssue({ title: "Epic" });
    const child = await alice.openIssue({ title: "Part" });
    const blocker = await alice.openIssue({ title: "Blocker" });
    await alice.addSubIssue(parent, child);
    await alice.addBlockedBy(child, blocker);
    const octokit = appOctokit(standIn);
    const subs = await octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues", { ...repo, issue_number: parent });
    expect(subs.data.map((i: { number: number }) => i.number)).toEqual([child]);
    const blockedBy = await octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by", { ...repo, issue_number: child });
    expect(blockedBy.data.map((i: { number: number }) => i.number)).toEqual([blocker]);
    await standIn.idle();
    const events = receiver.received.filter((w) => w.event === "sub_issues" || w.event === "issue_dependencies").map((w) => `${w.event}.${w.action}`);
    expect(events).toEqual(["sub_issues.sub_issue_added", "sub_issues.parent_issue_added", "issue_dependencies.blocked_by_added", "issue_dependencies.blocking_added"]);
    expect(standIn.violations).toEqual([]);
  });

  it("records a failed delivery in the timeline instead of throwing", async () => {
    standIn.setWebhookUrl("http://127.0.0.1:9/unreachable");
    try {
      const n = await standIn.as("alice").openIssue({ title: "Nobody listens" });
      await standIn.idle();
      const failed = standIn.timeline.filter((e) => e.kind === "webhook-failed" && e.item === n);
      expect(failed.map((e) => e.event)).toEqual(["issues"]);
      expect(standIn.deliveries.at(-1)!.error).toBeTruthy();
      expect(standIn.formatTimeline()).toContain("issues.opened #" + n);
    } finally {
      standIn.setWebhookUrl(receiver.url);
    }
  });

  it("records unknown routes and bodies that break the OpenAPI description, and fails the call", async () => {
    const octokit = appOctokit(standIn);
    await expect(octokit.request("GET /repos/{owner}/{repo}/no-such-thing", repo)).rejects.toMatchObject({ status: 404 });
    await expect(
      octokit.request("POST /repos/{owner}/{repo}/issues", { ...repo, body: "no title" } as never),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { ...repo, issue_number: 1, state: "merged" } as never),
    ).rejects.toMatchObject({ status: 422 });
    expect(standIn.violations).toHaveLength(3);
    expect(standIn.violations[0]).toMatch(/no-such-thing/);
    expect(standIn.violations[1]).toMatch(/title/);
    expect(standIn.violations[2]).toMatch(/state/);
    standIn.violations.length = 0;
  });
});
