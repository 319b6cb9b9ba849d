import { checkDispatchBudget, daySpendUsd, estimateAttemptUsd, itemSpend, utcDay, type AttemptSpend, type BudgetCaps } from "./budget-check.js";
import { breakerFromAttempts, breakerGate, type BreakerAttempt, type BreakerPolicy } from "./circuit-breaker.js";

/**
 * The last word before a dispatch (issue 12): the circuit breaker of the agent, then the spend
 * caps. Everything is derived from the work items' state blocks (GitHub is the database): the
 * breaker from every item's settled attempts, the day's spend from the attempts dispatched today,
 * the estimate from the track's recent costs. Pure; times are ISO 8601 / epoch ms.
 */

/** One attempt as the gate reads it (a subset of the state block's attempt). */
export type GateAttempt = AttemptSpend & BreakerAttempt;

/** One work item as the gate reads it. */
export interface GateItem {
  track?: string | undefined;
  attempts: readonly GateAttempt[];
}

export interface DispatchGateInput {
  /** The item about to be dispatched. */
  item: GateItem;
  /** Every open work item of the repository (the item itself may be among them). */
  repository: readonly GateItem[];
  /** The agent adapter the attempt would run (`agent.name`). */
  agent: string;
  /** Now, epoch ms. */
  now: number;
  caps: BudgetCaps;
  breaker: BreakerPolicy;
}

/**
 * May the attempt start? Allowed: whether it is the breaker's half-open probe, what is left of
 * the item's budget (USD, for the envelope) and the estimate used. Denied: which gate and a
 * sentence for the item's status comment.
 */
export type DispatchGate =
  | { allow: true; probe: boolean; itemLeftUsd: number; estimateUsd: number }
  | { allow: false; gate: "breaker" | "per-item" | "per-day"; reason: string };

/**
 * The gate for one dispatch. Order: the breaker (an open breaker stops every dispatch of its
 * agent, so no spend is even estimated), then `budget.per_item_usd`, then `budget.per_day_usd`.
 * The day's spend is the reported cost of every attempt dispatched on the current UTC day plus the
 * estimate for each attempt still running (so concurrent runs cannot pass the cap together).
 * The estimate is the median cost of the track's recent settled attempts
 * ({@link estimateAttemptUsd}), $1 without history.
 */
export function dispatchGate(input: DispatchGateInput): DispatchGate {
  const all = input.repository.flatMap((i) => i.attempts);
  const breaker = breakerGate(breakerFromAttempts(all, input.agent, input.breaker), input.now, input.breaker);
  if (!breaker.allow) return { allow: false, gate: "breaker", reason: `${input.agent}: ${breaker.reason}` };
  const trackCosts = input.repository
    .filter((i) => i.track === input.item.track)
    .flatMap((i) => i.attempts)
    .filter((a) => a.costUsd !== undefined && a.finishedAt !== undefined)
    .sort((a, b) => Date.parse(a.finishedAt!) - Date.parse(b.finishedAt!))
    .map((a) => a.costUsd!);
  const estimateUsd = estimateAttemptUsd(trackCosts);
  const day = utcDay(input.now);
  const running = all.filter((a) => a.outcome === "dispatched" && a.dispatchedAt.slice(0, 10) === day).length;
  const dayUsd = daySpendUsd([all], day) + running * estimateUsd;
  const decision = checkDispatchBudget({ itemUsd: itemSpend(input.item.attempts).usd, dayUsd }, estimateUsd, input.caps);
  if (!decision.allow) return { allow: false, gate: decision.cap, reason: decision.reason };
  return { allow: true, probe: breaker.probe, itemLeftUsd: decision.itemLeftUsd, estimateUsd };
}
