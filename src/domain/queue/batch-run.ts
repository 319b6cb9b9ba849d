import { z } from "zod";

/**
 * The state of one batch of the merge queue (`merge.strategy: batch`, issue #14): plain data the
 * app records between evaluations and the pure planner (`./batch-step.ts`) advances. Crash-only:
 * the app persists the run after each step it applied; a lost run only costs a rebuild.
 */

/** One pull request in a batch, pinned to the head commit it was batched with. */
export const batchMemberSchema = z.strictObject({
  issue: z.number().int().positive(),
  pr: z.number().int().positive(),
  /** The pull request's head commit when it joined; a moved head leaves the batch. */
  headSha: z.string().min(1),
  /** Issue numbers of other members it depends on (they are ahead of it in `members`). */
  dependsOn: z.array(z.number().int().positive()).default([]),
});
export type BatchMember = z.infer<typeof batchMemberSchema>;

/** The staging test in progress: the first `size` members merged in order onto `baseSha`. */
export const batchTestSchema = z.strictObject({
  /** Members under test: a prefix of `members`, so closed under dependencies. */
  size: z.number().int().positive(),
  /** 0 for the first run of this tree; 1, 2, ... for flaky retries (`merge.flaky_retries`). */
  attempt: z.number().int().min(0),
  /** Head commit of the staging branch once built; `null` = still to build. */
  stagingSha: z.string().min(1).nullable(),
  /** Base tip the staging branch was built on; `null` until built. */
  baseSha: z.string().min(1).nullable(),
});
export type BatchTest = z.infer<typeof batchTestSchema>;

/** A batch from selection until every member landed or left. */
export const batchRunSchema = z.strictObject({
  /** Batch number: the pull request number of its first member when selected (staging branch name). */
  id: z.number().int().positive(),
  /** Members not landed or ejected yet, in landing order (dependencies first). */
  members: z.array(batchMemberSchema).min(1),
  /**
   * Length of the shortest prefix of `members` known to fail on the current base (bisection's
   * upper bound: the culprit is among the first `knownRed`), `null` when nothing is known.
   */
  knownRed: z.number().int().positive().nullable(),
  test: batchTestSchema,
});
export type BatchRun = z.infer<typeof batchRunSchema>;

/**
 * The staging branch: the tree under test (base + the tested members merged in order), its head
 * commit's message carrying the batch run. Required checks run on pushes to it (a CI workflow's
 * `on.push.branches` must include it). One batch is tested at a time, so one branch serves all.
 */
export const STAGING_BRANCH = "orchestrator/staging";
/**
 * Where a staging tree is built, one merge at a time, before the staging branch moves to it in
 * one push (bors' `staging.tmp`): CI must NOT run here (each merge is a push).
 */
export const STAGING_BUILD_BRANCH = "orchestrator/staging.tmp";

/** A fresh test of the first `size` members: to build, first attempt. */
export function freshTest(size: number): BatchTest {
  return { size, attempt: 0, stagingSha: null, baseSha: null };
}

/**
 * Removes the members with the given issue numbers and, transitively, every member that depends
 * on one of them (a culprit's dependents leave with it). Returns the remaining members (order
 * kept) and the issue numbers removed, in member order.
 */
export function withoutDependents(
  members: readonly BatchMember[],
  leaving: ReadonlySet<number>,
): { kept: BatchMember[]; removed: number[] } {
  const gone = new Set(leaving);
  // Members are in dependency order, so one forward pass sees every dependency before its dependents.
  for (const m of members) if (m.dependsOn.some((d) => gone.has(d))) gone.add(m.issue);
  return { kept: members.filter((m) => !gone.has(m.issue)), removed: members.filter((m) => gone.has(m.issue)).map((m) => m.issue) };
}
