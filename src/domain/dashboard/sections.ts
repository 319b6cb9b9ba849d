import { STATUSES, TRACKS, type Status } from "../../config/schema.js";
import { escapeInline } from "../status-comment.js";
import { actionCheckbox } from "./actions.js";
import { formatElapsed, itemLabel, table } from "./format.js";
import type { DashboardItem, DashboardSection } from "./model.js";

/** WSJF descending, then oldest (lowest number) first: the scheduler's order within a track. */
function byWsjf(a: DashboardItem, b: DashboardItem): number {
  return (b.state.wsjf.score ?? -1) - (a.state.wsjf.score ?? -1) || a.number - b.number;
}

function statusText(item: DashboardItem): string {
  const status = item.status ?? "untriaged";
  return item.held ? `${status} (hold)` : status;
}

/**
 * The backlog: a count per status, then one WSJF-ranked table per track (hotfix, standard,
 * project), every open work item with its status. Rank is within the track.
 */
export const backlogSection: DashboardSection = {
  id: "backlog",
  heading: "Backlog by track (WSJF-ranked)",
  render({ items }) {
    if (items.length === 0) return "No open work items.";
    const counts = [...STATUSES, null]
      .map((status) => ({ status, n: items.filter((i) => i.status === status).length }))
      .filter((c) => c.n > 0)
      .map((c) => `${c.n} ${c.status ?? "untriaged"}`);
    const tracks = TRACKS.map((track) => {
      const rows = items
        .filter((i) => i.track === track)
        .sort(byWsjf)
        .map((i, index) => [String(index + 1), itemLabel(i.number, i.title), statusText(i), i.state.wsjf.score?.toString() ?? "—"]);
      return rows.length === 0 ? null : `**${track}**\n\n${table(["Rank", "Item", "Status", "WSJF"], rows, "")}`;
    });
    return [`By status: ${counts.join(" · ")}.`, ...tracks.filter((t): t is string => t !== null)].join("\n\n");
  },
};

/** Workers in flight: in-progress items with their running attempt, its elapsed time and run link. */
export const workersSection: DashboardSection = {
  id: "workers",
  heading: "Workers in flight",
  render({ items, now, config }) {
    const rows = items
      .filter((i) => i.status === "in-progress")
      .sort((a, b) => a.number - b.number)
      .map((i) => {
        const attempt = i.state.attempts.filter((a) => a.outcome === "dispatched").at(-1) ?? i.state.attempts.at(-1);
        if (!attempt) return [itemLabel(i.number, i.title), "—", "—", "not dispatched yet"];
        const run = attempt.runUrl ? `[run](${attempt.runUrl})` : "run not started yet";
        return [itemLabel(i.number, i.title), `${attempt.n} of ${config.worker.max_attempts} (${attempt.reason})`, formatElapsed(attempt.dispatchedAt, now), run];
      });
    return table(["Item", "Attempt", "Elapsed", "Run"], rows, "No workers in flight.");
  },
};

const QUEUED: readonly Status[] = ["merging", "approved", "in-review"];

/**
 * The merge queue: items with a pull request in review, approved or being landed, by queue
 * position (the one being landed first, then waiting ones), each with the queue's reason.
 */
export const queueSection: DashboardSection = {
  id: "queue",
  heading: "Merge queue",
  render({ items }) {
    const rank = (i: DashboardItem) => [i.state.queue?.position ?? Number.MAX_SAFE_INTEGER, QUEUED.indexOf(i.status!), i.number];
    const rows = items
      .filter((i) => i.status !== null && QUEUED.includes(i.status))
      .sort((a, b) => {
        const [x, y] = [rank(a), rank(b)];
        return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
      })
      .map((i) => [
        i.state.queue?.position?.toString() ?? "—",
        itemLabel(i.number, i.title),
        i.state.pr ? `#${i.state.pr.number}` : "—",
        statusText(i),
        escapeInline(i.state.queue?.reason ?? (i.status === "in-review" ? "in review: waiting for the verdict and an approval" : "")),
      ]);
    return table(["Position", "Item", "Pull request", "Status", "Reason"], rows, "The merge queue is empty.");
  },
};

/**
 * Items that need a person: blocked ones (a box to `/retry`), ones waiting for a trusted
 * person's approval (a box to `/approve`), and ones missing information (what is missing).
 */
export const attentionSection: DashboardSection = {
  id: "attention",
  heading: "Needs a person",
  render({ items }) {
    const sorted = [...items].sort((a, b) => a.number - b.number);
    const lines = [
      ...sorted.filter((i) => i.status === "blocked").map((i) => `${actionCheckbox("retry", i)} — blocked: ${escapeInline(i.state.blockedReason ?? "no reason recorded")}`),
      ...sorted.filter((i) => i.status === "needs-approval").map((i) => `${actionCheckbox("approve", i)} — opened by someone not trusted`),
      ...sorted.filter((i) => i.status === "needs-info").map((i) => `- ${itemLabel(i.number, i.title)} — needs ${i.state.missing.map(escapeInline).join("; ") || "information"}`),
    ];
    if (lines.length === 0) return "Nothing is blocked or waiting for a person.";
    return ["Tick a box to act: it counts as that command on the item, with the same permissions as the comment.", "", ...lines].join("\n");
  },
};

/** Spend: a placeholder until budgets are tracked per item and per day. */
export const spendSection: DashboardSection = {
  id: "spend",
  heading: "Spend",
  render: () => "Not tracked yet: spend today and per item appear here once budgets are recorded.",
};

/** The circuit breaker: a placeholder until the breaker exists. */
export const circuitBreakerSection: DashboardSection = {
  id: "circuit-breaker",
  heading: "Circuit breaker",
  render: () => "Not tracked yet: the circuit breaker's state appears here once it exists.",
};
