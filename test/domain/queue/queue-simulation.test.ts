import { describe, expect, it } from "vitest";
import { simulateQueues } from "../../../bench/queue-simulation.js";

describe("merge-queue simulation (the numbers npm run bench prints; counts, never time)", () => {
  it("batches of 8 at a 0.05 failure rate: at most 0.45 CI runs per landed PR, no dependency-order violation, nothing untested lands", () => {
    const [row] = simulateQueues({ prs: 200, seeds: 3, failureRates: [0.05], batchSizes: [8], serial: false });
    expect(row?.landed).toBeGreaterThan(500);
    expect(row?.runsPerLanded).toBeLessThanOrEqual(0.45);
    expect(row?.dependencyViolations).toBe(0);
    expect(row?.untestedLandings).toBe(0);
  });
});
