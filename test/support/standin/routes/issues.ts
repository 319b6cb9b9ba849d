/**
 * Issues, issue comments and comment reactions:
 * /repos/{owner}/{repo}/issues[/{issue_number}], .../comments, .../issues/comments/{comment_id}[/reactions].
 */
import type { StandInContext } from "../context.js";
import type { CommentRecord, IssueRecord } from "../state.js";
import { emit, emitItem } from "../events.js";
import { createLabel, requireRole, setIssueState, setLabels } from "../mutations.js";
import { intParam, notFound, paginate, type Routes } from "../routing.js";
import { commentJson, isoNow, issueJson, labelJson, nodeId, userJsonByLogin } from "../shapes.js";

export function mustIssue(ctx: StandInContext, n: number): IssueRecord {
  const issue = ctx.state.issues.get(n);
  if (!issue) throw notFound();
  return issue;
}

/**
 * Creates a comment on an issue or pull request (REST `POST .../issues/{n}/comments` and GraphQL
 * `addComment`) and sends issue_comment.created.
 */
export function createComment(ctx: StandInContext, issue: IssueRecord, body: string, by: string): CommentRecord {
  const now = isoNow();
  const c = { id: ctx.state.ids.take("comment"), issueNumber: issue.number, body, user: by, createdAt: now, updatedAt: now };
  ctx.state.comments.set(c.id, c);
  issue.updatedAt = now;
  ctx.note({ kind: "write", actor: by, item: issue.number, summary: `#${issue.number} comment ${c.id} by ${by}: ${firstLine(c.body)}` });
  emit(ctx, "issue_comment", by, { action: "created", issue: issueJson(ctx, issue), comment: commentJson(ctx, c) });
  return c;
}

/**
 * Edits a comment as its author or a writer (REST `PATCH .../issues/comments/{id}` and GraphQL
 * `updateIssueComment`): an unchanged body changes nothing; a changed one sends issue_comment.edited.
 */
export function editComment(ctx: StandInContext, c: CommentRecord, body: string, by: string): void {
  if (c.user !== by) requireRole(ctx, by, "write");
  if (body === c.body) return;
  const from = c.body;
  c.body = body;
  c.updatedAt = isoNow();
  ctx.note({ kind: "write", actor: by, item: c.issueNumber, summary: `#${c.issueNumber} comment ${c.id} edited by ${by}: ${firstLine(body)}` });
  emit(ctx, "issue_comment", by, { action: "edited", changes: { body: { from } }, issue: issueJson(ctx, mustIssue(ctx, c.issueNumber)), comment: commentJson(ctx, c) });
}

/** Label names from GitHub's accepted forms: ["a"], [{name:"a"}], {labels:[...]}, "a". */
export function labelNames(input: unknown): string[] {
  const list = Array.isArray(input) ? input : typeof input === "string" ? [input] : [];
  return list
    .map((l) => (typeof l === "string" ? l : typeof l === "object" && l && "name" in l ? String((l as { name: unknown }).name) : ""))
    .filter(Boolean);
}

function canTriage(ctx: StandInContext, login: string): boolean {
  try {
    requireRole(ctx, login, "triage");
    return true;
  } catch {
    return false;
  }
}

