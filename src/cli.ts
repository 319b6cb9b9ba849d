#!/usr/bin/env node
/**
 * The `orchestrator` executable (package.json `bin`, bundled to dist/cli.js): runs
 * src/command-line.ts `main` with this process's arguments and environment. Kept apart from the
 * command line's logic so that importing it (the Action, tests) never starts a command.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { main } from "./command-line.js";

export { main, USAGE, type CliIo } from "./command-line.js";

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2), { env: process.env, stderr: (line) => process.stderr.write(`${line}\n`), cwd: process.cwd() })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      process.stderr.write(`orchestrator: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    });
}
