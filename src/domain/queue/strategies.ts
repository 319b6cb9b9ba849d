import { serialStrategy, type MergeStrategy } from "../merge-plan.js";
import { batchStrategy, DEFAULT_BATCH_OPTIONS } from "./batch-strategy.js";
import { githubStrategy } from "./github-strategy.js";

/**
 * Merge-queue settings as config `merge` spells them. `batch_size` (default 8) and
 * `flaky_retries` (default 1) apply to `batch` only.
 */
export interface MergeStrategyConfig {
  strategy: "serial" | "batch" | "github";
  batch_size?: number;
  flaky_retries?: number;
}

/**
 * The merge strategy `merge.strategy` names: `serial` (one pull request at a time, issue #6) or
 * `batch` (staging batches of up to `batch_size` with bisection after `flaky_retries` retries,
 * issue #14) or `github` (GitHub's own merge queue, fed in dependency order, issue #14).
 */
export function strategyFor(merge: MergeStrategyConfig): MergeStrategy {
  switch (merge.strategy) {
    case "batch":
      return batchStrategy({
        batchSize: merge.batch_size ?? DEFAULT_BATCH_OPTIONS.batchSize,
        flakyRetries: merge.flaky_retries ?? DEFAULT_BATCH_OPTIONS.flakyRetries,
      });
    case "github":
      return githubStrategy;
    case "serial":
      return serialStrategy;
  }
}
