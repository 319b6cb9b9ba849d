import { defineConfig } from "vitest/config";

/**
 * Files that run the app against the local GitHub stand-in. They share one module graph per worker
 * process (`isolate: false`): GitHub's OpenAPI description is then parsed, and each of its schemas
 * compiled by ajv, once per worker instead of once per file, and the app's modules are imported
 * once (about a third of these files' CPU time; docs/test-speed.md). Each test starts its own
 * stand-in and app (useHarness), so no state is shared between tests through these modules.
 */
const STANDIN_FILES = ["test/app/**/*.test.ts", "test/e2e/**/*.test.ts", "test/standin/**/*.test.ts"];

const shared: { setupFiles: string[]; pool: "forks"; testTimeout: number; hookTimeout: number } = {
  // No test reaches the network: only loopback connections (the stand-in, the app) are allowed.
  setupFiles: ["test/setup/no-network.ts"],
  pool: "forks",
  // Real git, real processes and a local HTTP stand-in for GitHub: generous per-test limits,
  // never assertions on time.
  testTimeout: 120_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    reporters: ["default"],
    // Two workers on the two-core machine: the app-level files spend most of their time waiting on
    // git and worker processes, so two at once finish the suite in about two thirds of the time
    // (693 s -> 444 s, docs/test-speed.md).
    maxWorkers: 2,
    projects: [
      { test: { ...shared, name: "unit", include: ["test/**/*.test.ts"], exclude: STANDIN_FILES } },
      { test: { ...shared, name: "stand-in", include: STANDIN_FILES, isolate: false } },
    ],
  },
});
