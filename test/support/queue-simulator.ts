import type { MergeStrategy, QueueEntry, QueueState } from "../../src/domain/merge-plan.js";
import type { BatchRun } from "../../src/domain/queue/batch-run.js";
import { stagingBuilt, type StagingResult } from "../../src/domain/queue/batch-step.js";
import { mulberry32 } from "./random.js";

export { mulberry32 };

/**
 * A simulated repository and CI for the merge-queue planner (issue #14): the pure planner decides,
 * this executes its actions the way the app would (update-branch, merge guarded by the tested
 * head, staging builds, batch landings, ejections) and runs "CI" on exactly the tree under test.
 * CI fails a tree that contains a bad pull request (a genuine failure) or, with `flakeRate`, at
 * random (a flake). Used by the property tests and by `npm run bench`.
 */

/** One simulated pull request; `dependsOn` lists earlier issue numbers. */
export interface SimPr {
  issue: number;
  dependsOn: number[];
  /** Its change breaks the build: every tree containing it fails CI. */
  bad: boolean;
}

export interface SimOptions {
  /** Probability that a CI run on a good tree fails anyway (0 = no flakes). */
  flakeRate?: number;
  /** Seeded random numbers in [0, 1) for flakes (see {@link mulberry32}). */
  random?: () => number;
  /** Safety bound on planner evaluations. */
  maxSteps?: number;
}

export interface SimResult {
  /** CI runs started (serial: one per update of a head; batch: one per staging build). */
  ciRuns: number;
  /** Issue numbers in the order they landed on the base. */
  landed: number[];
  /** Issue numbers ejected from the queue (culprits). */
  ejected: number[];
  /** Landings of a pull request before one of its dependencies. */
  dependencyViolations: number;
  /** Landings whose resulting tree (base + landed, in order) was not exactly a tree CI passed. */
  untestedLandings: number;
  /** Whether the planner went idle (false: `maxSteps` ran out). */
  settled: boolean;
}

/**
 * `count` pull requests, issue numbers 1..count; each depends on an earlier one with probability
 * `dependencyRate` (up to two), and is bad with probability `failureRate`.
 */
export function randomPrs(count: number, failureRate: number, dependencyRate: number, random: () => number): SimPr[] {
  return Array.from({ length: count }, (_, i) => {
    const deps = new Set<number>();
    for (let k = 0; k < 2 && i > 0; k++) if (random() < dependencyRate) deps.add(1 + Math.floor(random() * i));
    return { issue: i + 1, dependsOn: [...deps], bad: random() < failureRate };
  });
}

const key = (tree: readonly number[]): string => tree.join(",");

/** Runs the queue over `prs` (all approved at once) until the planner goes idle. */
export function simulateQueue(prs: readonly SimPr[], strategy: MergeStrategy, options: SimOptions = {}): SimResult {
  const flakeRate = options.flakeRate ?? 0;
  const random = options.random ?? mulberry32(1);
  const byIssue = new Map(prs.map((p) => [p.issue, p]));
  const queued = new Set(prs.map((p) => p.issue));
  const landed: number[] = [];
  const ejected: number[] = [];
  const passedTrees = new Set<string>();
  // Serial: per issue, the landed count its head was last updated onto, and that test's verdict.
  const heads = new Map<number, { onBase: number; checks: "passed" | "failed" }>();
  let run: BatchRun | null = null;
  let staging: StagingResult | null = null;
  const result: SimResult = { ciRuns: 0, landed, ejected, dependencyViolations: 0, untestedLandings: 0, settled: false };

  const ci = (tree: number[]): boolean => {
    result.ciRuns++;
    const passed = !tree.some((i) => byIssue.get(i)?.bad) && !(flakeRate > 0 && random() < flakeRate);
    if (passed) passedTrees.add(key(tree));
    return passed;
  };
  const baseSha = (): string => `base-${landed.length}`;
  /** Lands a group at once (one batch, or one serial head): the resulting tree must have passed. */
  const land = (issues: readonly number[]): void => {
    for (const issue of issues) {
      const pr = byIssue.get(issue);
      if (pr && pr.dependsOn.some((d) => !landed.includes(d))) result.dependencyViolations++;
      landed.push(issue);
      queued.delete(issue);
    }
    if (!passedTrees.has(key(landed))) result.untestedLandings += issues.length;
  };
  const entryOf = (issue: number): QueueEntry => {
    const head = heads.get(issue);
    const upToDate = head?.onBase === landed.length;
    return {
      issue,
      pr: 1000 + issue,
      track: "standard",
      score: 1,
      approvedAt: new Date(Date.UTC(2025, 0, 1) + issue * 1000).toISOString(),
      dependsOn: (byIssue.get(issue)?.dependsOn ?? []).map((d) => `#${d}`),
      headSha: `head-${issue}`,
      upToDate,
      checks: upToDate && head ? head.checks : "pending",
      mergeable: true,
      conflict: false,
    };
  };

  for (let step = 0; step < (options.maxSteps ?? 100_000); step++) {
    const entries = [...queued].map(entryOf);
    const unmergedDependencies: Record<number, string[]> = {};
    for (const e of entries) {
      unmergedDependencies[e.issue] = (byIssue.get(e.issue)?.dependsOn ?? []).filter((d) => !landed.includes(d)).map((d) => `#${d}`);
    }
    const state: QueueState = { baseSha: baseSha(), entries, unmergedDependencies, batch: run, staging };
    const { action } = strategy.plan(state);
    const issueOf = (pr: number): number => pr - 1000;
    switch (action.kind) {
      case "idle":
        result.settled = true;
        return result;
      case "update-branch": {
        const issue = issueOf(action.pr);
        heads.set(issue, { onBase: landed.length, checks: ci([...landed, issue]) ? "passed" : "failed" });
        break;
      }
      case "merge":
        land([issueOf(action.pr)]);
        break;
      case "eject":
      case "conflict":
        ejected.push(issueOf(action.pr));
        queued.delete(issueOf(action.pr));
        break;
      case "wait-checks":
        throw new Error(`simulated CI reports at once; nothing to wait for (#${action.pr})`);
      case "batch": {
        const s = action.step;
        if (s.kind === "build-staging") {
          const sha = `staging-${result.ciRuns}`;
          const tree = [...landed, ...s.members.map((m) => m.issue)];
          const passed = ci(tree);
          staging = { sha, checks: passed ? "passed" : "failed" };
          run = stagingBuilt(action.next as BatchRun, sha, baseSha());
          break;
        }
        if (s.kind === "land") {
          if (s.baseSha !== baseSha()) throw new Error(`land on a moved base: ${s.baseSha} vs ${baseSha()}`);
          land(s.members.map((m) => m.issue));
        } else if (s.kind === "eject") {
          ejected.push(s.culprit.issue);
          queued.delete(s.culprit.issue);
        } else if (s.kind === "wait-staging") {
          throw new Error(`simulated CI reports at once; nothing to wait for (${s.stagingSha})`);
        }
        run = action.next;
        break;
      }
    }
  }
  return result;
}
