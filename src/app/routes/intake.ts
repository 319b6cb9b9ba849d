import type { Probot } from "probot";
import { labelCatalog } from "../../domain/labels.js";
import type { IssueSnapshot } from "../../github/port.js";
import { retriage, retriageDependents, triageIssue } from "../intake.js";
import { recoverLanding } from "../queue.js";
import { inRepository, sentByBot, sourceFor, sourceOf, type AppOptions } from "../route.js";
import { scheduleDispatch } from "../scheduler.js";
import type { RepoSession, SessionSource } from "../session.js";
import { guardApprovedText, guardStatusLabel, type ItemEdit, type StatusLabelChange } from "../trust-guards.js";
import type { Context } from "probot";
import { isAppLogin } from "../../domain/trust/authority.js";
import type { Actor } from "../../github/port.js";

/** What the trust guards need from an issues event: a status label change, or a text edit. */
type TrustGuard = { kind: "label"; change: Omit<StatusLabelChange, "number">; sender: Actor } | { kind: "edit"; edit: Omit<ItemEdit, "number">; sender: Actor };

function trustGuardOf(context: Context): TrustGuard | null {
  const payload = context.payload as {
    action?: string;
    label?: { name?: string };
    sender?: { login?: string; type?: string };
    changes?: { title?: { from?: string }; body?: { from?: string } };
  };
  const sender = { login: payload.sender?.login ?? "", type: payload.sender?.type ?? "User" };
  // Any label: whether it is a status label is the configuration's to say (guardStatusLabel).
  if ((payload.action === "labeled" || payload.action === "unlabeled") && payload.label?.name !== undefined) {
    return { kind: "label", change: { label: payload.label.name, action: payload.action, sender }, sender };
  }
  if (payload.action === "edited" && (payload.changes?.title !== undefined || payload.changes?.body !== undefined)) {
    const titleFrom = payload.changes.title?.from;
    const bodyFrom = payload.changes.body?.from;
    return { kind: "edit", edit: { editor: sender, ...(titleFrom !== undefined ? { titleFrom } : {}), ...(bodyFrom !== undefined ? { bodyFrom } : {}) }, sender };
  }
  return null;
}

/** Triage one issue, then its cycle peers (so each reports the cycle), then fill free slots. */
export async function triageAndSchedule(session: RepoSession, issue: IssueSnapshot): Promise<void> {
  const result = await triageIssue(session, issue);
  for (const peer of result.cyclePeers) await retriage(session, peer);
  await scheduleDispatch(session);
}

/** Triages an issue named by a relation event (sub-issue, dependency), then fills free slots. */
async function triageRelated(number: number, source: SessionSource, options: AppOptions): Promise<void> {
  await inRepository(source, { kind: "issue", number }, options, async (session) => {
    const issue = await session.port.getIssue(number);
    if (!issue || issue.isPullRequest || issue.state === "closed") return;
    await triageAndSchedule(session, issue);
  });
}

/**
 * Work items (foundation issue): issues opened, edited, labeled, unlabeled and reopened are
 * triaged (a reopened issue also re-blocks the items that depend on it by text); sub-issue and
 * native dependency changes re-triage the parent / blocked issue; a closed issue releases its
 * dependents; installing the app creates the label catalog and triages every open issue. Events
 * sent by bots (our own label and comment writes included) are ignored, so the app never loops.
 */
export function registerIntake(app: Probot, options: AppOptions): void {
  app.on(["issues.opened", "issues.edited", "issues.labeled", "issues.unlabeled", "issues.reopened"], async (context) => {
    const number = context.payload.issue.number;
    // trust (#10): a status label changed by anyone but this app (other apps included) is put
    // back, and an edit of approved text is judged, before the bot filter below.
    // Our own writes skip it (by slug; without one, the state decides: our labels agree with it).
    const guard = trustGuardOf(context);
    const bot = sentByBot(context);
    if (bot && (!guard || isAppLogin(guard.sender.login, options.appSlug))) return;
    await inRepository(sourceOf(context), { kind: "issue", number }, options, async (session) => {
      if (guard?.kind === "label") await guardStatusLabel(session, { number, ...guard.change }, options.appSlug);
      if (guard?.kind === "edit") await guardApprovedText(session, { number, ...guard.edit }, options.appSlug);
      if (bot) return;
      // Re-read: the payload may be older than earlier events' writes handled just before.
      const issue = await session.port.getIssue(number);
      if (!issue || issue.isPullRequest) return;
      // A reopened dependency blocks again: its dependents go back to waiting before any of
      // them can be dispatched.
      if (context.payload.action === "reopened") await retriageDependents(session, number);
      await triageAndSchedule(session, issue);
    });
  });

  // GitHub's native relations change an item without an issues event: a sub-issue added to or
  // removed from a project item (epic), a blocker added to or removed from an issue. Each pair of
  // events names both sides; the parent's / blocked issue's event is enough.
  app.on(["sub_issues.sub_issue_added", "sub_issues.sub_issue_removed"], async (context) => {
    if (sentByBot(context)) return;
    await triageRelated(context.payload.parent_issue.number, sourceOf(context), options);
  });

  app.on(["issue_dependencies.blocked_by_added", "issue_dependencies.blocked_by_removed"], async (context) => {
    if (sentByBot(context)) return;
    const blocked = (context.payload as { blocked_issue?: { number?: number } }).blocked_issue?.number;
    if (blocked === undefined) return;
    await triageRelated(blocked, sourceOf(context), options);
  });

  app.on("issues.closed", async (context) => {
    if (context.payload.issue.pull_request) return;
    const number = context.payload.issue.number;
    await inRepository(sourceOf(context), { kind: "none" }, options, async (session) => {
      // A merged pull request whose bookkeeping never ran (a crash right after the merge).
      if (await recoverLanding(session, number)) return;
      await retriageDependents(session, number);
      await scheduleDispatch(session);
    });
  });

  app.on(["installation.created", "installation_repositories.added"], async (context) => {
    const payload = context.payload as {
      installation: { id: number; account: { login: string } | null };
      repositories?: Array<{ name: string; full_name: string }>;
      repositories_added?: Array<{ name: string; full_name: string }>;
    };
    const repos = payload.repositories_added ?? payload.repositories ?? [];
    for (const entry of repos) {
      const [owner, repo] = entry.full_name.split("/");
      if (!owner || !repo) continue;
      // No issue triggered this: a broken config is reported as a check run on the default branch.
      await inRepository(sourceFor(context, owner, repo), { kind: "default-branch" }, options, async (session) => {
        await session.port.ensureLabels(labelCatalog(session.config));
        const open = await session.port.listOpenIssues();
        for (const issue of open) await triageIssue(session, issue);
        await scheduleDispatch(session);
      });
    }
  });
}
