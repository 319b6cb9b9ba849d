/**
 * State changes shared by several routes (and their webhooks): labels, issue state, timeline notes.
 */
import type { StandInContext } from "./context.js";
import type { IssueRecord, LabelRecord } from "./state.js";
import { emit, emitItem } from "./events.js";
import { isoNow, labelJson } from "./shapes.js";
import { HttpError } from "./routing.js";

/** GitHub's default colour for labels created implicitly by adding them to an issue. */
const DEFAULT_COLOR = "ededed";

export function createLabel(
  ctx: StandInContext,
  input: { name: string; color?: string; description?: string | null },
  by: string,
): LabelRecord {
  const label: LabelRecord = {
    id: ctx.state.ids.take("label"),
    name: input.name,
    color: (input.color ?? DEFAULT_COLOR).replace(/^#/, ""),
    description: input.description ?? null,
    default: false,
  };
  ctx.state.labels.set(input.name.toLowerCase(), label);
  emit(ctx, "label", by, { action: "created", label: labelJson(ctx, label) });
  ctx.note({ kind: "write", actor: by, summary: `label "${input.name}" created by ${by}` });
  return label;
}

/** Edits a label (name, colour, description) as GitHub's PATCH does; one `label.edited` webhook naming what changed. */
export function editLabel(ctx: StandInContext, label: LabelRecord, b: { new_name?: string; color?: string; description?: string | null }, by: string): void {
  const changes: Record<string, { from: unknown }> = {};
  if (b.new_name && b.new_name !== label.name) {
    changes.name = { from: label.name };
    const old = label.name;
    ctx.state.labels.delete(old.toLowerCase());
    label.name = b.new_name;
    ctx.state.labels.set(label.name.toLowerCase(), label);
    for (const issue of ctx.state.issues.values()) issue.labels = issue.labels.map((l) => (l.toLowerCase() === old.toLowerCase() ? label.name : l));
  }
  if (b.color && b.color !== label.color) {
    changes.color = { from: label.color };
    label.color = b.color.replace(/^#/, "");
  }
  if (b.description !== undefined && b.description !== label.description) {
    // GitHub documents `from` as a string: a label without a description had "".
    changes.description = { from: label.description ?? "" };
    label.description = b.description;
  }
  if (Object.keys(changes).length) {
    ctx.note({ kind: "write", actor: by, summary: `label "${label.name}" edited by ${by}` });
    emit(ctx, "label", by, { action: "edited", label: labelJson(ctx, label), changes });
  }
}

/** Adds labels (creating missing ones, as GitHub does); one labeled webhook per newly added label. */
export async function addLabels(ctx: StandInContext, issue: IssueRecord, names: string[], by: string): Promise<void> {
  for (const raw of names) {
    const name = raw.trim();
    if (!name) continue;
    const label = ctx.state.label(name) ?? createLabel(ctx, { name }, by);
    if (issue.labels.some((l) => l.toLowerCase() === label.name.toLowerCase())) continue;
    issue.labels.push(label.name);
    issue.updatedAt = isoNow();
    ctx.note({ kind: "write", actor: by, item: issue.number, summary: `#${issue.number} labeled "${label.name}" by ${by}` });
    await emitItem(ctx, "labeled", issue, by, { label: labelJson(ctx, label) });
  }
}

export async function removeLabel(ctx: StandInContext, issue: IssueRecord, name: string, by: string): Promise<boolean> {
  const idx = issue.labels.findIndex((l) => l.toLowerCase() === name.toLowerCase());
  if (idx < 0) return false;
  const [removed] = issue.labels.splice(idx, 1);
  issue.updatedAt = isoNow();
  ctx.note({ kind: "write", actor: by, item: issue.number, summary: `#${issue.number} unlabeled "${removed}" by ${by}` });
  const label = ctx.state.label(removed!);
  await emitItem(ctx, "unlabeled", issue, by, label ? { label: labelJson(ctx, label) } : {});
  return true;
}

/** Replaces the label set, sending unlabeled/labeled webhooks for the difference. */
export async function setLabels(ctx: StandInContext, issue: IssueRecord, names: string[], by: string): Promise<void> {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  for (const current of [...issue.labels]) if (!wanted.has(current.toLowerCase())) await removeLabel(ctx, issue, current, by);
  await addLabels(ctx, issue, names, by);
}

/** Closes or reopens; sends issues.closed/reopened (or pull_request.closed/reopened). */
export async function setIssueState(
  ctx: StandInContext,
  issue: IssueRecord,
  state: "open" | "closed",
  reason: "completed" | "not_planned" | "reopened" | null,
  by: string,
): Promise<void> {
  if (issue.state === state) {
    if (state === "closed" && reason && issue.stateReason !== reason) issue.stateReason = reason;
    return;
  }
  const now = isoNow();
  issue.state = state;
  issue.updatedAt = now;
  if (state === "closed") {
    issue.closedAt = now;
    issue.closedBy = by;
    issue.stateReason = issue.isPull ? null : (reason ?? "completed");
  } else {
    issue.closedAt = null;
    issue.closedBy = null;
    issue.stateReason = issue.isPull ? null : "reopened";
  }
  const action = state === "closed" ? "closed" : "reopened";
  ctx.note({ kind: "write", actor: by, item: issue.number, summary: `#${issue.number} ${action}${state === "closed" && !issue.isPull ? ` as ${issue.stateReason}` : ""} by ${by}` });
  await emitItem(ctx, action, issue, by);
}

/** Roles from weakest to strongest, for permission checks. */
const ROLES = ["none", "read", "triage", "write", "maintain", "admin"] as const;

/** 403 unless `login` has at least `role` (bots of the app and of Actions have write). */
export function requireRole(ctx: StandInContext, login: string, role: (typeof ROLES)[number]): void {
  const u = ctx.user(login);
  if (ROLES.indexOf(u.permission) < ROLES.indexOf(role)) {
    throw new HttpError(403, `Must have ${role} access to this repository (stand-in: ${login} has ${u.permission}).`);
  }
}
