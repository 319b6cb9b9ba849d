import type { OrchestratorConfig } from "../../config/schema.js";
import { serialStrategy, type MergeStrategy } from "../merge-plan.js";
import { batchStrategy } from "./batch-strategy.js";

/**
 * The merge strategy config `merge.strategy` names: `serial` (one pull request at a time, issue
 * #6) or `batch` (staging batches of up to `merge.batch_size` with bisection and
 * `merge.flaky_retries` retries, issue #14).
 */
export function strategyFor(merge: Pick<OrchestratorConfig["merge"], "strategy" | "batch_size" | "flaky_retries">): MergeStrategy {
  switch (merge.strategy) {
    case "batch":
      return batchStrategy({ batchSize: merge.batch_size, flakyRetries: merge.flaky_retries });
    case "serial":
      return serialStrategy;
  }
}
