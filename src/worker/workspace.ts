import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ScopeFile } from "../domain/scope.js";
import { parseCheckpoint, type Checkpoint } from "./checkpoint.js";
import type { Git } from "./git.js";

/**
 * The git workspace of one attempt: branch set-up (fresh from the default branch or resumed from
 * the remote checkpoint ref or branch), protection of `.git` around agent runs, the change set,
 * checkpoint commits, pushes (force-with-lease on our own refs) and strategy rollback.
 *
 * No CI on checkpoints (issue #14 item 4): with a checkpoint ref, checkpoints are pushed to
 * `refs/orchestrator/checkpoints/<issue>`, outside `refs/heads`, so no push-triggered workflow
 * runs on them; the branch is pushed once ({@link Workspace.publish}) when the attempt opens or
 * updates its pull request or files its blocker report.
 */

/** The ref that holds a work item's checkpoint commits (never a branch: CI does not run on it). */
export function checkpointRef(issue: number): string {
  return `refs/orchestrator/checkpoints/${issue}`;
}

/** Directory (inside the work tree, git-excluded) where the envelope files are written. */
export const ENVELOPE_DIR = ".orchestrator";

export interface SetupResult {
  /** The checkpoint at the remote branch's head when it belongs to this attempt (a resumed run). */
  resumed: Checkpoint | null;
  /** The commit this attempt started from: every strategy starts here. */
  attemptBase: string;
  /** Merge base with the default branch (with the stack base when stacked): the scope check covers everything since. */
  mergeBase: string;
  /** Whether the branch already existed on the remote. */
  branchExisted: boolean;
}

interface Protected {
  config: string | null;
  exclude: string | null;
  head: string;
}

const STATUS: Record<string, string> = { A: "added", M: "modified", D: "removed", R: "renamed", C: "copied", T: "changed" };

export class Workspace {
  /** The remote branch's sha as we last saw or pushed it (null: absent), for force-with-lease. */
  private remoteSha: string | null = null;
  /** The remote checkpoint ref's sha as we last saw or pushed it (null: absent). */
  private checkpointSha: string | null = null;

  /**
   * `checkpoints`: the ref checkpoints are pushed to ({@link checkpointRef}); `null` pushes them
   * to the branch itself (every checkpoint then triggers CI). `stackOn`: the branch a new work
   * branch starts from instead of the default branch (`worker.stack_on_approved`: the dependency's
   * approved pull request branch); the scope check then covers only the commits since it.
   */
  constructor(
    readonly git: Git,
    readonly branch: string,
    readonly defaultBranch: string,
    readonly checkpoints: string | null = null,
    readonly stackOn: string | null = null,
  ) {}

  private gitPath(...parts: string[]): string {
    return path.join(this.git.cwd, ".git", ...parts);
  }

  /**
   * Removes credentials actions/checkout may have persisted in `.git/config` (http extraheader,
   * credential helpers) so the agent cannot read or use them, and git-excludes {@link ENVELOPE_DIR}.
   */
  async sanitize(): Promise<void> {
    const keys = (await this.git.tryRun(["config", "--local", "--name-only", "--get-regexp", "^(http\\..*extraheader|credential\\..*|url\\..*insteadof)$"])) ?? "";
    for (const key of new Set(keys.split("\n").filter((k) => k !== ""))) {
      await this.git.tryRun(["config", "--local", "--unset-all", key]);
    }
    const excludeFile = this.gitPath("info", "exclude");
    await mkdir(path.dirname(excludeFile), { recursive: true });
    const current = await readFile(excludeFile, "utf8").catch(() => "");
    if (!current.split("\n").includes(`/${ENVELOPE_DIR}/`)) {
      await writeFile(excludeFile, `${current}${current.endsWith("\n") || current === "" ? "" : "\n"}/${ENVELOPE_DIR}/\n`);
    }
  }

  /** The remote shas of `refs` (absent ones left out), by one `ls-remote`. */
  private async remoteRefs(refs: string[]): Promise<Map<string, string>> {
    const out = await this.git.run(["ls-remote", "origin", ...refs], { remote: true });
    const shas = new Map<string, string>();
    for (const line of out.split("\n")) {
      const [sha, ref] = line.trim().split(/\s+/);
      if (sha && ref && refs.includes(ref)) shas.set(ref, sha);
    }
    return shas;
  }

  /**
   * Checks out the checkpoint ref's head when it is a checkpoint of this attempt (a killed run is
   * resumed from it); returns whether it did.
   */
  private async resumeFromCheckpointRef(attempt: number, remote: Map<string, string>): Promise<boolean> {
    const ref = this.checkpoints;
    this.checkpointSha = ref === null ? null : (remote.get(ref) ?? null);
    if (ref === null || this.checkpointSha === null) return false;
    const local = "refs/orchestrator-remote/checkpoint";
    await this.git.run(["fetch", "--no-tags", "origin", `+${ref}:${local}`], { remote: true });
    if (parseCheckpoint(await this.git.run(["log", "-1", "--format=%B", local]))?.attempt !== attempt) return false;
    await this.git.run(["checkout", "--force", "-B", this.branch, local]);
    return true;
  }

