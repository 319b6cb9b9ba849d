#!/usr/bin/env node
import { createRequire as __orchestratorCreateRequire } from "node:module";
const require = __orchestratorCreateRequire(import.meta.url);
import {
  USAGE,
  main
} from "./chunk-F35CUCPO.js";

// src/cli.ts
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
function isEntryPoint() {
  const script = process.argv[1];
  if (script === void 0) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}
if (isEntryPoint()) {
  main(process.argv.slice(2), { env: process.env, stderr: (line) => process.stderr.write(`${line}
`), cwd: process.cwd() }).then((code) => {
    process.exitCode = code;
  }).catch((error) => {
    process.stderr.write(`orchestrator: ${error instanceof Error ? error.stack ?? error.message : String(error)}
`);
    process.exitCode = 2;
  });
}
export {
  USAGE,
  main
};
