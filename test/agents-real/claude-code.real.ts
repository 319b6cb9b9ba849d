import { describe, expect, it } from "vitest";
import { CLAUDE, inWork, realAttempt } from "./real-cli.js";
import { realCliSuite, reportOf } from "./suite.js";

// claude-sonnet-4-5 at list price ($3 / $15 per million tokens): 3 requests of 1000 in, 50 out.
realCliSuite(CLAUDE, { webTools: ["WebFetch", "WebSearch"], costUsd: 3 * (1000 * 3e-6 + 50 * 15e-6) });

describe("claude-code: spend cap", () => {
  it("stops a looping agent once its reported spend passes what is left of the item's budget", async () => {
    // Each request costs $0.00375; $0.01 is passed at the third.
    const attempt = await realAttempt(
      CLAUDE,
      (sb) => ({ steps: [{ shell: `echo spending >> ${inWork(sb, "src/log.txt")}` }], loop: true, usage: { input: 1000, output: 50 } }),
      { agent: { max_turns: 30 }, budget: { per_item_usd: 0.01 } },
    );
    try {
      expect(reportOf(attempt).blocker?.kind).toBe("cost-budget");
      expect(reportOf(attempt).costUsd).toBeGreaterThan(0.01);
      expect(attempt.server.scripted().length).toBeLessThanOrEqual(5);
    } finally {
      await attempt.cleanup();
    }
  });
});
