/**
 * Runs the Action's BUNDLED entry (dist/index.js) as the Actions runner does: a child process
 * `node dist/index.js` with the inputs as INPUT_* variables and the run's GITHUB_* variables, the
 * event's payload in a file named by GITHUB_EVENT_PATH. Used by the action tests.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { inputVariable } from "../../src/action/inputs.js";

export const ENTRY = fileURLToPath(new URL("../../dist/index.js", import.meta.url));

export interface EntryRun {
  exitCode: number;
  output: string;
}

export interface EntryOptions {
  /** Action inputs by their action.yml names (`github-token`, `mode`, ...). */
  inputs: Record<string, string>;
  /** GITHUB_* and other variables of the run (GITHUB_REPOSITORY, GITHUB_API_URL, ...). */
  env: Record<string, string>;
  /** The event that started the run: its name and webhook payload. */
  event?: { name: string; payload: Record<string, unknown> };
  cwd?: string;
  signal?: AbortSignal;
}

let runIds = 9000;

/** Runs dist/index.js once; never throws for a failing run (its exit code and output come back). */
export async function runEntry(options: EntryOptions): Promise<EntryRun> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? "/tmp",
    GITHUB_ACTIONS: "true",
    CI: "true",
    GITHUB_RUN_ID: String(++runIds),
    GITHUB_RUN_ATTEMPT: "1",
    ...options.env,
  };
  for (const [name, value] of Object.entries(options.inputs)) env[inputVariable(name)] = value;
  if (options.event) {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "orchestrator-event-")), "event.json");
    writeFileSync(file, JSON.stringify(options.event.payload));
    env.GITHUB_EVENT_NAME = options.event.name;
    env.GITHUB_EVENT_PATH = file;
  }
  const result = await execa(process.execPath, [ENTRY], {
    cwd: options.cwd ?? os.tmpdir(),
    extendEnv: false,
    env,
    reject: false,
    all: true,
    ...(options.signal ? { cancelSignal: options.signal } : {}),
  });
  return { exitCode: typeof result.exitCode === "number" ? result.exitCode : 1, output: result.all ?? "" };
}
