/**
 * Sub-issues (/issues/{issue_number}/sub_issues, /sub_issue) and issue dependencies
 * (/issues/{issue_number}/dependencies/blocked_by[/{issue_id}], /dependencies/blocking).
 * Request bodies carry issue ids (not numbers), as on GitHub.
 */
import { emit } from "../events.js";
import { requireRole } from "../mutations.js";
import { intParam, notFound, paginate, unprocessable, type Routes } from "../routing.js";
import { issueJson, isoNow, organizationJson, repositoryJson } from "../shapes.js";
import { mustIssue } from "./issues.js";

export function relationRoutes(routes: Routes): void {
  routes.add("GET", "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues", async (req, ctx) => {
    const parent = mustIssue(ctx, intParam(req, "issue_number"));
    return paginate(req, parent.subIssues.map((n) => issueJson(ctx, mustIssue(ctx, n))));
  });

  routes.add("POST", "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues", async (req, ctx) => {
    requireRole(ctx, req.caller, "triage");
    const parent = mustIssue(ctx, intParam(req, "issue_number"));
    const b = req.body as { sub_issue_id: number; replace_parent?: boolean };
    const child = ctx.state.issueById(b.sub_issue_id);
    if (!child) throw notFound();
    if (child.number === parent.number) throw unprocessable("Validation Failed: an issue cannot be its own sub-issue");
    if (child.parent !== null && child.parent !== parent.number) {
      if (!b.replace_parent) throw unprocessable("Validation Failed: sub-issue already has a parent issue");
      const old = mustIssue(ctx, child.parent);
      old.subIssues = old.subIssues.filter((n) => n !== child.number);
    }
    if (!parent.subIssues.includes(child.number)) parent.subIssues.push(child.number);
    child.parent = parent.number;
    parent.updatedAt = child.updatedAt = isoNow();
    ctx.note({ kind: "write", actor: req.caller, item: parent.number, summary: `#${child.number} added as sub-issue of #${parent.number} by ${req.caller}` });
    const common = { sub_issue_id: child.id, sub_issue: issueJson(ctx, child), parent_issue_id: parent.id, parent_issue: issueJson(ctx, parent) };
    emit(ctx, "sub_issues", req.caller, { action: "sub_issue_added", ...common, sub_issue_repo: repositoryJson(ctx) });
    emit(ctx, "sub_issues", req.caller, { action: "parent_issue_added", ...common, parent_issue_repo: repositoryJson(ctx) });
    return { status: 201, body: issueJson(ctx, parent) };
  });

  routes.add("DELETE", "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue", async (req, ctx) => {
    requireRole(ctx, req.caller, "triage");
    const parent = mustIssue(ctx, intParam(req, "issue_number"));
    const child = ctx.state.issueById((req.body as { sub_issue_id: number }).sub_issue_id);
    if (!child || child.parent !== parent.number) throw notFound();
    parent.subIssues = parent.subIssues.filter((n) => n !== child.number);
    child.parent = null;
    ctx.note({ kind: "write", actor: req.caller, item: parent.number, summary: `#${child.number} removed as sub-issue of #${parent.number} by ${req.caller}` });
    const common = { sub_issue_id: child.id, sub_issue: issueJson(ctx, child), parent_issue_id: parent.id, parent_issue: issueJson(ctx, parent) };
    emit(ctx, "sub_issues", req.caller, { action: "sub_issue_removed", ...common, sub_issue_repo: repositoryJson(ctx) });
    emit(ctx, "sub_issues", req.caller, { action: "parent_issue_removed", ...common, parent_issue_repo: repositoryJson(ctx) });
    return { status: 200, body: issueJson(ctx, child) };
  });

  routes.add("GET", "/repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by", async (req, ctx) => {
    const issue = mustIssue(ctx, intParam(req, "issue_number"));
    return paginate(req, issue.blockedBy.map((n) => issueJson(ctx, mustIssue(ctx, n))));
  });

  routes.add("GET", "/repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocking", async (req, ctx) => {
    const issue = mustIssue(ctx, intParam(req, "issue_number"));
    const blocking = [...ctx.state.issues.values()].filter((o) => o.blockedBy.includes(issue.number));
    return paginate(req, blocking.map((o) => issueJson(ctx, o)));
  });

  routes.add("POST", "/repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by", async (req, ctx) => {
    requireRole(ctx, req.caller, "triage");
    const blocked = mustIssue(ctx, intParam(req, "issue_number"));
    const blocking = ctx.state.issueById((req.body as { issue_id: number }).issue_id);
    if (!blocking) throw notFound();
    if (blocking.number === blocked.number) throw unprocessable("Validation Failed: an issue cannot block itself");
    if (!blocked.blockedBy.includes(blocking.number)) {
      blocked.blockedBy.push(blocking.number);
      blocked.updatedAt = isoNow();
      ctx.note({ kind: "write", actor: req.caller, item: blocked.number, summary: `#${blocked.number} marked blocked by #${blocking.number} by ${req.caller}` });
      const common = {
        blocked_issue_id: blocked.id,
        blocked_issue: issueJson(ctx, blocked),
        blocking_issue_id: blocking.id,
        blocking_issue: issueJson(ctx, blocking),
        blocking_issue_repo: repositoryJson(ctx),
        organization: organizationJson(ctx),
      };
      emit(ctx, "issue_dependencies", req.caller, { action: "blocked_by_added", ...common });
      emit(ctx, "issue_dependencies", req.caller, { action: "blocking_added", ...common, blocked_issue_repo: repositoryJson(ctx) });
    }
    return { status: 201, body: issueJson(ctx, blocking), headers: { location: `${ctx.apiUrl}/repos/${ctx.owner}/${ctx.repo}/issues/${blocking.number}` } };
  });

  routes.add("DELETE", "/repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by/{issue_id}", async (req, ctx) => {
    requireRole(ctx, req.caller, "triage");
    const blocked = mustIssue(ctx, intParam(req, "issue_number"));
    const blocking = ctx.state.issueById(intParam(req, "issue_id"));
    if (!blocking || !blocked.blockedBy.includes(blocking.number)) throw notFound();
    blocked.blockedBy = blocked.blockedBy.filter((n) => n !== blocking.number);
    ctx.note({ kind: "write", actor: req.caller, item: blocked.number, summary: `#${blocked.number} no longer blocked by #${blocking.number} (${req.caller})` });
    const common = {
      blocked_issue_id: blocked.id,
      blocked_issue: issueJson(ctx, blocked),
      blocking_issue_id: blocking.id,
      blocking_issue: issueJson(ctx, blocking),
      blocking_issue_repo: repositoryJson(ctx),
      organization: organizationJson(ctx),
    };
    emit(ctx, "issue_dependencies", req.caller, { action: "blocked_by_removed", ...common });
    emit(ctx, "issue_dependencies", req.caller, { action: "blocking_removed", ...common, blocked_issue_repo: repositoryJson(ctx) });
    return { status: 200, body: issueJson(ctx, blocking) };
  });
}

