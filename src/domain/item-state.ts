import { z } from "zod";
import { jobSizeSchema, statusSchema, trackSchema } from "../config/schema.js";
import { verificationRecordSchema } from "./verify.js";
import { refineStateSchema } from "./pm/refine-state.js";
import { planStateSchema } from "./pm/plan-state.js";

/**
 * The work item's state that labels cannot hold, kept as a versioned, zod-validated JSON block in an
 * HTML comment inside the item's one status comment (see ../../shared/DESIGN.md, "GitHub is the
 * database"). Every field has a default so an older or partial block still parses; a block that
 * does not parse at all is treated as absent (the item is re-triaged from labels and text) and the
 * problem is logged, never thrown.
 *
 * Field owners: triage (intake) writes `wsjf`, `track`, `dependsOn`, `trusted`, `missing`;
 * the scheduler writes `attempts`; the worker's report writes `attempts[].outcome`, `pr`;
 * commands write `commands`, `approval`, `itemApproval`, `guidance`, `hold`; review writes
 * `reviews`, `reviewRuns`, `checksWait`; the merge queue writes `queue`, `merged`; the PM agent's
 * refine step (app/pm-refine.ts) and `/approve` write `refine`.
 */

export const STATE_VERSION = 1 as const;

const isoTime = z.string().min(1);

/** One dispatch of a worker for this item (an attempt). `n` counts from 1. */
export const attemptSchema = z.object({
  n: z.number().int().positive(),
  dispatchedAt: isoTime,
  /** Why it was dispatched: first try, review feedback, CI failure in the queue, conflict, retry. */
  reason: z.enum(["initial", "review", "ci-failure", "conflict", "retry", "rerun"]).default("initial"),
  /** The workflow run, once known (from workflow_run events). */
  runId: z.number().int().optional(),
  runUrl: z.string().optional(),
  /**
   * `dispatched` until the worker reports. `pr`: the worker opened or updated a pull request.
   * `blocked`: the worker filed a blocker report. `failed`: the run ended without a report
   * (completion guarantee). `cancelled`: cancelled by `/cancel`.
   */
  outcome: z.enum(["dispatched", "pr", "blocked", "failed", "cancelled"]).default("dispatched"),
  finishedAt: isoTime.optional(),
  summary: z.string().optional(),
  /** The agent adapter the attempt ran (`agent.name` at dispatch): the circuit breaker is per agent. */
  agent: z.string().optional(),
  /** The attempt was the circuit breaker's half-open probe. */
  probe: z.boolean().optional(),
  /** Agent spend of the attempt, USD, from the worker report (absent: the CLI reports none). */
  costUsd: z.number().min(0).optional(),
  /** Agent tokens of the attempt, from the worker report. */
  tokens: z.object({ input: z.number().int().min(0), output: z.number().int().min(0) }).optional(),
  /**
   * Whose failure ended a failed or blocked attempt (domain/failure-class.ts): `infrastructure`
   * trips the circuit breaker; `agent` and `item` do not. Absent for a pull request (a success).
   */
  failure: z.enum(["infrastructure", "agent", "item"]).optional(),
});
export type Attempt = z.infer<typeof attemptSchema>;

/** `attempts` with attempt `n` changed by `change` (the others as they are). Pure. */
export function replaceAttempt(attempts: readonly Attempt[], n: number, change: Partial<Attempt>): Attempt[] {
  return attempts.map((a) => (a.n === n ? { ...a, ...change } : a));
}

/** An accepted command, recorded for audit and for idempotency (a comment id runs once). */
export const commandRecordSchema = z.object({
  commentId: z.number().int(),
  command: z.string(),
  by: z.string(),
  at: isoTime,
  headSha: z.string().optional(),
});

/** A `/approve` of a pull request, tied to the head commit it was given on. */
export const approvalSchema = z.object({
  by: z.string(),
  at: isoTime,
  headSha: z.string(),
  commentId: z.number().int().optional(),
  via: z.enum(["command", "review"]).default("command"),
});
export type Approval = z.infer<typeof approvalSchema>;

