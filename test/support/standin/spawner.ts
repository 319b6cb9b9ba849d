/**
 * Runs the stand-in's processes (git, the simulated CI's command) through one small helper process
 * (spawn-helper.mjs) instead of starting them from the test process. A process start copies the
 * starting process's page tables: in the vitest worker (the app, the stand-in and GitHub's OpenAPI
 * description in memory) each start blocked the event loop for about 10 ms, a quarter of an app
 * test file's CPU time (docs/test-speed.md). The helper is a bare Node process, so a start costs
 * about a millisecond there, and the test process only exchanges two messages.
 *
 * The processes themselves are unchanged: same program, arguments, working directory and
 * environment (the caller's `env` over `process.env`, as execa's default `extendEnv`), output
 * captured whole. One helper per test process, started on first use; it never keeps the test
 * process alive (unreferenced while nothing runs) and exits when its parent does.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const HELPER = fileURLToPath(new URL("./spawn-helper.mjs", import.meta.url));

/** What one process gave back: exit code (null when killed by a signal) and its output. */
export interface RunResult<Out extends string | Buffer = string> {
  exitCode: number | null;
  signal: string | null;
  stdout: Out;
  stderr: string;
  /** stdout and stderr interleaved as they arrived (only with `all: true`). */
  all?: string;
}

export interface RunOptions {
  cwd?: string;
  /** Added over `process.env` (execa's `extendEnv`). */
  env?: Record<string, string | undefined>;
  /** Written to stdin, which is then closed (closed at once without it). */
  input?: string;
  /** false: a non-zero exit is returned, not thrown (default true, as execa's `reject`). */
  reject?: boolean;
  /** Drop one final newline of stdout, stderr and all (default true, as execa's `stripFinalNewline`). */
  stripFinalNewline?: boolean;
  /** Also return stdout and stderr interleaved in `all`. */
  all?: boolean;
}

interface Answer {
  id: number;
  error?: string;
  exitCode?: number | null;
  signal?: string | null;
  stdout?: Uint8Array;
  stderr?: Uint8Array;
  all?: Uint8Array;
}

interface Helper {
  child: ChildProcess;
  waiting: Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>;
}

let helper: Helper | null = null;
let nextId = 1;

function startHelper(): Helper {
  // Without the test process's Node flags (loaders, profilers): the helper only starts processes.
  const { NODE_OPTIONS: _flags, ...env } = process.env;
  const child = fork(HELPER, [], { serialization: "advanced", execArgv: [], env, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const started: Helper = { child, waiting: new Map() };
  child.on("message", (a: Answer) => {
    const w = started.waiting.get(a.id);
    if (!w) return;
    started.waiting.delete(a.id);
    if (!started.waiting.size) idle(started);
    w.resolve(a);
  });
  const gone = (why: string) => {
    if (helper === started) helper = null;
    for (const w of started.waiting.values()) w.reject(new Error(`stand-in spawn helper ${why}`));
    started.waiting.clear();
  };
  child.on("exit", (code, signal) => gone(`exited (${signal ?? code})`));
  child.on("error", (e) => gone(`failed: ${String(e)}`));
  idle(started);
  return started;
}

/** Nothing running: the helper must not keep the test process (or a script) alive. */
function idle(h: Helper): void {
  h.child.unref();
  h.child.channel?.unref();
}

function busy(h: Helper): void {
  h.child.ref();
  h.child.channel?.ref();
}

function text(bytes: Uint8Array | undefined, strip: boolean): string {
  const s = bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8") : "";
  return strip ? stripNewline(s) : s;
}

function stripNewline(s: string): string {
  return s.endsWith("\r\n") ? s.slice(0, -2) : s.endsWith("\n") ? s.slice(0, -1) : s;
}

async function send(file: string, args: string[], opts: RunOptions): Promise<Answer> {
  const h = (helper ??= startHelper());
  const id = nextId++;
  const env = { ...process.env, ...opts.env };
  return new Promise<Answer>((resolve, reject) => {
    h.waiting.set(id, { resolve, reject });
    busy(h);
    h.child.send({ id, file, args, cwd: opts.cwd, env, input: opts.input, all: opts.all ?? false }, (e) => {
      if (!e) return;
      h.waiting.delete(id);
      if (!h.waiting.size) idle(h);
      reject(e);
    });
  });
}

function failure(file: string, args: string[], a: Answer, stderr: string): Error {
  const why = a.exitCode !== null && a.exitCode !== undefined ? `exit code ${a.exitCode}` : `signal ${a.signal}`;
  return new Error(`Command failed with ${why}: ${[file, ...args].join(" ")}${stderr ? `\n\n${stderr}` : ""}`);
}

/**
 * Runs `file args` to completion and returns its output as text.
 * @throws when it cannot start, or (unless `reject: false`) when it exits non-zero or is killed.
 */
export async function run(file: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const a = await send(file, args, opts);
  if (a.error !== undefined) throw new Error(`Command failed to start: ${[file, ...args].join(" ")}: ${a.error}`);
  const strip = opts.stripFinalNewline ?? true;
  const result: RunResult = { exitCode: a.exitCode ?? null, signal: a.signal ?? null, stdout: text(a.stdout, strip), stderr: text(a.stderr, strip) };
  if (opts.all) result.all = text(a.all, strip);
  if ((opts.reject ?? true) && result.exitCode !== 0) throw failure(file, args, a, result.stderr);
  return result;
}

/** `run` with stdout as bytes, exactly as written (no newline stripped). */
export async function runBytes(file: string, args: string[], opts: Omit<RunOptions, "stripFinalNewline" | "all"> = {}): Promise<RunResult<Buffer>> {
  const a = await send(file, args, opts);
  if (a.error !== undefined) throw new Error(`Command failed to start: ${[file, ...args].join(" ")}: ${a.error}`);
  const out = a.stdout ?? new Uint8Array();
  const result: RunResult<Buffer> = { exitCode: a.exitCode ?? null, signal: a.signal ?? null, stdout: Buffer.from(out.buffer, out.byteOffset, out.byteLength), stderr: text(a.stderr, true) };
  if ((opts.reject ?? true) && result.exitCode !== 0) throw failure(file, args, a, result.stderr);
  return result;
}
