import type { CheckState } from "../merge-plan.js";
import { shortSha } from "../queue-membership.js";
import { freshTest, withoutDependents, type BatchMember, type BatchRun } from "./batch-run.js";
import { selectBatch, type BatchCandidate } from "./select-batch.js";

/**
 * The batch strategy's state machine (issue #14 "merge.strategy: batch"): queue state and the
 * current {@link BatchRun} in, ONE step and the run to record after it out. The app only executes
 * steps; this decides every transition. The rule is bors' (bors-ng, "batching and bisection"):
 * test the batch merged onto the base; green lands it; red is retried `flakyRetries` times (a
 * flake), then bisected by halving: the first half is tested on its own, a green half lands and
 * the culprit is known to be in the rest, a red half is halved again, until one pull request is
 * left: the culprit, ejected with its dependents. What lands is always exactly a tested tree (a
 * prefix of the members on the base it was tested on), and a prefix is closed under dependencies.
 */

/** Batch size and flaky retries, from config `merge.batch_size` / `merge.flaky_retries`. */
export interface BatchOptions {
  /** Most pull requests in one batch (>= 1). */
  batchSize: number;
  /** Re-runs of a red staging test before bisection starts (>= 0). */
  flakyRetries: number;
}

/** The required-check verdict on a staging head, read by the caller. */
export interface StagingResult {
  sha: string;
  checks: CheckState;
  failedChecks?: readonly string[];
}

/** Everything one batch decision looks at. */
export interface BatchInput {
  /** Current tip of the base (default) branch. */
  baseSha: string;
  /** Queue members (see `queueEligibility`), with their current heads. */
  candidates: readonly BatchCandidate[];
  /** Per issue number: its unmerged dependencies as references (`#12`). */
  unmerged: Readonly<Record<number, readonly string[]>>;
  /** The batch in progress, as recorded after the previous step; `null` = none. */
  run: BatchRun | null;
  /** Verdict on the run's staging head, if read. */
  staging: StagingResult | null;
}

/** The one thing to do next. Every step but `idle` names its batch and says why. */
export type BatchStep =
  | { kind: "build-staging"; batch: number; baseSha: string; members: BatchMember[]; attempt: number; reason: string }
  | { kind: "wait-staging"; batch: number; stagingSha: string; members: BatchMember[]; reason: string }
  | { kind: "land"; batch: number; stagingSha: string; baseSha: string; members: BatchMember[]; reason: string }
  | {
      kind: "eject";
      batch: number;
      culprit: BatchMember;
      /** Members that depend on the culprit: they leave the batch with it (and wait for it). */
      dependents: BatchMember[];
      reason: string;
      failedChecks: string[];
      /** true when the culprit was found without testing it alone (see the module comment). */
      inferred: boolean;
    }
  | { kind: "leave"; batch: number; members: BatchMember[]; reason: string }
  | { kind: "idle" };

/**
 * A step and the run to record once it was applied (`null`: no batch in progress). After
 * `build-staging` the caller records the built head with {@link stagingBuilt}, or a conflict
 * with {@link stagingConflict}.
 */
export interface BatchDecision {
  step: BatchStep;
  next: BatchRun | null;
}

const prList = (members: readonly BatchMember[]): string => members.map((m) => `#${m.pr}`).join(", ");

function tree(baseSha: string, members: readonly BatchMember[]): string {
  return `base ${shortSha(baseSha)} + ${prList(members)}`;
}

function build(run: BatchRun, baseSha: string, reason: string): BatchDecision {
  const members = run.members.slice(0, run.test.size);
  return { step: { kind: "build-staging", batch: run.id, baseSha, members, attempt: run.test.attempt, reason }, next: run };
}

/** The run restarted on its remaining members: nothing known, the whole rest under test. */
function restart(run: BatchRun, members: BatchMember[]): BatchRun | null {
  return members.length === 0 ? null : { ...run, members, knownRed: null, test: freshTest(members.length) };
}