  /**
   * Fetches and checks out the work branch: from this attempt's checkpoint ref when a killed run
   * left one, else from the remote branch if it exists, else from the default branch (the stack
   * base when stacked); finds the attempt base.
   */
  async setup(attempt: number): Promise<SetupResult> {
    await this.sanitize();
    const d = this.defaultBranch;
    await this.git.run(["fetch", "--no-tags", "origin", `+refs/heads/${d}:refs/remotes/origin/${d}`], { remote: true });
    const start = this.stackOn ?? d;
    if (this.stackOn !== null) await this.git.run(["fetch", "--no-tags", "origin", `+refs/heads/${start}:refs/remotes/origin/${start}`], { remote: true });
    const branchRef = `refs/heads/${this.branch}`;
    const remote = await this.remoteRefs([branchRef, ...(this.checkpoints === null ? [] : [this.checkpoints])]);
    const branchExisted = remote.has(branchRef);
    if (await this.resumeFromCheckpointRef(attempt, remote)) {
      this.remoteSha = remote.get(branchRef) ?? null;
    } else if (branchExisted) {
      await this.git.run(["fetch", "--no-tags", "origin", `+refs/heads/${this.branch}:refs/remotes/origin/${this.branch}`], { remote: true });
      await this.git.run(["checkout", "--force", "-B", this.branch, `refs/remotes/origin/${this.branch}`]);
      this.remoteSha = await this.head();
    } else {
      await this.git.run(["checkout", "--force", "-B", this.branch, `refs/remotes/origin/${start}`]);
      this.remoteSha = null;
    }
    await this.git.run(["clean", "-fd"]);
    const head = parseCheckpoint(await this.git.run(["log", "-1", "--format=%B"]));
    const resumed = head !== null && head.attempt === attempt ? head : null;
    const attemptBase = await this.attemptBase(attempt);
    const mergeBase = await this.git.run(["merge-base", `refs/remotes/origin/${start}`, "HEAD"]);
    return { resumed, attemptBase, mergeBase, branchExisted };
  }

  /** The newest commit not made by this attempt (walking back over its checkpoints). */
  private async attemptBase(attempt: number): Promise<string> {
    const log = await this.git.run(["log", "-n", "1000", "--format=%H%x00%B%x1e"]);
    for (const entry of log.split("\x1e")) {
      const [sha, message] = entry.replace(/^\n/, "").split("\0");
      if (sha === undefined || sha === "") continue;
      if (parseCheckpoint(message ?? "")?.attempt !== attempt) return sha;
    }
    return this.head();
  }

  async head(): Promise<string> {
    return this.git.run(["rev-parse", "HEAD"]);
  }

  /** Snapshot of what an agent must not change: git config, excludes, HEAD. */
  async protect(): Promise<Protected> {
    return {
      config: await readFile(this.gitPath("config"), "utf8").catch(() => null),
      exclude: await readFile(this.gitPath("info", "exclude"), "utf8").catch(() => null),
      head: await this.head(),
    };
  }

  /**
   * Undoes what an agent may have done to `.git`: restores config and excludes, puts HEAD back on
   * our branch and squashes any commits it made into the working tree (the worker commits).
   */
  async restore(saved: Protected): Promise<void> {
    if (saved.config !== null) await writeFile(this.gitPath("config"), saved.config);
    if (saved.exclude !== null) await writeFile(this.gitPath("info", "exclude"), saved.exclude);
    await this.git.run(["symbolic-ref", "HEAD", `refs/heads/${this.branch}`]);
    await this.git.run(["reset", "--soft", saved.head]);
  }

  /** The paths of the tree at `rev` (files only, repository-relative), e.g. the merge base. */
  async trackedFiles(rev: string): Promise<string[]> {
    const raw = await this.git.run(["ls-tree", "-r", "--name-only", "-z", rev]);
    return raw.split("\0").filter((p) => p !== "");
  }

  /** Stages everything (the envelope directory is excluded) and lists changes since `base`. */
  async changedFiles(base: string): Promise<ScopeFile[]> {
    await this.git.run(["add", "--all"]);
    const raw = await this.git.run(["diff", "--cached", "--name-status", "-M", "-z", base]);
    const fields = raw.split("\0");
    const files: ScopeFile[] = [];
    for (let i = 0; i < fields.length; ) {
      const code = fields[i++] ?? "";
      if (code === "") continue;
      const letter = code[0] ?? "M";
      const status = STATUS[letter] ?? "changed";
      if (letter === "R" || letter === "C") {
        const from = fields[i++] ?? "";
        const to = fields[i++] ?? "";
        files.push(letter === "R" ? { path: to, status, previousPath: from } : { path: to, status });
      } else {
        files.push({ path: fields[i++] ?? "", status });
      }
    }
    return files;
  }

  /** Commits the staged state (empty allowed) with `message`; returns the new head. */
  async commit(message: string): Promise<string> {
    await this.git.run(["commit", "--allow-empty", "--no-verify", "-m", message]);
    return this.head();
  }

  /** Pushes HEAD to `ref`, replacing `expected` (what we last saw there) and nothing else. */
  private async pushTo(ref: string, expected: string | null): Promise<string> {
    const sha = await this.head();
    await this.git.run(["push", "--no-verify", `--force-with-lease=${ref}:${expected ?? ""}`, "origin", `HEAD:${ref}`], { remote: true });
    return sha;
  }

  /** Pushes HEAD to the branch (opens or updates the pull request's head; CI runs on it). */
  async publish(): Promise<string> {
    this.remoteSha = await this.pushTo(`refs/heads/${this.branch}`, this.remoteSha);
    return this.remoteSha;
  }

  /** Pushes a checkpoint: to the checkpoint ref (no CI), or to the branch without one. */
  async pushCheckpoint(): Promise<string> {
    if (this.checkpoints === null) return this.publish();
    this.checkpointSha = await this.pushTo(this.checkpoints, this.checkpointSha);
    return this.checkpointSha;
  }

  /** Resets the work tree and branch to `base` (abandoned strategy: no trace) and pushes the checkpoint. */
  async rollback(base: string): Promise<void> {
    await this.git.run(["reset", "--hard", base]);
    await this.git.run(["clean", "-fd"]);
    await this.pushCheckpoint();
  }
}
