/**
 * Marker comments (src/github/octokit/comments.ts, port.ts UpsertCommentOptions) against the
 * stand-in: issue #9's "Two replicas safe" (one comment per marker, the oldest wins) at the cost
 * its "A request budget" allows. A plain create does not list the comments again; a duplicate that
 * another writer made meanwhile is deleted at the next lookup of the marker; only an eager upsert
 * (the status comment, `keepTheirs`) lists them again at once. "Another writer" is a second Octokit
 * with the same installation token: another replica of the app.
 */
import { describe, expect, it } from "vitest";
import { useRepoStandIn } from "../support/repo-stand-in.js";

describe("marker comments: one per marker, duplicates cleaned up lazily", { timeout: 60_000 }, () => {
  const REPO = { owner: "acme", repo: "notes" };
  const repo = useRepoStandIn(REPO.repo);
  const client = repo.client;
  const port = repo.port;
  /** Routes the code under test sent since the last reset, as "METHOD /issues/...". */
  const sent = () => repo.gh.requests.entries.map((e) => e.route.replace("/repos/{owner}/{repo}", ""));
  const LIST = "GET /issues/{issue_number}/comments";
  const CREATE = "POST /issues/{issue_number}/comments";
  const DELETE = "DELETE /issues/comments/{comment_id}";
  const left = (issue: number, marker: string) =>
    [...repo.gh.state.comments.values()].filter((c) => c.issueNumber === issue && c.body.includes(marker)).map((c) => ({ id: c.id, body: c.body }));
  /** Another replica creating the marker comment directly (its own list read earlier showed none). */
  const otherReplicaCreates = async (issue: number, body: string) => (await client().rest.issues.createComment({ ...REPO, issue_number: issue, body })).data.id;

  it("creating a comment costs one listing and one create: the comments are not listed again", async () => {
    const issue = await repo.gh.as("alice").openIssue({ title: "reply" });
    const marker = "<!-- orchestrator:test-reply -->";
    repo.gh.requests.reset();
    const result = await port().upsertComment(issue, marker, `${marker}\nhello`);
    expect(result).toEqual({ id: expect.any(Number), created: true, updated: false });
    expect(sent()).toEqual([LIST, CREATE]);
    expect(left(issue, marker).map((c) => c.id)).toEqual([result.id]);
  });

  it("a duplicate made by another replica is deleted at the next lookup of the marker; the oldest is kept", async () => {
    const issue = await repo.gh.as("alice").openIssue({ title: "race" });
    const marker = "<!-- orchestrator:test-race -->";
    const mine = await port().upsertComment(issue, marker, `${marker}\nmine`);
    const theirs = await otherReplicaCreates(issue, `${marker}\ntheirs`);
    expect(left(issue, marker).map((c) => c.id)).toEqual([mine.id, theirs]);

    repo.gh.requests.reset();
    const found = await port().findComment(issue, marker);
    expect(found).toMatchObject({ id: mine.id, body: `${marker}\nmine` });
    expect(sent()).toEqual([LIST, DELETE]);
    expect(left(issue, marker)).toEqual([{ id: mine.id, body: `${marker}\nmine` }]);

    // Without a duplicate, a lookup costs the listing alone.
    repo.gh.requests.reset();
    expect((await port().findComment(issue, marker))?.id).toBe(mine.id);
    expect(sent()).toEqual([LIST]);
  });

  it("the same port forgets the duplicate it deleted; another marker's comments are left alone", async () => {
    const issue = await repo.gh.as("alice").openIssue({ title: "two markers" });
    const [a, b] = ["<!-- orchestrator:test-a -->", "<!-- orchestrator:test-b -->"];
    const first = await otherReplicaCreates(issue, `${a}\none`);
    await otherReplicaCreates(issue, `${a}\ntwo`);
    const bOnly = await otherReplicaCreates(issue, `${b}\nonly`);
    const p = port();
    expect((await p.findComment(issue, a))?.id).toBe(first);
    expect((await p.listComments(issue)).map((c) => c.id)).toEqual([first, bOnly]);
    expect(left(issue, b).map((c) => c.id)).toEqual([bOnly]);
  });

  it("an update whose comment another writer deleted as a duplicate goes to the oldest, not to a new comment", async () => {
    const issue = await repo.gh.as("alice").openIssue({ title: "update after cleanup" });
    const marker = "<!-- orchestrator:test-update -->";
    const late = port();
    expect(await late.findComment(issue, marker)).toBeNull(); // its list is read before the others write
    const older = await otherReplicaCreates(issue, `${marker}\nfirst`);
    const newer = await late.upsertComment(issue, marker, `${marker}\nsecond`);
    expect((await port().findComment(issue, marker))?.id).toBe(older); // deletes `newer`
    const result = await late.upsertComment(issue, marker, `${marker}\nthird`);
    expect(result).toEqual({ id: older, created: false, updated: true });
    expect(newer.id).not.toBe(older);
    expect(left(issue, marker)).toEqual([{ id: older, body: `${marker}\nthird` }]);
  });

  it("keepTheirs (the status comment) lists the comments again after creating and reports a comment another writer created first", async () => {
    const issue = await repo.gh.as("alice").openIssue({ title: "status" });
    const marker = "<!-- orchestrator:test-status -->";
    const late = port();
    expect(await late.findComment(issue, marker)).toBeNull();
    const theirs = await otherReplicaCreates(issue, `${marker}\ntheir state`);
    repo.gh.requests.reset();
    const result = await late.upsertComment(issue, marker, `${marker}\nour state`, { keepTheirs: true });
    expect(result).toEqual({ id: theirs, created: false, updated: false, theirs: true });
    expect(sent()).toEqual([CREATE, LIST, DELETE]);
    expect(left(issue, marker)).toEqual([{ id: theirs, body: `${marker}\ntheir state` }]);
  });

  it("two eager writers at once converge on the oldest comment, given the body", async () => {
    const issue = await repo.gh.as("alice").openIssue({ title: "eager race" });
    const marker = "<!-- orchestrator:test-eager -->";
    const [a, b] = await Promise.all([
      port().upsertComment(issue, marker, `${marker}\nsame`, { unique: "eager" }),
      port().upsertComment(issue, marker, `${marker}\nsame`, { unique: "eager" }),
    ]);
    const kept = left(issue, marker);
    expect(kept).toHaveLength(1);
    expect([a.id, b.id]).toEqual([kept[0]!.id, kept[0]!.id]);
  });
});
