/**
 * Spend caps checked before a dispatch (issue 12, "Budgets": no run is started over a cap) and
 * the time cap on a run in progress. Pure; USD as the agents report it; times are epoch ms. The
 * caps are `budget.per_item_usd`, `budget.per_day_usd` (per repository, per UTC day) and
 * `budget.per_attempt_minutes` (src/config/schema.ts).
 */

export interface BudgetCaps {
  perItemUsd: number;
  perDayUsd: number;
}

export interface SpendSoFar {
  /** The item's spend over its earlier attempts. */
  itemUsd: number;
  /** The repository's spend on the current UTC day. */
  dayUsd: number;
}

export type BudgetDecision =
  | { allow: true; itemLeftUsd: number }
  | { allow: false; cap: "per-item" | "per-day"; reason: string };

/** Fallback estimate of one attempt when a track has no history yet, USD. */
export const DEFAULT_ATTEMPT_ESTIMATE_USD = 1;

/**
 * The expected cost of one attempt on a track: the median of its recent attempts' costs (the last
 * 20), or `fallbackUsd` without history. Median, not mean: one runaway attempt must not block a
 * track.
 */
export function estimateAttemptUsd(recentCostsUsd: readonly number[], fallbackUsd = DEFAULT_ATTEMPT_ESTIMATE_USD): number {
  const costs = recentCostsUsd.filter((c) => Number.isFinite(c) && c >= 0).slice(-20).sort((a, b) => a - b);
  if (costs.length === 0) return fallbackUsd;
  const mid = Math.floor(costs.length / 2);
  return costs.length % 2 === 1 ? (costs[mid] as number) : ((costs[mid - 1] as number) + (costs[mid] as number)) / 2;
}

const usd = (n: number): string => `$${Math.round(n * 100) / 100}`;

/**
 * Whether an attempt expected to cost `estimateUsd` may start: denied when the item's or the
 * day's spend plus the estimate would pass its cap. The per-item cap is checked first (it is the
 * item's own; the day's is shared). `itemLeftUsd` goes into the envelope as `itemRemainingUsd`.
 */
export function checkDispatchBudget(spent: SpendSoFar, estimateUsd: number, caps: BudgetCaps): BudgetDecision {
  if (spent.itemUsd + estimateUsd > caps.perItemUsd) {
    return {
      allow: false,
      cap: "per-item",
      reason: `this item has spent ${usd(spent.itemUsd)} of its ${usd(caps.perItemUsd)} budget (budget.per_item_usd); another attempt is expected to cost about ${usd(estimateUsd)}`,
    };
  }
  if (spent.dayUsd + estimateUsd > caps.perDayUsd) {
    return {
      allow: false,
      cap: "per-day",
      reason: `the repository has spent ${usd(spent.dayUsd)} of its ${usd(caps.perDayUsd)} daily budget (budget.per_day_usd); dispatching resumes at 00:00 UTC`,
    };
  }
  return { allow: true, itemLeftUsd: Math.round((caps.perItemUsd - spent.itemUsd) * 1e6) / 1e6 };
}

/** The UTC day (`YYYY-MM-DD`) a spend counts against. */
export function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/**
 * The oldest change the dispatch gate can need, ISO 8601 (issue #9, request budget): the start of
 * today's UTC day (the day's spend) or of the breaker's cool-down, whichever is earlier. An item
 * whose attempt started in that window was updated then, so the issues updated since bound what
 * the gate reads by the recent activity, never by the number of open issues.
 * @param nowMs epoch ms; @param cooldownMinutes `breaker.cooldown_minutes`.
 */
export function gateWindowStart(nowMs: number, cooldownMinutes: number): string {
  const dayStart = Date.parse(`${utcDay(nowMs)}T00:00:00Z`);
  return new Date(Math.min(dayStart, nowMs - cooldownMinutes * 60_000)).toISOString();
}

/**
 * Whether a run dispatched at `startedAt` is past its time budget at `now` and should be
 * cancelled (the attempt recorded as failed). `graceMinutes` covers runner start-up and the
 * worker's final report, so a run finishing on time is not cancelled under it.
 */
export function attemptOverTime(startedAt: number, now: number, perAttemptMinutes: number, graceMinutes = 5): boolean {
  return now - startedAt > (perAttemptMinutes + graceMinutes) * 60_000;
}

/** What an attempt's spend is derived from (a subset of the state block's attempt). */
export interface AttemptSpend {
  dispatchedAt: string;
  finishedAt?: string | undefined;
  costUsd?: number | undefined;
  tokens?: { input: number; output: number } | undefined;
}

/** An item's spend over all its attempts, as its status comment shows it. */
export interface ItemSpend {
  /** Sum of the attempts' reported costs, USD. */
  usd: number;
  /** Sum of the attempts' reported tokens (input + output counted apart). */
  tokens: { input: number; output: number };
  /** Wall-clock minutes of the finished attempts (dispatch to settlement), rounded to 0.1. */
  minutes: number;
  /** Attempts dispatched (all of them, also those before a `/retry`). */
  attempts: number;
}

const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

/** An item's spend from its attempts (the worker reports' cost and tokens; times from the state). */
export function itemSpend(attempts: readonly AttemptSpend[]): ItemSpend {
  let usd = 0;
  let minutesMs = 0;
  const tokens = { input: 0, output: 0 };
  for (const a of attempts) {
    usd += a.costUsd ?? 0;
    tokens.input += a.tokens?.input ?? 0;
    tokens.output += a.tokens?.output ?? 0;
    if (a.finishedAt !== undefined) minutesMs += Math.max(0, Date.parse(a.finishedAt) - Date.parse(a.dispatchedAt));
  }
  return { usd: round6(usd), tokens, minutes: Math.round(minutesMs / 6_000) / 10, attempts: attempts.length };
}

/**
 * The repository's spend on UTC day `day` (`YYYY-MM-DD`): the reported costs of every attempt
 * dispatched that day, over the items given (the app passes its open work items).
 */
export function daySpendUsd(items: readonly (readonly AttemptSpend[])[], day: string): number {
  let usd = 0;
  for (const attempts of items) for (const a of attempts) if (a.dispatchedAt.slice(0, 10) === day) usd += a.costUsd ?? 0;
  return round6(usd);
}

/** One line of an item's spend for a status comment: `$1.2 · 3400 tokens (in 3000, out 400) · 12.5 min · 2 attempts`. */
export function describeSpend(spend: ItemSpend): string {
  const tokens = spend.tokens.input + spend.tokens.output;
  return `${usd(spend.usd)} · ${tokens} tokens (in ${spend.tokens.input}, out ${spend.tokens.output}) · ${spend.minutes} min · ${spend.attempts} attempt${spend.attempts === 1 ? "" : "s"}`;
}
