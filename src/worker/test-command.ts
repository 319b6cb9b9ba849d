import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

/**
 * The test command of a checkout when `worker.test_command` is not set, detected from the files
 * that name one, in this order (the first match wins):
 *   1. package.json with a `test` script (not npm init's placeholder)  -> `npm test`
 *   2. pyproject.toml with `[tool.pytest...]` or a pytest dependency,
 *      pytest.ini, or `[tool:pytest]` in setup.cfg / `[pytest]` in tox.ini -> `python -m pytest`
 *   3. go.mod                                                         -> `go test ./...`
 *   4. Cargo.toml                                                     -> `cargo test`
 *   5. Makefile / makefile / GNUmakefile with a `test:` target         -> `make test`
 * Reads files only; never runs anything. Unreadable or malformed files count as absent.
 */

export interface DetectedTestCommand {
  command: string;
  /** The file the command was read from (relative to the checkout), for logs and reports. */
  source: string;
}

/** npm init's `test` script, which only fails. */
const NPM_PLACEHOLDER = /no test specified/;

const packageJsonSchema = z.looseObject({ scripts: z.looseObject({ test: z.string().optional() }).optional() });

async function read(dir: string, file: string): Promise<string | null> {
  try {
    return await readFile(path.join(dir, file), "utf8");
  } catch {
    return null;
  }
}

async function fromPackageJson(dir: string): Promise<DetectedTestCommand | null> {
  const text = await read(dir, "package.json");
  if (text === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = packageJsonSchema.safeParse(json);
  const test = parsed.success ? parsed.data.scripts?.test : undefined;
  if (test === undefined || test.trim() === "" || NPM_PLACEHOLDER.test(test)) return null;
  return { command: "npm test", source: "package.json" };
}

async function fromPython(dir: string): Promise<DetectedTestCommand | null> {
  const pyproject = await read(dir, "pyproject.toml");
  if (pyproject !== null && (/^\[tool\.pytest/m.test(pyproject) || /["'\s]pytest\b/.test(pyproject))) return { command: "python -m pytest", source: "pyproject.toml" };
  if ((await read(dir, "pytest.ini")) !== null) return { command: "python -m pytest", source: "pytest.ini" };
  if (/^\[tool:pytest\]/m.test((await read(dir, "setup.cfg")) ?? "")) return { command: "python -m pytest", source: "setup.cfg" };
  if (/^\[pytest\]/m.test((await read(dir, "tox.ini")) ?? "")) return { command: "python -m pytest", source: "tox.ini" };
  return null;
}

async function fromMakefile(dir: string): Promise<DetectedTestCommand | null> {
  for (const file of ["GNUmakefile", "makefile", "Makefile"]) {
    const text = await read(dir, file);
    if (text !== null && /^test\s*:(?!=)/m.test(text)) return { command: "make test", source: file };
  }
  return null;
}

/**
 * Detects the checkout's test command (see the module comment).
 * @param dir the checkout's root directory.
 * @returns the command and the file it comes from, or null when none is found (the worker then
 *   reports the item blocked, naming `worker.test_command`).
 */
export async function detectTestCommand(dir: string): Promise<DetectedTestCommand | null> {
  const npm = await fromPackageJson(dir);
  if (npm) return npm;
  const python = await fromPython(dir);
  if (python) return python;
  if ((await read(dir, "go.mod")) !== null) return { command: "go test ./...", source: "go.mod" };
  if ((await read(dir, "Cargo.toml")) !== null) return { command: "cargo test", source: "Cargo.toml" };
  return fromMakefile(dir);
}

/**
 * The configuration with `worker.test_command` filled from {@link detectTestCommand} when the file
 * sets none; unchanged otherwise (an explicit setting always wins). `found` is what was detected.
 */
export async function withDetectedTestCommand<C extends { worker: { test_command?: string | undefined } }>(config: C, dir: string): Promise<{ config: C; found: DetectedTestCommand | null }> {
  if (config.worker.test_command !== undefined) return { config, found: null };
  const found = await detectTestCommand(dir);
  if (found === null) return { config, found };
  return { config: { ...config, worker: { ...config.worker, test_command: found.command } }, found };
}
