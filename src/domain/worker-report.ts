import { z } from "zod";
import { tddEvidenceSchema } from "./tdd.js";

/**
 * The structured handoff worker -> app: one report per attempt, as a hidden block
 * `<!-- orchestrator:report {json} -->` at the end of the worker's report comment on the issue.
 * The comment is found by {@link reportMarker} (one per attempt), so a re-run of the same attempt
 * edits it instead of adding another. `-` is written as `\u002d` inside the block (as in
 * state-block.ts) because `--` may not appear inside an HTML comment.
 *
 * The app is the only writer of item state: it reads this report and moves the item (pr ->
 * in-review, blocked -> blocked). The worker never changes labels or the status comment.
 */

export const REPORT_VERSION = 1 as const;

/** One strategy of the attempt. `outcome`: passed (led to the PR), abandoned (rolled back), exhausted (last one, kept). */
export const strategyRecordSchema = z.object({
  index: z.number().int().min(0),
  iterations: z.number().int().min(0),
  outcome: z.enum(["passed", "abandoned", "exhausted", "stopped"]),
  summary: z.string(),
});
export type StrategyRecord = z.infer<typeof strategyRecordSchema>;

/** Why an attempt ended without a pull request. */
export const BLOCKER_KINDS = [
  "exhausted",
  "out-of-scope",
  "time-budget",
  "cost-budget",
  "agent-missing",
  "bad-input",
  "error",
] as const;
export type BlockerKind = (typeof BLOCKER_KINDS)[number];

export const blockerSchema = z.object({
  kind: z.enum(BLOCKER_KINDS),
  /** One line for the status comment's "blocked because". */
  summary: z.string(),
  hypothesis: z.string(),
  intervention: z.string(),
  /** The branch kept for inspection, if one was pushed. */
  branch: z.string().optional(),
});

export const workerReportSchema = z.object({
  v: z.literal(REPORT_VERSION),
  issue: z.number().int().positive(),
  attempt: z.number().int().positive(),
  /** The Actions run that produced the report (GITHUB_RUN_ID). */
  runId: z.number().int().optional(),
  outcome: z.enum(["pr", "blocked"]),
  pr: z.object({ number: z.number().int().positive(), branch: z.string(), headSha: z.string() }).optional(),
  /** The branch the attempt worked on (kept on failure). */
  branch: z.string().optional(),
  /** Agent runs in this attempt (all strategies). */
  iterations: z.number().int().min(0),
  strategies: z.array(strategyRecordSchema),
  /** Gated paths touched: the pull request needs a trusted `/approve`. */
  gated: z.array(z.string()).default([]),
  /** Files outside scope; a non-empty list is never queued for merge. */
  outOfScope: z.array(z.string()).default([]),
  /** Files deleted by the change. */
  deleted: z.number().int().min(0).default(0),
  /** Gated paths touched or too many deletions: needs a trusted `/approve`. */
  needsPerson: z.boolean().default(false),
  /** Agent cost, USD, where the CLI reports it. */
  costUsd: z.number().min(0).optional(),
  tokens: z.object({ input: z.number().int().min(0), output: z.number().int().min(0) }).optional(),
  blocker: blockerSchema.optional(),
  /** `worker.tdd`: the red-then-green evidence per criterion (issue #13, src/domain/tdd.ts). */
  tdd: tddEvidenceSchema.optional(),
});
export type WorkerReport = z.infer<typeof workerReportSchema>;
