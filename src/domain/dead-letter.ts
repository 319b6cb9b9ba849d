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

/** The parts of an item's state the dead-letter rule reads. */
export interface DeadLetterState {
  attempts: readonly { n: number; outcome: string; failure?: string | undefined; summary?: string | undefined; runUrl?: string | undefined }[];
  /** Attempts before this index do not count (a trusted `/retry` resets). */
  attemptBudgetFrom: number;
}

/**
 * {@link deadLetterFor} read from an item's state after its last attempt settled: the attempts
 * that count (since the last `/retry`), the last one's class of failure (a run without a report,
 * `failed`, is the infrastructure's when no class was recorded) and the infrastructure failures
 * in a row at the end. Null when the last attempt did not fail or the item may be dispatched again.
 */
export function deadLetterOfState(state: DeadLetterState, maxAttempts: number, infrastructureLimit = 3): DeadLetter | null {
  const counted = state.attempts.slice(Math.min(state.attemptBudgetFrom, state.attempts.length));
  const last = counted.at(-1);
  if (last === undefined || (last.outcome !== "failed" && last.outcome !== "blocked")) return null;
  const classOf = (a: (typeof counted)[number]): FailureClass => (a.failure as FailureClass | undefined) ?? (a.outcome === "failed" ? "infrastructure" : "agent");
  let inARow = 0;
  for (const a of [...counted].reverse()) {
    if ((a.outcome !== "failed" && a.outcome !== "blocked") || classOf(a) !== "infrastructure") break;
    inARow++;
  }
  return deadLetterFor({
    attemptsCounted: counted.length,
    maxAttempts,
    last: { attempt: last.n, failure: classOf(last), detail: last.summary ?? last.outcome, ...(last.runUrl !== undefined ? { url: last.runUrl } : {}) },
    infrastructureFailuresInARow: inARow,
    infrastructureLimit,
  });
}