/** The run after `count` leading members left (landed): the bisection bound moves with them. */
function afterLanding(run: BatchRun, count: number): BatchRun | null {
  const members = run.members.slice(count);
  if (members.length === 0) return null;
  const knownRed = run.knownRed === null ? null : run.knownRed - count;
  if (knownRed === null || knownRed < 1) return { ...run, members, knownRed: null, test: freshTest(members.length) };
  return { ...run, members, knownRed, test: freshTest(Math.ceil(knownRed / 2)) };
}

function eject(run: BatchRun, reason: string, failedChecks: string[], inferred: boolean): BatchDecision {
  const culprit = run.members[0] as BatchMember;
  const { kept, removed } = withoutDependents(run.members, new Set([culprit.issue]));
  const dependents = run.members.filter((m) => m.issue !== culprit.issue && removed.includes(m.issue));
  return {
    step: { kind: "eject", batch: run.id, culprit, dependents, reason, failedChecks, inferred },
    next: restart(run, kept),
  };
}

function startBatch(input: BatchInput, options: BatchOptions): BatchDecision {
  const members = selectBatch(input.candidates, input.unmerged, options.batchSize);
  const first = members[0];
  if (!first) return { step: { kind: "idle" }, next: null };
  const run: BatchRun = { id: first.pr, members, knownRed: null, test: freshTest(members.length) };
  return build(run, input.baseSha, `batch #${run.id}: testing ${tree(input.baseSha, members)}`);
}

/** Members whose pull request left the queue or whose head moved, with their dependents. */
function departed(run: BatchRun, input: BatchInput): { kept: BatchMember[]; removed: BatchMember[] } {
  const heads = new Map(input.candidates.map((c) => [c.issue, c.headSha]));
  const moved = new Set(run.members.filter((m) => heads.get(m.issue) !== m.headSha).map((m) => m.issue));
  if (moved.size === 0) return { kept: run.members, removed: [] };
  const { kept, removed } = withoutDependents(run.members, moved);
  return { kept, removed: run.members.filter((m) => removed.includes(m.issue)) };
}

function onRed(run: BatchRun, staging: StagingResult, options: BatchOptions, baseSha: string): BatchDecision {
  const { test } = run;
  const tested = run.members.slice(0, test.size);
  const failedChecks = [...(staging.failedChecks ?? [])];
  const what = failedChecks.length === 0 ? "required checks" : `checks ${failedChecks.map((c) => `\`${c}\``).join(", ")}`;
  const red = `${what} failed on staging ${shortSha(staging.sha)} (${tree(baseSha, tested)})`;
  // Retries come before bisection: a bisection step's red is consistent with the known red.
  if (run.knownRed === null && test.attempt < options.flakyRetries) {
    const next = { ...run, test: { ...freshTest(test.size), attempt: test.attempt + 1 } };
    return build(next, baseSha, `batch #${run.id}: ${red}; retry ${test.attempt + 1} of ${options.flakyRetries} for a flaky check`);
  }
  if (test.size === 1) return eject(run, red, failedChecks, false);
  const half = Math.ceil(test.size / 2);
  const next: BatchRun = { ...run, knownRed: test.size, test: freshTest(half) };
  return build(next, baseSha, `batch #${run.id}: ${red}; bisecting: testing the first ${half} of ${test.size}`);
}

/**
 * Decides the next batch step (see the module comment), in this order:
 * 1. no run: select a batch (`selectBatch`) and build its staging branch, or `idle`;
 * 2. members whose pull request left the queue or whose head moved `leave` with their dependents
 *    (the rest restarts: a tree without them was never tested);
 * 3. bisection narrowed the culprit to one member (`knownRed` = 1): `eject` it without a test
 *    (the tree without it passed, the tree with it failed);
 * 4. staging not built, or built on a base that moved since: `build-staging`;
 * 5. staging checks pending (or not read yet): `wait-staging`;
 * 6. passed: `land` exactly the tested members, guarded by the tested base and staging head;
 * 7. failed: retry (before bisection, up to `flakyRetries`), else `eject` a lone member, else
 *    halve: build the first half.
 * Pure and total; never throws.
 */
