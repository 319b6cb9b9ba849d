import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // No test reaches the network: only loopback connections (the stand-in, the app) are allowed.
    setupFiles: ["test/setup/no-network.ts"],
    pool: "forks",
    // Real git, real processes and a local HTTP stand-in for GitHub: generous per-test limits,
    // never assertions on time.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ["default"],
  },
});
