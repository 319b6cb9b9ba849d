/**
 * One harness per test, closed after it: `const harness = useHarness()` at the top of a test file
 * registers an `afterEach` that closes the harness the test started (if it started one) and then
 * fails the test if the stand-in recorded any violation (a request or payload the GitHub spec does
 * not allow). The violations are read before closing, so they are exactly those of the test; the
 * harness is closed even when that assertion fails. Vitest only: scripts use startHarness directly
 * (and keep Bottleneck's production scheduling, see bottleneck-yields.ts).
 */
import { afterEach, expect } from "vitest";
import { startHarness, type Harness, type HarnessOptions } from "./app-harness.js";
import { fastBottleneckYields } from "./bottleneck-yields.js";

export interface HarnessHooks {
  /** Runs after the test, before the harness closes (e.g. to write a timeline, reset a worker's plans). */
  beforeClose?: (h: Harness) => void;
  /** Runs once the harness is closed, before the violations are asserted. */
  afterClose?: () => void;
}

export interface TestHarness {
  /** Starts the stand-in and the app for the current test; `useHarness` closes them after it. */
  start(options?: HarnessOptions): Promise<Harness>;
}

/** Registers the per-test close-and-check; call once per test file, at module level. */
export function useHarness(hooks: HarnessHooks = {}): TestHarness {
  // Tests only: Octokit's limiters yield with setImmediate instead of zero timers (bottleneck-yields.ts).
  fastBottleneckYields();
  let current: Harness | undefined;
  afterEach(async () => {
    const h = current;
    if (!h) return;
    current = undefined;
    hooks.beforeClose?.(h);
    const violations = [...h.standIn.violations];
    await h.close();
    hooks.afterClose?.();
    expect(violations).toEqual([]);
  });
  return {
    async start(options) {
      current = await startHarness(options);
      return current;
    },
  };
}
