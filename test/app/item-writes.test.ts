import { describe, expect, it } from "vitest";
import { itemWrites, StaleItemError, type StagedItem } from "../../src/app/item-writes.js";
import { STATUS_MARKER } from "../../src/domain/item/markers.js";
import type { CommentSnapshot, GitHubPort, IssueSnapshot, Publication } from "../../src/github/port.js";

/** The publications of a write, as the log shows them: `checkRun:<name>` or `review`. */
const kinds = (publications: readonly Publication[]) => publications.map((p) => (p.kind === "checkRun" ? `checkRun:${p.spec.name}` : "review")).join(",");

/** A check run publication named `name` on head `abc`. */
const checkRun = (name: string): Publication => ({ kind: "checkRun", spec: { name, headSha: "abc", status: "completed", conclusion: "success", title: name, summary: "" } });

/**
 * A port over a tiny in-memory repository: issues with labels, comments, and a log of every call,
 * so a test sees which writes were sent, in which order, and what the reads answered.
 */
function memoryPort() {
  const log: string[] = [];
  const issues = new Map<number, IssueSnapshot>();
  const comments = new Map<number, CommentSnapshot & { issue: number }>();
  let nextId = 100;
  const issue = (number: number, labels: string[]): IssueSnapshot => ({
    number,
    title: `Item ${number}`,
    body: "",
    state: "open",
    stateReason: null,
    labels,
    author: { login: "alice", type: "User" },
    createdAt: "2026-01-01T00:00:00Z",
    htmlUrl: "",
    isPullRequest: false,
  });
  const comment = (issueNumber: number, body: string): CommentSnapshot & { issue: number } => ({
    id: nextId++,
    issue: issueNumber,
    body,
    author: { login: "orchestrator[bot]", type: "Bot" },
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
    htmlUrl: "",
  });
  const ofIssue = (n: number) => [...comments.values()].filter((c) => c.issue === n);
  const port = {
    repo: { owner: "acme", repo: "widgets" },
    async getIssue(n: number) {
      log.push(`getIssue ${n}`);
      const found = issues.get(n);
      return found ? { ...found, labels: [...found.labels] } : null;
    },
    async listOpenIssues(labels: string[] = []) {
      log.push(`listOpenIssues ${labels.join(",")}`);
      return [...issues.values()].filter((i) => labels.every((l) => i.labels.includes(l))).map((i) => ({ ...i, labels: [...i.labels] }));
    },
    async listComments(n: number) {
      log.push(`listComments ${n}`);
      return ofIssue(n).map((c) => ({ ...c }));
    },
    async findComment(n: number, marker: string) {
      log.push(`findComment ${n}`);
      return ofIssue(n).find((c) => c.body.includes(marker)) ?? null;
    },
    async getComment(id: number) {
      log.push(`getComment ${id}`);
      const found = comments.get(id);
      return found ? { ...found } : null;
    },
    async upsertComment(n: number, marker: string, body: string) {
      log.push(`upsertComment ${n}`);
      const found = ofIssue(n).find((c) => c.body.includes(marker));
      if (found) {
        found.body = body;
        return { id: found.id, created: false, updated: true };
      }
      const created = comment(n, body);
      comments.set(created.id, created);
      return { id: created.id, created: true, updated: false };
    },
    async applyLabels(n: number, current: string[], change: { add: string[]; remove: string[] }) {
      log.push(`applyLabels ${n} +${change.add.join(",")} -${change.remove.join(",")}`);
      const target = issues.get(n)!;
      target.labels = [...current.filter((l) => !change.remove.includes(l)), ...change.add.filter((l) => !current.includes(l))];
      return change.add.length + change.remove.length > 0;
    },
    async editItem(issueRef: { number: number; labels: string[] }, edit: { comment: CommentSnapshot | null; body: string; add: string[]; remove: string[] }, _catalog?: unknown, then: readonly Publication[] = []) {
      const n = issueRef.number;
      const comment = edit.comment && edit.comment.body !== edit.body ? comments.get(edit.comment.id) : undefined;
      log.push(`editItem ${n}${comment ? " comment" : ""} +${edit.add.join(",")} -${edit.remove.join(",")}${then.length > 0 ? ` then ${kinds(then)}` : ""}`);
      if (comment) comment.body = edit.body;
      const target = issues.get(n)!;
      target.labels = [...issueRef.labels.filter((l) => !edit.remove.includes(l)), ...edit.add.filter((l) => !issueRef.labels.includes(l))];
      return { comment: comment !== undefined, labels: edit.add.length + edit.remove.length > 0 };
    },
    async createItemComment(issueRef: { number: number; labels: string[] }, marker: string, text: string, change: { add: string[]; remove: string[] }) {
      const n = issueRef.number;
      log.push(`createItemComment ${n} +${change.add.join(",")} -${change.remove.join(",")}`);
      const created = comment(n, text);
      comments.set(created.id, created);
      const target = issues.get(n)!;
      target.labels = [...issueRef.labels.filter((l) => !change.remove.includes(l)), ...change.add.filter((l) => !issueRef.labels.includes(l))];
      return { id: created.id, created: true, updated: false, labels: change.add.length + change.remove.length > 0 };
    },
    async publish(publications: readonly Publication[]) {
      log.push(`publish ${kinds(publications)}`);
    },
    async dispatchWorkflow() {
      log.push("dispatchWorkflow");
      return { ok: true };
    },
    async cancelWorkflowRun() {
      log.push("cancelWorkflowRun");
    },
    async addReaction() {
      log.push("addReaction");
    },
    async mergeIfHeadIs(pr: number) {
      log.push(`mergeIfHeadIs ${pr}`);
      return { ok: true, sha: "m1" };
    },
  };
  return { port: port as unknown as GitHubPort, log, issues, comments, issue, comment };
}