export function issueRoutes(routes: Routes): void {
  routes.add("POST", "/repos/{owner}/{repo}/issues", async (req, ctx) => {
    const b = req.body as { title: string | number; body?: string | null; labels?: unknown[]; assignees?: string[] };
    const now = isoNow();
    const issue: IssueRecord = {
      id: ctx.state.ids.take("issue"),
      number: ctx.state.ids.take("number"),
      title: String(b.title),
      body: b.body ?? null,
      state: "open",
      stateReason: null,
      labels: [],
      user: req.caller,
      assignees: canTriage(ctx, req.caller) ? (b.assignees ?? []) : [],
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closedBy: null,
      isPull: false,
      parent: null,
      subIssues: [],
      blockedBy: [],
    };
    ctx.state.issues.set(issue.number, issue);
    // GitHub silently drops labels set at creation by people without triage access.
    const labels = canTriage(ctx, req.caller) ? labelNames(b.labels) : [];
    for (const name of labels) {
      const label = ctx.state.label(name) ?? createLabel(ctx, { name }, req.caller);
      if (!issue.labels.includes(label.name)) issue.labels.push(label.name);
    }
    ctx.note({ kind: "write", actor: req.caller, item: issue.number, summary: `#${issue.number} opened by ${req.caller}: ${issue.title}` });
    emit(ctx, "issues", req.caller, { action: "opened", issue: issueJson(ctx, issue) });
    for (const name of issue.labels) {
      emit(ctx, "issues", req.caller, { action: "labeled", issue: issueJson(ctx, issue), label: labelJson(ctx, ctx.state.label(name)!) });
    }
    return { status: 201, body: issueJson(ctx, issue), headers: { location: `${ctx.apiUrl}/repos/${ctx.owner}/${ctx.repo}/issues/${issue.number}` } };
  });

  routes.add("GET", "/repos/{owner}/{repo}/issues", async (req, ctx) => {
    const state = req.query.get("state") ?? "open";
    const wantLabels = (req.query.get("labels") ?? "").split(",").map((l) => l.trim().toLowerCase()).filter(Boolean);
    const creator = req.query.get("creator");
    const since = req.query.get("since");
    const sort = req.query.get("sort") ?? "created";
    const direction = req.query.get("direction") ?? "desc";
    let items = [...ctx.state.issues.values()].filter((i) => state === "all" || i.state === state);
    if (wantLabels.length) items = items.filter((i) => wantLabels.every((w) => i.labels.some((l) => l.toLowerCase() === w)));
    if (creator) items = items.filter((i) => i.user === creator);
    if (since) items = items.filter((i) => i.updatedAt >= since);
    const key = (i: IssueRecord): number | string =>
      sort === "updated" ? i.updatedAt : sort === "comments" ? ctx.state.commentsOf(i.number).length : i.number;
    items.sort((a, b) => {
      const ka = key(a), kb = key(b);
      const c = ka < kb ? -1 : ka > kb ? 1 : a.number - b.number;
      return direction === "asc" ? c : -c;
    });
    return paginate(req, items.map((i) => issueJson(ctx, i)));
  });

  routes.add("GET", "/repos/{owner}/{repo}/issues/{issue_number}", async (req, ctx) => {
    return { status: 200, body: issueJson(ctx, mustIssue(ctx, intParam(req, "issue_number"))) };
  });

  routes.add("PATCH", "/repos/{owner}/{repo}/issues/{issue_number}", async (req, ctx) => {
    const issue = mustIssue(ctx, intParam(req, "issue_number"));
    const b = (req.body ?? {}) as {
      title?: string | number | null;
      body?: string | null;
      state?: "open" | "closed";
      state_reason?: "completed" | "not_planned" | "reopened" | "duplicate" | null;
      labels?: unknown[];
      assignees?: string[];
    };
    if (issue.user !== req.caller) requireRole(ctx, req.caller, "triage");
    const changes: Record<string, { from: unknown }> = {};
    if (b.title !== undefined && b.title !== null && String(b.title) !== issue.title) {
      changes.title = { from: issue.title };
      issue.title = String(b.title);
    }
    if (b.body !== undefined && b.body !== issue.body) {
      changes.body = { from: issue.body ?? "" };
      issue.body = b.body;
    }
    if (b.assignees) issue.assignees = b.assignees;
    if (Object.keys(changes).length) {
      issue.updatedAt = isoNow();
      ctx.note({ kind: "write", actor: req.caller, item: issue.number, summary: `#${issue.number} edited (${Object.keys(changes).join(", ")}) by ${req.caller}` });
      await emitItem(ctx, "edited", issue, req.caller, { changes });
    }
    if (b.labels) await setLabels(ctx, issue, labelNames(b.labels), req.caller);
    if (b.state) {
      const reason = b.state_reason === "duplicate" ? "not_planned" : (b.state_reason ?? null);
      await setIssueState(ctx, issue, b.state, reason, req.caller);
    } else if (b.state_reason && issue.state === "closed" && b.state_reason !== "reopened") {
      issue.stateReason = b.state_reason === "duplicate" ? "not_planned" : b.state_reason;
    }
    return { status: 200, body: issueJson(ctx, issue) };
  });

  // Comments -----------------------------------------------------------------------------------
  routes.add("GET", "/repos/{owner}/{repo}/issues/{issue_number}/comments", async (req, ctx) => {
    const issue = mustIssue(ctx, intParam(req, "issue_number"));
    const since = req.query.get("since");
    const list = ctx.state.commentsOf(issue.number).filter((c) => !since || c.updatedAt >= since);
    return paginate(req, list.map((c) => commentJson(ctx, c)));
  });

  routes.add("GET", "/repos/{owner}/{repo}/issues/comments", async (req, ctx) => {
    const direction = req.query.get("direction") ?? "asc";
    const list = [...ctx.state.comments.values()];
    if (direction === "desc") list.reverse();
    return paginate(req, list.map((c) => commentJson(ctx, c)));
  });

  routes.add("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments", async (req, ctx) => {
    const issue = mustIssue(ctx, intParam(req, "issue_number"));
    const c = createComment(ctx, issue, String(req.body.body), req.caller);
    return { status: 201, body: commentJson(ctx, c), headers: { location: `${ctx.apiUrl}/repos/${ctx.owner}/${ctx.repo}/issues/comments/${c.id}` } };
  });

  routes.add("GET", "/repos/{owner}/{repo}/issues/comments/{comment_id}", async (req, ctx) => {
    const c = ctx.state.comments.get(intParam(req, "comment_id"));
    if (!c) throw notFound();
    return { status: 200, body: commentJson(ctx, c) };
  });

  routes.add("PATCH", "/repos/{owner}/{repo}/issues/comments/{comment_id}", async (req, ctx) => {
    const c = ctx.state.comments.get(intParam(req, "comment_id"));
    if (!c) throw notFound();
    editComment(ctx, c, String(req.body.body), req.caller);
    return { status: 200, body: commentJson(ctx, c) };
  });

  routes.add("DELETE", "/repos/{owner}/{repo}/issues/comments/{comment_id}", async (req, ctx) => {
    const c = ctx.state.comments.get(intParam(req, "comment_id"));
    if (!c) throw notFound();
    if (c.user !== req.caller) requireRole(ctx, req.caller, "write");
    const json = commentJson(ctx, c);
    ctx.state.comments.delete(c.id);
    ctx.note({ kind: "write", actor: req.caller, item: c.issueNumber, summary: `#${c.issueNumber} comment ${c.id} deleted by ${req.caller}` });
    emit(ctx, "issue_comment", req.caller, { action: "deleted", issue: issueJson(ctx, mustIssue(ctx, c.issueNumber)), comment: json });
    return { status: 204 };
  });

  // Reactions on comments ------------------------------------------------------------------------
  routes.add("POST", "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", async (req, ctx) => {
    const c = ctx.state.comments.get(intParam(req, "comment_id"));
    if (!c) throw notFound();
    const content = String(req.body.content);
    const existing = ctx.state.reactions.find((r) => r.commentId === c.id && r.user === req.caller && r.content === content);
    if (existing) return { status: 200, body: reactionJson(ctx, existing) };
    const r = { id: ctx.state.ids.take("reaction"), commentId: c.id, content, user: req.caller, createdAt: isoNow() };
    ctx.state.reactions.push(r);
    ctx.note({ kind: "write", actor: req.caller, item: c.issueNumber, summary: `#${c.issueNumber} comment ${c.id} reaction ${content} by ${req.caller}` });
    return { status: 201, body: reactionJson(ctx, r) };
  });

  routes.add("GET", "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", async (req, ctx) => {
    const c = ctx.state.comments.get(intParam(req, "comment_id"));
    if (!c) throw notFound();
    const content = req.query.get("content");
    const list = ctx.state.reactions.filter((r) => r.commentId === c.id && (!content || r.content === content));
    return paginate(req, list.map((r) => reactionJson(ctx, r)));
  });

  routes.add("DELETE", "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions/{reaction_id}", async (req, ctx) => {
    const id = intParam(req, "reaction_id");
    const idx = ctx.state.reactions.findIndex((r) => r.id === id && r.commentId === Number(req.params.comment_id));
    if (idx < 0) throw notFound();
    ctx.state.reactions.splice(idx, 1);
    return { status: 204 };
  });
}

function reactionJson(ctx: StandInContext, r: { id: number; content: string; user: string; createdAt: string }) {
  return { id: r.id, node_id: nodeId("Reaction", r.id), user: userJsonByLogin(ctx, r.user), content: r.content, created_at: r.createdAt };
}

export function firstLine(s: string): string {
  const line = s.split("\n").find((l) => l.trim() && !l.trim().startsWith("<!--")) ?? s.split("\n")[0] ?? "";
  return JSON.stringify(line.length > 70 ? line.slice(0, 67) + "..." : line);
}
