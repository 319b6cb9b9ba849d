import { execa } from "execa";

/**
 * The worker's git. Every command runs with hooks disabled (`core.hooksPath=/dev/null`), so
 * nothing the agent left in `.git/hooks` runs with the worker's credentials, and without prompts.
 * Remote commands (fetch, push) get the token as an HTTP header through `GIT_CONFIG_*` variables,
 * never in `.git/config`, argv or the agent's environment.
 */

export interface GitIdentity {
  name: string;
  email: string;
}

export interface GitOptions {
  cwd: string;
  identity: GitIdentity;
  /** Token for https remotes (GITHUB_TOKEN); omitted for local remotes. */
  token?: string;
  /** The worker's environment for git (PATH, HOME); credentials variables are dropped. */
  baseEnv: Readonly<Record<string, string | undefined>>;
}

export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | undefined,
    readonly stderr: string,
  ) {
    super(`git ${args[0] ?? ""} failed (${exitCode ?? "?"}): ${stderr.trim().split("\n").slice(-3).join(" | ")}`);
  }
}

export class Git {
  constructor(private readonly options: GitOptions) {}

  get cwd(): string {
    return this.options.cwd;
  }

  private env(remote: boolean): Record<string, string> {
    const env: Record<string, string> = {};
    for (const name of ["PATH", "HOME", "LANG", "TMPDIR"]) {
      const value = this.options.baseEnv[name];
      if (value !== undefined) env[name] = value;
    }
    const id = this.options.identity;
    Object.assign(env, {
      GIT_TERMINAL_PROMPT: "0",
      GIT_AUTHOR_NAME: id.name,
      GIT_AUTHOR_EMAIL: id.email,
      GIT_COMMITTER_NAME: id.name,
      GIT_COMMITTER_EMAIL: id.email,
      GIT_CONFIG_NOSYSTEM: "1",
    });
    const config: [string, string][] = [["core.hooksPath", "/dev/null"]];
    if (remote && this.options.token !== undefined) {
      const basic = Buffer.from(`x-access-token:${this.options.token}`).toString("base64");
      config.push(["http.extraheader", `AUTHORIZATION: basic ${basic}`]);
    }
    env.GIT_CONFIG_COUNT = String(config.length);
    config.forEach(([key, value], i) => {
      env[`GIT_CONFIG_KEY_${i}`] = key;
      env[`GIT_CONFIG_VALUE_${i}`] = value;
    });
    return env;
  }

  /** Runs git; rejects with {@link GitError} on a non-zero exit. Returns stdout (trailing newline trimmed). */
  async run(args: readonly string[], opts: { remote?: boolean } = {}): Promise<string> {
    const result = await execa("git", [...args], {
      cwd: this.options.cwd,
      env: this.env(opts.remote ?? false),
      extendEnv: false,
      reject: false,
      stdin: "ignore",
      stripFinalNewline: true,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.exitCode !== 0) throw new GitError(args, result.exitCode, String(result.stderr));
    return String(result.stdout);
  }

  /** Like {@link run} but returns null instead of rejecting. */
  async tryRun(args: readonly string[], opts: { remote?: boolean } = {}): Promise<string | null> {
    try {
      return await this.run(args, opts);
    } catch (error) {
      if (error instanceof GitError) return null;
      throw error;
    }
  }
}
