import PQueue from "p-queue";
import { authorizeCommand } from "../domain/command-permission.js";
import { formatCommand } from "../domain/commands.js";
import { actionCommand, tickedActions, type DashboardAction } from "../domain/dashboard/actions.js";
import type { DashboardItem } from "../domain/dashboard/model.js";
import { DASHBOARD_MARKER, renderDashboard } from "../domain/dashboard/render.js";
import { statusFromLabels } from "../domain/labels.js";
import { computedTrack, explicitTrack } from "../domain/track.js";
import type { Actor, GitHubPort, IssueSnapshot } from "../github/port.js";
import { handleCommandsFrom } from "./commands.js";
import { loadItem, loadItemFor } from "./item-store.js";
import { STATUS_MARKER } from "../domain/item/markers.js";
import type { Effect } from "./effects.js";
import type { RepoSession } from "./session.js";
import { isApprover, TRUSTED_PERMISSIONS } from "./trust.js";

/**
 * The dashboard issue (issue #15): one issue per repository, found by its hidden marker, showing
 * the whole repository (rendered by the pure src/domain/dashboard/), and whose checkboxes act.
 * Off unless `dashboard.enabled` is set in .github/orchestrator.yml.
 *
 * Call sites: `withDashboard` wraps each event's pass (src/app/route.ts) so the dashboard is brought
 * up to date at most once per event, after a pass that wrote something; the record phase
 * (src/app/phases/record.ts) hands a person's edit of the dashboard to `handleDashboardEdit`.
 */

/** Status comments the dashboard reads at the same time, at most. */
const STATUS_READS_AT_ONCE = 4;

/** What {@link ensureDashboard} did. */
export type DashboardWrite = "disabled" | "created" | "updated" | "unchanged";

/** Whether an issue is a dashboard: written by a bot (a person cannot forge one) and carrying the marker. */
function isDashboard(issue: IssueSnapshot): boolean {
  return issue.author.type === "Bot" && issue.body.includes(DASHBOARD_MARKER);
}

/**
 * Brings the dashboard issue up to date: reads the open issues (one paginated list) and each work
 * item's status comment, renders, and writes only on change: creates the issue when there is none
 * (labelled `labels.ignore`, so triage leaves it alone), rewrites its body when the text differs,
 * otherwise writes nothing. A second dashboard (two replicas racing) is closed as not planned.
 * Rejects only when GitHub does.
 */
export async function ensureDashboard(session: RepoSession): Promise<DashboardWrite> {
  const { port, config } = session;
  if (!config.dashboard.enabled) return "disabled";
  const open = await port.listOpenIssues();
  const [dashboard, ...extra] = open.filter(isDashboard).sort((a, b) => a.number - b.number);
  const workItems = open.filter((issue) => !issue.isPullRequest && !isDashboard(issue) && !issue.labels.includes(config.labels.ignore));
  // The status comments are independent reads: a few at a time rather than one after another
  // (GitHub asks integrations not to flood it with concurrent requests, so not all at once).
  const reads = new PQueue({ concurrency: STATUS_READS_AT_ONCE });
  const loaded = await Promise.all(workItems.map((issue) => reads.add(() => loadItemFor(session, issue))));
  const items: DashboardItem[] = loaded.map(({ issue, state }) => ({
    number: issue.number,
    title: issue.title,
    status: statusFromLabels(issue.labels, config),
    track: explicitTrack(issue.labels, config) ?? state.track ?? computedTrack(state.wsjf.score ?? null, state.wsjf.size, config),
    held: issue.labels.includes(config.labels.hold),
    state,
  }));
  const body = renderDashboard({ items, now: session.now(), config, repository: `${port.repo.owner}/${port.repo.repo}` });
  for (const duplicate of extra) await port.closeIssue(duplicate.number, "not_planned");
  if (!dashboard) {
    const created = await port.createIssue({ title: config.dashboard.title, body, labels: [config.labels.ignore] });
    session.log.info({ issue: created.number }, "dashboard issue created");
    return "created";
  }
  if (normalize(dashboard.body) === normalize(body)) return "unchanged";
  await port.updateIssueBody(dashboard.number, body);
  return "updated";
}

/** GitHub stores a body edited in its web editor with CRLF line endings. */
function normalize(body: string): string {
  return body.replace(/\r\n/g, "\n");
}

/**
 * Port methods whose writes can change what the dashboard shows, and how to tell from their
 * arguments and result that they did. The dashboard is rendered from the open issues (titles,
 * labels, open or closed) and each item's status comment, so only label changes, issue
 * creation/closing/edits, merges (they close items), dispatches and cancellations, status-comment
 * writes and the reply to a dashboard edit (its boxes must be unticked) count. Check runs,
 * reviews, reactions, branch updates, the label catalog and other comments (command replies,
 * worker reports, review notes) do not: an event that wrote only those costs no dashboard reads.
 */
const SHOWN_WRITES: Record<string, (result: unknown, args: unknown[]) => boolean> = {
  applyLabels: (wrote) => wrote === true,
  upsertComment: (r, [, marker]) => shownComment(String(marker)) && ((r as { created: boolean }).created || (r as { updated: boolean }).updated),
  closeIssue: () => true,
  reopenIssue: () => true,
  createIssue: () => true,
  updateIssueBody: () => true,
  dispatchWorkflow: () => true,
  cancelWorkflowRun: () => true,
  mergeIfHeadIs: () => true,
};

