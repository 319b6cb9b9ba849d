/**
 * Repository labels (/repos/{owner}/{repo}/labels[/{name}]) and issue labels
 * (/repos/{owner}/{repo}/issues/{issue_number}/labels[/{name}]).
 */
import { emit } from "../events.js";
import { addLabels, createLabel, editLabel, removeLabel, requireRole, setLabels } from "../mutations.js";
import { intParam, notFound, paginate, unprocessable, type Routes } from "../routing.js";
import { labelJson } from "../shapes.js";
import type { LabelRecord } from "../state.js";
import { labelNames, mustIssue } from "./issues.js";

/** Body forms of add/set labels: {labels: [...]}, [...], or "name". */
function bodyLabels(body: unknown): string[] {
  if (body && typeof body === "object" && !Array.isArray(body) && "labels" in body) return labelNames((body as { labels: unknown }).labels);
  return labelNames(body);
}

export function labelRoutes(routes: Routes): void {
  routes.add("GET", "/repos/{owner}/{repo}/labels", async (req, ctx) => {
    return paginate(req, [...ctx.state.labels.values()].map((l) => labelJson(ctx, l)));
  });

  routes.add("POST", "/repos/{owner}/{repo}/labels", async (req, ctx) => {
    requireRole(ctx, req.caller, "write");
    const b = req.body as { name: string; color?: string; description?: string };
    if (ctx.state.label(b.name)) throw unprocessable("Validation Failed", [{ resource: "Label", code: "already_exists", field: "name" }]);
    const label = createLabel(ctx, b, req.caller);
    return { status: 201, body: labelJson(ctx, label) };
  });

  routes.add("GET", "/repos/{owner}/{repo}/labels/{name}", async (req, ctx) => {
    const label = ctx.state.label(req.params.name!);
    if (!label) throw notFound();
    return { status: 200, body: labelJson(ctx, label) };
  });

  routes.add("PATCH", "/repos/{owner}/{repo}/labels/{name}", async (req, ctx) => {
    requireRole(ctx, req.caller, "write");
    const label = ctx.state.label(req.params.name!);
    if (!label) throw notFound();
    editLabel(ctx, label, req.body as { new_name?: string; color?: string; description?: string }, req.caller);
    return { status: 200, body: labelJson(ctx, label) };
  });

  routes.add("DELETE", "/repos/{owner}/{repo}/labels/{name}", async (req, ctx) => {
    requireRole(ctx, req.caller, "write");
    const label = ctx.state.label(req.params.name!);
    if (!label) throw notFound();
    ctx.state.labels.delete(label.name.toLowerCase());
    for (const issue of ctx.state.issues.values()) issue.labels = issue.labels.filter((l) => l.toLowerCase() !== label.name.toLowerCase());
    ctx.note({ kind: "write", actor: req.caller, summary: `label "${label.name}" deleted by ${req.caller}` });
    emit(ctx, "label", req.caller, { action: "deleted", label: labelJson(ctx, label) });
    return { status: 204 };
  });

  const issueLabels = (issueLabelsOf: string[], all: Map<string, LabelRecord>) =>
    issueLabelsOf.map((n) => all.get(n.toLowerCase())).filter((l): l is LabelRecord => !!l);

  routes.add("GET", "/repos/{owner}/{repo}/issues/{issue_number}/labels", async (req, ctx) => {
    const issue = mustIssue(ctx, intParam(req, "issue_number"));
    return paginate(req, issueLabels(issue.labels, ctx.state.labels).map((l) => labelJson(ctx, l)));
  });

  routes.add("POST", "/repos/{owner}/{repo}/issues/{issue_number}/labels", async (req, ctx) => {
    const issue = mustIssue(ctx, intParam(req, "issue_number"));
    requireRole(ctx, req.caller, "triage");
    await addLabels(ctx, issue, bodyLabels(req.body), req.caller);
    return { status: 200, body: issueLabels(issue.labels, ctx.state.labels).map((l) => labelJson(ctx, l)) };
  });

  routes.add("PUT", "/repos/{owner}/{repo}/issues/{issue_number}/labels", async (req, ctx) => {
    const issue = mustIssue(ctx, intParam(req, "issue_number"));
    requireRole(ctx, req.caller, "triage");
    await setLabels(ctx, issue, bodyLabels(req.body), req.caller);
    return { status: 200, body: issueLabels(issue.labels, ctx.state.labels).map((l) => labelJson(ctx, l)) };
  });

  routes.add("DELETE", "/repos/{owner}/{repo}/issues/{issue_number}/labels", async (req, ctx) => {
    const issue = mustIssue(ctx, intParam(req, "issue_number"));
    requireRole(ctx, req.caller, "triage");
    await setLabels(ctx, issue, [], req.caller);
    return { status: 204 };
  });

  routes.add("DELETE", "/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", async (req, ctx) => {
    const issue = mustIssue(ctx, intParam(req, "issue_number"));
    requireRole(ctx, req.caller, "triage");
    // GitHub answers 404 "Label does not exist" when the issue does not carry the label.
    if (!(await removeLabel(ctx, issue, req.params.name!, req.caller))) throw notFound("Label does not exist");
    return { status: 200, body: issueLabels(issue.labels, ctx.state.labels).map((l) => labelJson(ctx, l)) };
  });
}
