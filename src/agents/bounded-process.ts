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
}

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
  child.stdout?.on("data", (chunk: string) => {
    out.push(chunk);
    all.push(chunk);
  });
  child.stderr?.on("data", (chunk: string) => {
    err.push(chunk);
    all.push(chunk);
  });
  let timedOut = false;
  let hardKill: NodeJS.Timeout | undefined;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid, "SIGTERM");
    hardKill = setTimeout(() => killGroup(child.pid, "SIGKILL"), 3000);
  }, options.timeoutMs);
  const result = await child;
  clearTimeout(timer);
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
  if (missing || (result.failed && result.exitCode === undefined && !timedOut && result.signal === undefined)) {
    base.error = result.shortMessage ?? result.message;
  }
  return base;
}
