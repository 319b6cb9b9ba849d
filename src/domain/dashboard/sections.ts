import { STATUSES, TRACKS, type Status } from "../../config/schema.js";
import { escapeInline } from "../status-comment.js";
import { actionCheckbox } from "./actions.js";
import { daySpendUsd, itemSpend, utcDay } from "../budget-check.js";
import { breakerFromAttempts, describeBreaker, type BreakerPolicy } from "../circuit-breaker.js";
import { deadLetterSearchUrl } from "../dead-letter.js";
import { formatElapsed, itemLabel, table } from "./format.js";
import type { DashboardInput, DashboardItem, DashboardSection } from "./model.js";

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

/** The dashboard's breaker policy from the config (`breaker.*`). */
function breakerPolicy(config: DashboardInput["config"]): BreakerPolicy {
  return { threshold: config.breaker.threshold, cooldownMs: config.breaker.cooldown_minutes * 60_000 };
}

/**
 * Spend (issue 12): today's spend against `budget.per_day_usd` (reported costs of the attempts
 * dispatched on the current UTC day, over the open items), then one row per item that has spent
 * anything: USD against `budget.per_item_usd`, tokens, minutes, attempts.
 */
export const spendSection: DashboardSection = {
  id: "spend",
  heading: "Spend",
  render({ items, now, config }) {
    const day = utcDay(Date.parse(now));
    const today = daySpendUsd(items.map((i) => i.state.attempts), day);
    const rows = [...items]
      .sort((a, b) => a.number - b.number)
      .filter((i) => i.state.attempts.length > 0)
      .map((i) => {
        const spend = itemSpend(i.state.attempts);
        return [itemLabel(i.number, i.title), `$${spend.usd} of $${config.budget.per_item_usd}`, String(spend.tokens.input + spend.tokens.output), String(spend.minutes), String(spend.attempts)];
      });
    const head = `Today (${day} UTC): $${today} of $${config.budget.per_day_usd} (budget.per_day_usd), over the open items' attempts dispatched today.`;
    return `${head}\n\n${table(["Item", "USD", "Tokens", "Minutes", "Attempts"], rows, "No attempts yet.")}`;
  },
};

/**
 * The circuit breaker of each agent that ran an attempt of an open item (and of `agent.name`),
 * derived from the attempts as the scheduler derives it (domain/circuit-breaker.ts).
 */
export const circuitBreakerSection: DashboardSection = {
  id: "circuit-breaker",
  heading: "Circuit breaker",
  render({ items, config }) {
    const attempts = items.flatMap((i) => i.state.attempts);
    const agents = [...new Set([config.agent.name, ...attempts.map((a) => a.agent).filter((a): a is string => a !== undefined)])].sort();
    const policy = breakerPolicy(config);
    const rows = agents.map((agent) => [agent, escapeInline(describeBreaker(breakerFromAttempts(attempts, agent, policy), policy))]);
    const note = `Opens after ${policy.threshold} infrastructure failures in a row (breaker.threshold); one probe after ${config.breaker.cooldown_minutes} minutes (breaker.cooldown_minutes).`;
    return `${note}\n\n${table(["Agent", "State"], rows, "")}`;
  },
};

/**
 * The dead-letter list (issue 12): items whose attempts are used up or whose runs died of
 * infrastructure failures, with the reason and last evidence (each is blocked, so its box to
 * `/retry` is under "Needs a person"); and the issue search that lists them by their label.
 */
export const deadLetterSection: DashboardSection = {
  id: "dead-letters",
  heading: "Dead letters",
  render({ items, config, repository }) {
    const lines = [...items]
      .filter((i) => i.state.deadLetter !== undefined)
      .sort((a, b) => a.number - b.number)
      .map((i) => {
        const letter = i.state.deadLetter!;
        const run = letter.evidence.url === undefined ? "" : ` ([run](${letter.evidence.url}))`;
        return `- ${itemLabel(i.number, i.title)} — ${letter.reason}: ${escapeInline(letter.summary)}; last evidence: attempt ${letter.evidence.attempt}${run}`;
      });
    const search = repository === undefined ? "" : `\n\nAlso [searchable by the \`${config.labels.dead_letter}\` label](${deadLetterSearchUrl(repository, config.labels.dead_letter)}).`;
    const intro = "Revive one with `/retry` on the item (or its box under \"Needs a person\").\n\n";
    return `${lines.length === 0 ? "No dead letters." : intro + lines.join("\n")}${search}`;
  },
};
