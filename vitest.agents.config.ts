import { defineConfig } from "vitest/config";

/**
 * The real-agent-CLI tier (`npm run test:agents`, issue 12): Claude Code, Codex and Gemini CLI from
 * node_modules against the scripted model server on 127.0.0.1. Kept out of the main suite (its
 * files end in `.real.ts`); one file at a time, since each test starts a real CLI.
 */
export default defineConfig({
  test: {
    include: ["test/agents-real/**/*.real.ts"],
    setupFiles: ["test/setup/no-network.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 60_000,
    reporters: ["default"],
  },
});
