import type { FailureClass } from "./failure-class.js";

/**
 * The dead-letter list (issue 12): items that will not be dispatched again without a person,
 * because their attempts are used up or their runs keep dying of infrastructure failures. Each
 * carries a reason and its last evidence; `/retry` revives one. Pure.
 */

export type DeadLetterReason = "attempts-exhausted" | "infrastructure";

export interface DeadLetter {
  reason: DeadLetterReason;
  /** One line for the status comment. */
  summary: string;
  /** The last attempt's evidence: its number, what happened, and its run or report link. */
  evidence: { attempt: number; detail: string; url?: string };
}

export interface DeadLetterInput {
  /** Attempts that count against `worker.max_attempts` (a trusted `/retry` resets the count). */
  attemptsCounted: number;
  maxAttempts: number;
  /** The last attempt's number, class of failure and detail; undefined when it succeeded. */
  last?: { attempt: number; failure: FailureClass; detail: string; url?: string };
  /** Infrastructure failures in a row on this item (its own, not the repository's breaker). */
  infrastructureFailuresInARow: number;
  /** How many infrastructure failures in a row dead-letter an item; default 3 (as the breaker). */
  infrastructureLimit?: number;
}

/**
 * The dead letter for an item after its last attempt failed, or null if it may be dispatched
 * again: infrastructure failures in a row at the limit dead-letter it as `infrastructure`; used-up
 * attempts as `attempts-exhausted`. An item failure (bad input) is not dead-lettered: a person
 * fixes the issue and it is re-read.
 */
export function deadLetterFor(input: DeadLetterInput): DeadLetter | null {
  const last = input.last;
  if (last === undefined || last.failure === "item") return null;
  const evidence = { attempt: last.attempt, detail: last.detail, ...(last.url !== undefined ? { url: last.url } : {}) };
  const limit = input.infrastructureLimit ?? 3;
  if (last.failure === "infrastructure" && input.infrastructureFailuresInARow >= limit) {
    return { reason: "infrastructure", summary: `${input.infrastructureFailuresInARow} runs in a row died of infrastructure failures (last: ${last.detail}); /retry to try again`, evidence };
  }
  if (input.attemptsCounted >= input.maxAttempts) {
    return { reason: "attempts-exhausted", summary: `all ${input.maxAttempts} attempts used (worker.max_attempts; last: ${last.detail}); /retry with guidance to try again`, evidence };
  }
  return null;
}

/**
 * The documented place to find the dead-letter list until a dashboard issue exists: a GitHub
 * issue search for open issues carrying `label`.
 */
export function deadLetterSearchUrl(repository: string, label: string): string {
  const query = `is:issue is:open label:"${label}"`;
  return `https://github.com/${repository}/issues?q=${encodeURIComponent(query)}`;
}