export function decideBatch(input: BatchInput, options: BatchOptions): BatchDecision {
  const run = input.run;
  if (!run || run.members.length === 0) return startBatch(input, options);
  const { kept, removed } = departed(run, input);
  if (removed.length > 0) {
    const reason = `left batch #${run.id}: the pull request's head moved or it left the merge queue (${prList(removed)}); the rest is tested again without it`;
    return { step: { kind: "leave", batch: run.id, members: removed, reason }, next: restart(run, kept) };
  }
  if (run.knownRed === 1) {
    const culprit = run.members[0] as BatchMember;
    const reason = `batch #${run.id}: the tree with #${culprit.pr} failed and the same tree without it passed, so #${culprit.pr} is the culprit`;
    return eject(run, reason, [], true);
  }
  const { test } = run;
  const tested = run.members.slice(0, test.size);
  if (test.stagingSha === null || test.baseSha === null) {
    return build(run, input.baseSha, `batch #${run.id}: testing ${tree(input.baseSha, tested)}`);
  }
  if (test.baseSha !== input.baseSha) {
    const next = restart(run, run.members) as BatchRun;
    return build(next, input.baseSha, `batch #${run.id}: the base moved from ${shortSha(test.baseSha)} to ${shortSha(input.baseSha)}; testing again`);
  }
  const staging = input.staging?.sha === test.stagingSha ? input.staging : null;
  if (!staging || staging.checks === "pending") {
    const reason = `batch #${run.id}: waiting for the required checks on staging ${shortSha(test.stagingSha)} (${tree(test.baseSha, tested)})`;
    return { step: { kind: "wait-staging", batch: run.id, stagingSha: test.stagingSha, members: tested, reason }, next: run };
  }
  if (staging.checks === "passed") {
    const reason = `batch #${run.id}: required checks passed on staging ${shortSha(test.stagingSha)} (${tree(test.baseSha, tested)})`;
    const step: BatchStep = { kind: "land", batch: run.id, stagingSha: test.stagingSha, baseSha: test.baseSha, members: tested, reason };
    return { step, next: afterLanding(run, tested.length) };
  }
  return onRed(run, staging, options, test.baseSha);
}

/**
 * The run read back after a restart or a lost step, with the members that landed since it was
 * recorded taken out: leading members as {@link decideBatch}'s `land` step would have (the
 * bisection bound moves with them); `null` when none is left. Landed members that are not a prefix
 * (someone merged a pull request by hand) leave like any departure: the rest restarts.
 */
export function withLanded(run: BatchRun, landed: ReadonlySet<number>): BatchRun | null {
  let count = 0;
  while (count < run.members.length && landed.has(run.members[count]!.issue)) count++;
  const remaining = afterLanding(run, count);
  if (!remaining || !remaining.members.some((m) => landed.has(m.issue))) return remaining;
  return restart(remaining, remaining.members.filter((m) => !landed.has(m.issue)));
}

/** The run after its staging branch was built: head `stagingSha` on base `baseSha`. */
export function stagingBuilt(run: BatchRun, stagingSha: string, baseSha: string): BatchRun {
  return { ...run, test: { ...run.test, stagingSha, baseSha } };
}

/**
 * The run after building staging hit a merge conflict at member `issue`: it leaves with its
 * dependents (the caller reports the conflict) and the rest restarts; `null` when none is left.
 */
export function stagingConflict(run: BatchRun, issue: number): { next: BatchRun | null; removed: number[] } {
  const { kept, removed } = withoutDependents(run.members, new Set([issue]));
  return { next: restart(run, kept), removed };
}
