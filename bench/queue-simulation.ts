import { pathToFileURL } from "node:url";
import { serialStrategy, type MergeStrategy } from "../src/domain/merge-plan.js";
import { batchStrategy } from "../src/domain/queue/batch-strategy.js";
import { mulberry32, randomPrs, simulateQueue } from "../test/support/queue-simulator.js";

/**
 * Merge-queue simulation (issue #14 "Done when"): the pure planner with a simulated CI (see
 * test/support/queue-simulator.ts) over queues of approved pull requests with random dependencies,
 * for the serial strategy and batches of 4, 8 and 16 (one flaky retry, the default), at failure
 * rates 0.01, 0.05 and 0.1. CI runs one test at a time (one staging branch, or one updated head).
 * No wall-clock: the numbers are counts, the same on every run (seeded).
 */

export interface QueueSimRow {
  strategy: string;
  failureRate: number;
  prs: number;
  landed: number;
  ciRuns: number;
  /** CI runs per landed pull request. */
  runsPerLanded: number;
  /** Landed pull requests per hour with 30-minute CI runs, one at a time. */
  landedPerHour: number;
  dependencyViolations: number;
  untestedLandings: number;
}

export interface QueueSimOptions {
  /** Pull requests per simulated queue. */
  prs?: number;
  /** Queues per row (seeds 1..n). */
  seeds?: number;
  /** Chance per pull request of depending on an earlier one (twice). */
  dependencyRate?: number;
  failureRates?: readonly number[];
  batchSizes?: readonly number[];
  /** Include the serial strategy (slow: one planner evaluation per CI run over the whole queue). */
  serial?: boolean;
}

/** CI minutes per run assumed for `landedPerHour`. */
const CI_MINUTES = 30;

/** Runs the simulation; one row per strategy and failure rate, summed over the seeds. */
export function simulateQueues(options: QueueSimOptions = {}): QueueSimRow[] {
  const prs = options.prs ?? 200;
  const seeds = options.seeds ?? 10;
  const strategies: Array<[string, MergeStrategy]> = [
    ...(options.serial === false ? [] : [["serial", serialStrategy] as [string, MergeStrategy]]),
    ...(options.batchSizes ?? [4, 8, 16]).map((size): [string, MergeStrategy] => [`batch of ${size}`, batchStrategy({ batchSize: size, flakyRetries: 1 })]),
  ];
  const rows: QueueSimRow[] = [];
  for (const failureRate of options.failureRates ?? [0.01, 0.05, 0.1]) {
    for (const [name, strategy] of strategies) {
      const row: QueueSimRow = { strategy: name, failureRate, prs: 0, landed: 0, ciRuns: 0, runsPerLanded: 0, landedPerHour: 0, dependencyViolations: 0, untestedLandings: 0 };
      for (let seed = 1; seed <= seeds; seed++) {
        const queue = randomPrs(prs, failureRate, options.dependencyRate ?? 0.1, mulberry32(seed));
        const r = simulateQueue(queue, strategy);
        if (!r.settled) throw new Error(`${name} at ${failureRate}: the queue did not settle (seed ${seed})`);
        row.prs += queue.length;
        row.landed += r.landed.length;
        row.ciRuns += r.ciRuns;
        row.dependencyViolations += r.dependencyViolations;
        row.untestedLandings += r.untestedLandings;
      }
      row.runsPerLanded = row.landed === 0 ? 0 : row.ciRuns / row.landed;
      row.landedPerHour = row.ciRuns === 0 ? 0 : row.landed / ((row.ciRuns * CI_MINUTES) / 60);
      rows.push(row);
    }
  }
  return rows;
}

/** The table `npm run bench` prints. */
export function queueSimTable(rows: readonly QueueSimRow[]): string {
  const lines = [
    `| failure rate | strategy | PRs | landed | CI runs | CI runs per landed PR | landed per hour (${CI_MINUTES}-min CI) | dependency violations | untested landings |`,
    "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.failureRate} | ${r.strategy} | ${r.prs} | ${r.landed} | ${r.ciRuns} | ${r.runsPerLanded.toFixed(3)} | ${r.landedPerHour.toFixed(1)} | ${r.dependencyViolations} | ${r.untestedLandings} |`,
    );
  }
  return lines.join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(queueSimTable(simulateQueues()));
}