const NOW = () => "2026-01-02T00:00:00Z";
const body = (status: string) => `${STATUS_MARKER}\nstatus: ${status}`;

function staged(issue: IssueSnapshot, base: CommentSnapshot | null, labels: string[], status: string): StagedItem {
  return { issue: { ...issue, labels }, base, labelsRead: issue.labels, body: body(status) };
}

/** Item #1 in review with its status comment, read; its approval staged. */
function inReviewItemApproved() {
  const m = memoryPort();
  const one = m.issue(1, ["status/in-review"]);
  m.issues.set(1, one);
  const read = m.comment(1, body("in-review"));
  m.comments.set(read.id, { ...read });
  const w = itemWrites(m.port, [], NOW);
  w.stage(staged(one, read, ["status/approved"], "approved"));
  return { m, one, read, w };
}

describe("item writes: a pass's saves of a work item are coalesced and ordered", () => {
  it("sends two saves of one item as one comment write and one net label change, at the flush", async () => {
    const m = memoryPort();
    const one = m.issue(1, ["status/triage", "track/standard"]);
    m.issues.set(1, one);
    const w = itemWrites(m.port, [], NOW);
    w.stage(staged(one, null, ["status/ready", "track/standard"], "ready"));
    w.stage(staged({ ...one, labels: ["status/ready", "track/standard"] }, null, ["status/in-progress", "track/standard"], "in-progress"));
    expect(m.log).toEqual([]);
    await w.flush();
    // No status comment yet: looked for by marker (the pass's own listing), then created with the labels.
    expect(m.log).toEqual(["findComment 1", "createItemComment 1 +status/in-progress -status/triage"]);
    expect(m.issues.get(1)!.labels.sort()).toEqual(["status/in-progress", "track/standard"]);
    expect([...m.comments.values()].map((c) => c.body)).toEqual([body("in-progress")]);
    expect(w.wrote).toBe(true);
  });

  it("writes the staged item before any other write, so commit points keep their order", async () => {
    const m = memoryPort();
    const one = m.issue(1, ["status/ready"]);
    m.issues.set(1, one);
    const w = itemWrites(m.port, [], NOW);
    w.stage(staged(one, null, ["status/in-progress"], "attempt 1 recorded"));
    await w.port.cancelWorkflowRun(1);
    expect(m.log).toEqual(["findComment 1", "createItemComment 1 +status/in-progress -status/ready", "cancelWorkflowRun"]);
    await w.port.addReaction(5, "+1");
    await w.flush();
    expect(m.log).toHaveLength(4);
  });

  it("a follower goes right after the items staged before and after it, before the write that flushes, once", async () => {
    const m = memoryPort();
    const one = m.issue(1, ["status/in-progress"]);
    m.issues.set(1, one);
    const w = itemWrites(m.port, [], NOW);
    w.stage(staged(one, null, ["status/in-review"], "in review"));
    w.follow([checkRun("orchestrator/review")]);
    // A later save of the item (the queue's position) joins the same write.
    w.stage(staged({ ...one, labels: ["status/in-review"] }, null, ["status/in-review"], "in review, waiting for /approve"));
    expect(m.log).toEqual([]);
    await w.port.cancelWorkflowRun(1);
    // A status comment created: the publications follow in a request of their own.
    expect(m.log).toEqual(["findComment 1", "createItemComment 1 +status/in-review -status/in-progress", "publish checkRun:orchestrator/review", "cancelWorkflowRun"]);
    expect([...m.comments.values()].map((c) => c.body)).toEqual([body("in review, waiting for /approve")]);
    await w.flush();
    expect(m.log).toHaveLength(4);
  });

  it("a later save of an item whose status comment this pass created edits that comment: never a second one", async () => {
    const m = memoryPort();
    const one = m.issue(1, ["status/triage"]);
    m.issues.set(1, one);
    const w = itemWrites(m.port, [], NOW);
    w.stage(staged(one, null, ["status/ready"], "ready"));
    await w.port.cancelWorkflowRun(1);
    // The caller still holds the item as read (no status comment), or as saved (id 0).
    w.stage(staged({ ...one, labels: ["status/ready"] }, null, ["status/blocked"], "blocked"));
    await w.flush();
    const id = [...m.comments.keys()][0];
    expect(m.log.slice(-3)).toEqual(["findComment 1", `getComment ${id}`, "editItem 1 comment +status/blocked -status/ready"]);
    expect([...m.comments.values()].map((c) => c.body)).toEqual([body("blocked")]);
  });

  it("answers reads with the staged state: labels, the status comment, label-filtered issue lists", async () => {
    const m = memoryPort();
    const one = m.issue(1, ["status/triage"]);
    const two = m.issue(2, ["status/ready"]);
    m.issues.set(1, one);
    m.issues.set(2, two);
    const existing = m.comment(2, body("ready"));
    m.comments.set(existing.id, existing);
    const w = itemWrites(m.port, [], NOW);
    w.stage(staged(one, null, ["status/ready"], "ready"));
    w.stage(staged(two, existing, ["status/in-progress"], "in-progress"));
    expect((await w.port.getIssue(1))!.labels).toEqual(["status/ready"]);
    expect((await w.port.findComment(1, STATUS_MARKER))!.body).toBe(body("ready"));
    expect((await w.port.listComments(2)).map((c) => [c.id, c.body])).toEqual([[existing.id, body("in-progress")]]);
    expect((await w.port.getComment(existing.id, 2))!.body).toBe(body("in-progress"));
    expect((await w.port.listOpenIssues(["status/ready"])).map((i) => i.number)).toEqual([1]);
    expect((await w.port.listOpenIssues()).map((i) => [i.number, i.labels])).toEqual([
      [1, ["status/ready"]],
      [2, ["status/in-progress"]],
    ]);
    expect(m.log.some((l) => l.startsWith("create") || l.startsWith("edit"))).toBe(false);
  });

  it("an item whose status comment exists is written with one editItem: comment and labels together, after the lost-update check", async () => {
    const { m, one, read, w } = inReviewItemApproved();
    w.stage(staged({ ...one, labels: ["status/approved"] }, read, ["status/merging"], "merging"));
    await w.flush();
    expect(m.log).toEqual([`getComment ${read.id}`, "editItem 1 comment +status/merging -status/in-review"]);
    expect(m.comments.get(read.id)!.body).toBe(body("merging"));
  });

  it("a status comment changed by another writer poisons the pass: nothing after it is sent", async () => {
    const { m, one, read, w } = inReviewItemApproved();
    // Another replica writes the status comment after this pass read it.
    m.comments.get(read.id)!.body = body("blocked");
    await expect(w.port.cancelWorkflowRun(1)).rejects.toBeInstanceOf(StaleItemError);
    // A caller that swallowed that error cannot write anything else, and the pass's end throws.
    await expect(w.port.cancelWorkflowRun(1)).rejects.toBeInstanceOf(StaleItemError);
    await expect(w.flush()).rejects.toBeInstanceOf(StaleItemError);
    expect(m.log.filter((l) => !l.startsWith("getComment"))).toEqual([]);
    expect(m.comments.get(read.id)!.body).toBe(body("blocked"));
  });

  it("a merge is preceded by the lost-update check, not by the item's write: the landing is one write after it", async () => {
    const { m, one, read, w } = inReviewItemApproved();
    w.stage(staged({ ...one, labels: ["status/approved"] }, read, ["status/merging"], "merging"));
    await w.port.mergeIfHeadIs(2, "abc", "merge");
    expect(m.log).toEqual([`getComment ${read.id}`, "mergeIfHeadIs 2"]);
    // What the merge led to joins the staged record: one item write.
    w.stage(staged({ ...one, labels: ["status/merging"] }, read, ["status/done"], "done"));
    await w.finish();
    expect(m.log.filter((l) => !l.startsWith("getComment"))).toEqual(["mergeIfHeadIs 2", "editItem 1 comment +status/done -status/in-review"]);
    expect(m.comments.get(read.id)!.body).toBe(body("done"));
  });

  it("a dispatch, like a merge, is preceded by the lost-update check, not by the item's write: the attempt and its run are one write after it", async () => {
    const { m, one, read, w } = inReviewItemApproved();
    w.stage(staged({ ...one, labels: ["status/approved"] }, read, ["status/in-progress"], "attempt 2 to be dispatched"));
    await w.port.dispatchWorkflow("worker.yml", "main", { issue: "1", attempt: "2" });
    expect(m.log).toEqual([`getComment ${read.id}`, "dispatchWorkflow"]);
    w.stage(staged({ ...one, labels: ["status/approved"] }, read, ["status/in-progress"], "attempt 2 dispatched as run 7"));
    await w.finish();
    expect(m.log.filter((l) => !l.startsWith("getComment"))).toEqual(["dispatchWorkflow", "editItem 1 comment +status/in-progress -status/in-review"]);
    expect(m.comments.get(read.id)!.body).toBe(body("attempt 2 dispatched as run 7"));
  });

  it("a new item's dispatch goes before its status comment is created, and the comment is created once after it", async () => {
    const m = memoryPort();
    const one = m.issue(1, ["status/triage"]);
    m.issues.set(1, one);
    const w = itemWrites(m.port, [], NOW);
    w.stage(staged(one, null, ["status/in-progress"], "attempt 1 dispatched"));
    await w.port.dispatchWorkflow("worker.yml", "main", { issue: "1", attempt: "1" });
    expect(m.log).toEqual(["dispatchWorkflow"]);
    await w.finish();
    expect(m.log).toEqual(["dispatchWorkflow", "findComment 1", "createItemComment 1 +status/in-progress -status/triage"]);
  });

  it("a merge is not sent when the item changed since it was read (another writer's /hold)", async () => {
    const { m, read, w } = inReviewItemApproved();
    m.comments.get(read.id)!.body = body("held");
    await expect(w.port.mergeIfHeadIs(2, "abc", "merge")).rejects.toBeInstanceOf(StaleItemError);
    await expect(w.finish()).rejects.toBeInstanceOf(StaleItemError);
    expect(m.log.filter((l) => !l.startsWith("getComment"))).toEqual([]);
  });

  it("a merge waits for the queued publications (a required orchestrator/review goes first), sent in the item's own write before it", async () => {
    const { m, w } = inReviewItemApproved();
    w.follow([checkRun("orchestrator/review"), checkRun("orchestrator/scope")]);
    await w.port.mergeIfHeadIs(2, "abc", "merge");
    expect(m.log.filter((l) => !l.startsWith("getComment"))).toEqual(["editItem 1 comment +status/approved -status/in-review then checkRun:orchestrator/review,checkRun:orchestrator/scope", "mergeIfHeadIs 2"]);
    await w.finish();
    expect(m.log.filter((l) => !l.startsWith("getComment"))).toHaveLength(2);
  });

  it("followers ride in the last staged item's write; leaders go first, in one request, and before a merge without the items", async () => {
    const { m, w } = inReviewItemApproved();
    const two = m.issue(2, ["status/in-review"]);
    m.issues.set(2, two);
    const read2 = m.comment(2, body("in review"));
    m.comments.set(read2.id, read2);
    w.stage(staged(two, read2, ["status/blocked"], "blocked"));
    w.lead([checkRun("orchestrator/review"), checkRun("orchestrator/scope")]);
    await w.port.mergeIfHeadIs(2, "abc", "merge");
    // The items are checked (getComment) but not sent before the merge: it records itself.
    expect(m.log.filter((l) => !l.startsWith("getComment"))).toEqual(["publish checkRun:orchestrator/review,checkRun:orchestrator/scope", "mergeIfHeadIs 2"]);
    w.follow([checkRun("orchestrator/queue")]);
    await w.finish();
    expect(m.log.filter((l) => !l.startsWith("getComment")).slice(2)).toEqual(["editItem 1 comment +status/approved -status/in-review", "editItem 2 comment +status/blocked -status/in-review then checkRun:orchestrator/queue"]);
  });

  it("end-of-pass publications ride in the last item write, the last one per key, and are not sent after a failed flush", async () => {
    const { m, w } = inReviewItemApproved();
    w.atEnd("queue abc", [checkRun("orchestrator/queue ranked")]);
    w.atEnd("queue abc", [checkRun("orchestrator/queue landed")]);
    await w.flush();
    expect(m.log.filter((l) => !l.startsWith("getComment"))).toEqual(["editItem 1 comment +status/approved -status/in-review"]);
    // Nothing left to write for the item: they go in one request of their own.
    await w.finish();
    expect(m.log.filter((l) => !l.startsWith("getComment"))).toEqual(["editItem 1 comment +status/approved -status/in-review", "publish checkRun:orchestrator/queue landed"]);

    const riding = inReviewItemApproved();
    riding.w.atEnd("queue abc", [checkRun("orchestrator/queue landed")]);
    await riding.w.finish();
    expect(riding.m.log.filter((l) => !l.startsWith("getComment"))).toEqual(["editItem 1 comment +status/approved -status/in-review then checkRun:orchestrator/queue landed"]);

    const stale = inReviewItemApproved();
    stale.m.comments.get(stale.read.id)!.body = body("held");
    stale.w.atEnd("queue abc", [checkRun("orchestrator/queue landed")]);
    await expect(stale.w.finish()).rejects.toBeInstanceOf(StaleItemError);
    expect(stale.m.log.filter((l) => !l.startsWith("getComment"))).toEqual([]);
  });

  it("an item saved unchanged writes nothing", async () => {
    const m = memoryPort();
    const one = m.issue(1, ["status/ready"]);
    m.issues.set(1, one);
    const read = m.comment(1, body("ready"));
    m.comments.set(read.id, read);
    const w = itemWrites(m.port, [], NOW);
    w.stage(staged(one, read, ["status/ready"], "ready"));
    await w.flush();
    expect(m.log).toEqual(["editItem 1 + -"]);
    expect(w.wrote).toBe(false);
  });
});