/** Comments the dashboard reads (status comments) or answers on itself (replies to a dashboard edit). */
function shownComment(marker: string): boolean {
  return marker === STATUS_MARKER || marker.startsWith(DASHBOARD_REPLY_PREFIX);
}

/** The port with every write the dashboard shows reported to `onWrite` (reads, no-op and unshown writes are not). */
function trackWrites(port: GitHubPort, onWrite: () => void): GitHubPort {
  return new Proxy(port, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      const wrote = typeof name === "string" ? SHOWN_WRITES[name] : undefined;
      if (!wrote || typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        const result = (await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)) as unknown;
        if (wrote(result, args)) onWrite();
        return result;
      };
    },
  });
}

/**
 * Runs an event handler, then brings the dashboard up to date once if the handler wrote anything
 * the dashboard shows (see SHOWN_WRITES: an event that changed nothing shown costs no dashboard reads). A failure to update the
 * dashboard is logged and does not fail the handler, whose work is done: the next write retries.
 */
export async function withDashboard(session: RepoSession, handler: (session: RepoSession) => Promise<void>): Promise<void> {
  if (!session.config.dashboard.enabled) return handler(session);
  let wrote = false;
  await handler({ ...session, port: trackWrites(session.port, () => (wrote = true)) });
  if (!wrote && !session.items.wrote) return;
  try {
    await ensureDashboard(session);
  } catch (error) {
    session.log.warn({ err: error }, "dashboard update failed; the next event that writes retries it");
  }
}

/** A person's edit of the dashboard issue (`issues.edited`). */
export interface DashboardEdit {
  /** The dashboard issue. */
  number: number;
  /** The body after the edit. */
  body: string;
  editor: Actor;
  /** The edit's idempotency key (the issue's `updated_at`, seconds): a redelivered edit acts once. */
  key: number;
}

const DASHBOARD_REPLY_PREFIX = "<!-- orchestrator:reply dashboard-edit=";

/** Hidden marker of the app's one reply to a dashboard edit. */
export function dashboardReplyMarker(key: number): string {
  return `${DASHBOARD_REPLY_PREFIX}${key} -->`;
}

/** The status an item must have for a box's action to make sense (the box was rendered for it). */
const ACTION_STATUS = { retry: "blocked", approve: "needs-approval" } as const;

/**
 * Acts on the boxes ticked in a dashboard edit, each as the command it names given on the item by
 * the editor: the same permission rules as a comment (domain/command-permission.ts, permission
 * asked now). Accepted ones run through the command path (src/app/commands.ts: reply on the item);
 * refused and stale ones (the item moved on) get one reply on the dashboard saying why and who
 * may. Either way a write follows, so {@link withDashboard} re-renders and the box is unticked.
 */
export async function handleDashboardEdit(session: RepoSession, edit: DashboardEdit): Promise<Effect[]> {
  const actions = tickedActions(edit.body);
  if (actions.length === 0) return [];
  const effects: Effect[] = [];
  const { config, port } = session;
  const permission = await port.getPermission(edit.editor.login);
  const approverMatch = TRUSTED_PERMISSIONS.includes(permission) ? false : await isApprover(session, edit.editor.login);
  const notes: string[] = [];
  for (const action of actions) {
    const text = `\`${formatCommand(actionCommand(action))}\` on #${action.item}`;
    const item = await loadItem(session, action.item);
    if (!item || item.issue.state === "closed" || item.state.status !== ACTION_STATUS[action.kind]) {
      notes.push(`${text} was not applied: #${action.item} is ${item ? `now ${item.issue.state === "closed" ? "closed" : item.state.status}` : "not a work item"}, so the box no longer applies.`);
      continue;
    }
    const decision = authorizeCommand({
      command: actionCommand(action),
      actor: edit.editor,
      permission,
      approverMatch,
      isAppItself: false,
      target: "issue",
      issueAuthor: item.issue.author.login,
      requireIndependentApproval: config.review.require_independent_approval,
      approvers: config.trust.approvers,
    });
    if (!decision.allowed) {
      if (!decision.silent) notes.push(`${text} was not accepted: ${decision.reason} Who may: ${decision.whoMay}. Nothing was changed, and the box was unticked.`);
      continue;
    }
    effects.push(...(await act(session, edit, action)));
  }
  if (notes.length === 0) return effects;
  const marker = dashboardReplyMarker(edit.key);
  if (await port.findComment(edit.number, marker)) return effects;
  await port.upsertComment(edit.number, marker, `${marker}\n@${edit.editor.login} ${notes.join("\n\n")}`);
  return effects;
}

async function act(session: RepoSession, edit: DashboardEdit, action: DashboardAction): Promise<Effect[]> {
  session.log.info({ issue: action.item, action: action.kind, by: edit.editor.login }, "dashboard box ticked");
  return handleCommandsFrom(session, {
    key: edit.key,
    actor: edit.editor,
    item: action.item,
    commands: [actionCommand(action)],
    marker: `<!-- orchestrator:reply dashboard=${edit.key} item=${action.item} -->`,
  });
}
