import { watch, type FSWatcher } from "node:fs";
import { execa } from "execa";

/**
 * Runs a process with a clean, explicit environment, a wall-clock limit that kills its whole
 * process group, and bounded output capture (the last `tailChars` characters of stdout, stderr
 * and both interleaved). Used for agent runs and test commands: both execute code we do not trust.
 */

export interface BoundedRunOptions {
  cwd: string;
  /** The complete environment (nothing is inherited). */
  env: Record<string, string>;
  /** Kill after this many milliseconds (SIGTERM to the group, SIGKILL 3 s later). */
  timeoutMs: number;
  /** Characters kept of each stream; default 64 KiB. */
  tailChars?: number;
  /** Watchdogs that stop a live process early; see {@link ProcessWatch}. */
  watch?: ProcessWatch;
}

/**
 * Watchdogs on a running process (issue 12). Each stop kills the process group like the timeout.
 * - stall: no output on stdout/stderr and no file change under `activityDir` for `stallMs`
 *   (a process that keeps printing or editing is never stopped by this);
 * - inspect: called with the stdout tail after each chunk that ends a line; returning a reason
 *   stops the process (a spend cap or a turn limit read from the CLI's streamed output).
 */
export interface ProcessWatch {
  stallMs?: number;
  /** Directories whose file changes count as activity (each watched non-recursively). */
  activityDirs?: readonly string[];
  inspect?: (stdoutTail: string) => string | undefined;
}

/** Why a watchdog stopped the process. */
export type WatchStop = { kind: "stalled"; detail: string } | { kind: "limit"; detail: string };

export interface BoundedRunResult {
  /** null when killed by a signal or never started. */
  exitCode: number | null;
  timedOut: boolean;
  /** The executable was not found (ENOENT) or not executable (EACCES). */
  missing: boolean;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved. */
  output: string;
  /** Spawn error message, if it never ran. */
  error?: string;
  /** Set when a watchdog (not the timeout) stopped it. */
  stopped?: WatchStop;
}

class Tail {
  private text = "";
  constructor(private readonly max: number) {}
  push(chunk: string): void {
    this.text += chunk;
    if (this.text.length > this.max * 2) this.text = this.text.slice(-this.max);
  }
  value(): string {
    return this.text.length > this.max ? this.text.slice(-this.max) : this.text;
  }
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Runs `command args` (no shell) under the limits above. Never rejects. */
export async function runBounded(command: string, args: readonly string[], options: BoundedRunOptions): Promise<BoundedRunResult> {
  const max = options.tailChars ?? 64 * 1024;
  const out = new Tail(max);
  const err = new Tail(max);
  const all = new Tail(max);
  const child = execa(command, [...args], {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    stdin: "ignore",
    buffer: false,
    reject: false,
    detached: true,
    encoding: "utf8",
  });
  child.stdout?.setEncoding("utf8");
  child.stderr?.setEncoding("utf8");
  let timedOut = false;
  let stopped: WatchStop | undefined;
  let hardKill: NodeJS.Timeout | undefined;
  const terminate = (): void => {
    if (hardKill !== undefined) return;
    killGroup(child.pid, "SIGTERM");
    hardKill = setTimeout(() => killGroup(child.pid, "SIGKILL"), 3000);
  };
  const stop = (reason: WatchStop): void => {
    if (stopped !== undefined || timedOut) return;
    stopped = reason;
    terminate();
  };
  const stall = stallWatch(options.watch, () => stop({ kind: "stalled", detail: stallDetail(options.watch?.stallMs ?? 0) }));
  const inspect = options.watch?.inspect;
  child.stdout?.on("data", (chunk: string) => {
    out.push(chunk);
    all.push(chunk);
    stall.activity();
    if (inspect !== undefined && chunk.includes("\n")) {
      const reason = inspect(out.value());
      if (reason !== undefined) stop({ kind: "limit", detail: reason });
    }
  });
  child.stderr?.on("data", (chunk: string) => {
    err.push(chunk);
    all.push(chunk);
    stall.activity();
  });
  const timer = setTimeout(() => {
    if (stopped !== undefined) return;
    timedOut = true;
    terminate();
  }, options.timeoutMs);
  const result = await child;
  clearTimeout(timer);
  stall.close();
  if (hardKill !== undefined) clearTimeout(hardKill);
  // Grandchildren left behind (e.g. a background server the agent started) go with the group.
  killGroup(child.pid, "SIGKILL");
  const code = (result as { code?: string }).code;
  const missing = code === "ENOENT" || code === "EACCES";
  const base: BoundedRunResult = {
    exitCode: typeof result.exitCode === "number" ? result.exitCode : null,
    timedOut,
    missing,
    stdout: out.value(),
    stderr: err.value(),
    output: all.value(),
  };
  if (stopped !== undefined) base.stopped = stopped;
  if (missing || (result.failed && result.exitCode === undefined && !timedOut && result.signal === undefined)) {
    base.error = result.shortMessage ?? result.message;
  }
  return base;
}

function stallDetail(ms: number): string {
  const minutes = ms / 60_000;
  const span = minutes >= 1 ? `${Math.round(minutes * 10) / 10} minute(s)` : `${Math.round(ms / 1000)} s`;
  return `no output and no file change for ${span}: stopped as stalled`;
}

/**
 * The stall timer: restarted by output (`activity()`) and by any file change in one of
 * `activityDirs` (fs.watch per directory: a recursive watch would walk node_modules; a directory
 * that cannot be watched is skipped, output and the other directories still count).
 */
function stallWatch(watchSpec: ProcessWatch | undefined, onStall: () => void): { activity(): void; close(): void } {
  const ms = watchSpec?.stallMs;
  if (ms === undefined) return { activity: () => {}, close: () => {} };
  let timer = setTimeout(onStall, ms);
  const activity = (): void => {
    clearTimeout(timer);
    timer = setTimeout(onStall, ms);
  };
  const watchers: FSWatcher[] = [];
  for (const dir of watchSpec?.activityDirs ?? []) {
    try {
      const watcher = watch(dir, activity);
      watcher.on("error", () => watcher.close());
      watchers.push(watcher);
    } catch {
      // gone or not watchable (e.g. out of inotify watches): the rest still count
    }
  }
  return {
    activity,
    close: () => {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