/** A PM review verdict, per head commit. */
export const reviewRecordSchema = z.object({
  headSha: z.string(),
  verdict: z.enum(["APPROVED", "CHANGES_REQUESTED"]),
  at: isoTime,
  findings: z.array(z.string()).default([]),
});
export type ReviewRecord = z.infer<typeof reviewRecordSchema>;

/**
 * A reviewer agent run (`review.agent`) dispatched for one head commit of the item's pull request:
 * recorded before the dispatch, so a redelivered event never dispatches twice for a head.
 * `failure`: why no verdict will come (dispatch refused, run ended without a verdict comment).
 */
export const reviewRunSchema = z.object({
  headSha: z.string(),
  pr: z.number().int().positive(),
  dispatchedAt: isoTime,
  failure: z.string().optional(),
});
export type ReviewRun = z.infer<typeof reviewRunSchema>;

export const itemStateSchema = z.object({
  v: z.literal(STATE_VERSION).default(STATE_VERSION),
  issue: z.number().int().positive(),
  status: statusSchema.default("needs-info"),
  track: trackSchema.optional(),
  wsjf: z
    .object({
      value: z.number().int().min(1).max(5).optional(),
      urgency: z.number().int().min(1).max(5).optional(),
      risk: z.number().int().min(1).max(5).optional(),
      size: jobSizeSchema.optional(),
      score: z.number().optional(),
    })
    .default({}),
  /** Issue references this item depends on: `#12` (same repository) or `owner/repo#12`. */
  dependsOn: z.array(z.string()).default([]),
  /** The dependencies as last resolved by triage, with their states (shown in the status comment). */
  dependencies: z
    .array(z.object({ ref: z.string(), state: z.enum(["open", "closed"]), status: statusSchema.optional() }))
    .default([]),
  /** Dependency cycles this item is on, as last found by triage (each an ordered ref list). */
  cycles: z.array(z.array(z.string())).default([]),
  /** Child issues (GitHub sub-issues) when this item is an epic. */
  children: z.array(z.number().int()).default([]),
  /** States of the child issues, as last resolved by triage. */
  childStates: z.array(z.object({ number: z.number().int(), state: z.enum(["open", "closed"]) })).default([]),
  /** What triage found missing (asked for in the status comment). */
  missing: z.array(z.string()).default([]),
  /** The author is trusted, or a trusted person approved the item for agents. */
  trusted: z.boolean().default(false),
  /**
   * Who approved an untrusted item for agents (`/approve` on the issue), bound to the approved text
   * (issue #10): `digest` of the canonical title + body (domain/trust/approval-digest.ts), and the
   * text itself as `snapshot` when it fits. Absent `digest`: recorded before digests existed.
   */
  itemApproval: z
    .object({
      by: z.string(),
      at: isoTime,
      digest: z.string().optional(),
      snapshot: z.object({ title: z.string(), body: z.string() }).optional(),
    })
    .optional(),
  /** The last item approval voided by an untrusted edit: who edited, when, and what changed. */
  approvalVoided: z.object({ by: z.string(), at: isoTime, change: z.string() }).optional(),
  attempts: z.array(attemptSchema).default([]),
  /** Attempts before this index do not count against `worker.max_attempts` (a trusted `/retry` resets). */
  attemptBudgetFrom: z.number().int().min(0).default(0),
  /** Guidance from `/retry`, newest last; carried into the next task envelope. */
  guidance: z.array(z.string()).default([]),
  /** Feedback for the next attempt: review verdict findings, CI failures, conflicts. */
  feedback: z.array(z.string()).default([]),
  /** The pull request that implements this item. */
  pr: z
    .object({
      number: z.number().int().positive(),
      branch: z.string(),
      headSha: z.string().optional(),
      /** Gated paths touched: the PR needs a trusted `/approve`. */
      gated: z.array(z.string()).default([]),
      /** Files outside scope; a non-empty list is never queued. */
      outOfScope: z.array(z.string()).default([]),
    })
    .optional(),
  approval: approvalSchema.optional(),
  reviews: z.array(reviewRecordSchema).default([]),
  /** Reviewer agent runs, one per reviewed head (optional: absent in older blocks). */
  reviewRuns: z.array(reviewRunSchema).default([]),
  commands: z.array(commandRecordSchema).default([]),
  /**
   * Older accepted commands summarized to keep the block bounded (domain/state-bounds.ts): how
   * many, and the highest comment id among them (a redelivered comment up to it never runs again).
   */
  commandsCompacted: z.object({ count: z.number().int().min(0), throughCommentId: z.number().int() }).optional(),
  /** Position and reason for waiting in the merge queue, as last evaluated. */
  queue: z
    .object({
      position: z.number().int().optional(),
      reason: z.string(),
      /** The queue's own update of the head from the base branch: approval survives from -> to. */
      updatedFrom: z.string().optional(),
      updatedTo: z.string().optional(),
      /**
       * The base branch's tip when the queue asked for that update: the updated head contains it
       * (GitHub merges the base's tip of that moment or a later one), so while the tip is still
       * this commit the head is up to date without comparing them (issue #9 "A request budget").
       */
      updatedBase: z.string().optional(),
      /**
       * Other apps' checks (CI) ran on the approved head when the queue asked for the update: they
       * run on the updated head too, and their suite's completion reviews and lands it, so the
       * update's synchronize records it and nothing more (issue #9 "A request budget").
       */
      awaitChecks: z.boolean().optional(),
    })
    .optional(),
  merged: z.object({ sha: z.string(), at: isoTime, pr: z.number().int() }).optional(),
  /**
   * The checks grace of the pull request's head (issue #11 "Tokens", domain/checks-grace.ts): the
   * head seen with no check (run or commit status) since `since`; `outcome` once the grace ran out:
   * `noticed` (said on the pull request, and a line in this comment while no check arrives) or
   * `no-pull-request-workflows` (nothing to say: no workflow would run on it). Cleared by a check.
   */
  checksWait: z
    .object({
      headSha: z.string(),
      since: isoTime,
      outcome: z.enum(["noticed", "no-pull-request-workflows"]).optional(),
    })
    .optional(),
  /**
   * Why the scheduler passed over this ready item at its last pass (a spend cap, the circuit
   * breaker): the item is held, not lost, and dispatched once the reason is gone. Cleared on dispatch.
   */
  dispatchWait: z.object({ reason: z.string(), at: isoTime }).optional(),
  /**
   * The item is on the dead-letter list (domain/dead-letter.ts): why, and the last attempt's
   * evidence. A `/retry` clears it.
   */
  deadLetter: z
    .object({
      reason: z.enum(["attempts-exhausted", "infrastructure"]),
      summary: z.string(),
      evidence: z.object({ attempt: z.number().int().positive(), detail: z.string(), url: z.string().optional() }),
      at: isoTime,
    })
    .optional(),
  /** The last verification after landing (issue #13, domain/verify.ts): per criterion, commit, run. */
  verification: verificationRecordSchema.optional(),
  /** An epic's plan by the PM agent (issue #13 item 3, src/domain/pm/plan-state.ts); absent otherwise. */
  plan: planStateSchema.optional(),
  /** Why the item is blocked (blocker report summary, cycle, budget exhausted). */
  blockedReason: z.string().optional(),
  /**
   * The PM agent's refinement of this item (issue #13 item 1, src/domain/pm/refine-state.ts): the
   * revision asked for, the draft story, an unusable handoff, the accepted story. Absent: never refined.
   */
  refine: refineStateSchema.optional(),
  updatedAt: isoTime.optional(),
});

/** The item's state as stored in its status comment. */
export type ItemState = z.infer<typeof itemStateSchema>;

/** A fresh state for an item that has none yet. */
export function emptyItemState(issue: number): ItemState {
  return itemStateSchema.parse({ issue });
}
