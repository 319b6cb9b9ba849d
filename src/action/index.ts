/**
 * The Action's entry point (action.yml `runs.main`, bundled to dist/index.js by scripts/bundle.mjs):
 * runs src/action/main.ts with the runner's environment and sets the exit code.
 */
import { runAction } from "./main.js";

runAction({ env: process.env, stderr: (line) => process.stderr.write(`${line}\n`), cwd: process.env.GITHUB_WORKSPACE ?? process.cwd() })
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`orchestrator: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  });
