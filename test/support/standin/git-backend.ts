/**
 * The real git side of the stand-in: a bare repository in a temp dir, seeded from a work tree,
 * with a post-receive hook that reports every ref update to the stand-in over HTTP.
 */
import { mkdtemp, mkdir, writeFile, chmod, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { run, runBytes } from "./spawner.js";
import { RefFiles } from "./ref-files.js";

export interface CommitInfo {
  sha: string;
  tree: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  authorDate: string;
  committerName: string;
  committerEmail: string;
  committerDate: string;
  message: string;
}

export interface ChangedFile {
  filename: string;
  status: "added" | "modified" | "removed" | "renamed" | "copied" | "changed" | "unchanged";
  additions: number;
  deletions: number;
  changes: number;
  patch?: string;
  previous_filename?: string;
  sha: string | null;
}

export type TreeEntry = { type: "file" | "dir" | "symlink" | "submodule"; name: string; path: string; sha: string; size: number };

export type ContentLookup =
  | { type: "file"; content: Buffer; sha: string; path: string }
  | { type: "dir"; entries: TreeEntry[]; path: string };

/** Identity and isolation for every git process: no global or system config is read. */
export function gitEnv(name = "stand-in", email = "stand-in@127.0.0.1"): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: email,
    GIT_COMMITTER_NAME: name,
    GIT_COMMITTER_EMAIL: email,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_TERMINAL_PROMPT: "0",
  };
}

export function noreplyEmail(login: string): string {
  return `${login}@users.noreply.127.0.0.1`;
}

export const ZERO_SHA = "0000000000000000000000000000000000000000";

const FULL_SHA = /^[0-9a-f]{40}$/;

/**
 * The stand-in's git. Speed (the suite spends much of its time here): refs are read from the
 * repository's files (ref-files.ts) instead of a `git rev-parse` process each, and every answer
 * that depends only on full commit shas (contents, diffs, merge bases, ancestry, merged trees) is
 * computed once per backend: a sha names immutable content, so the answer cannot change.
 * Failures are never cached (an object may arrive with a later push).
 */
export class GitBackend {
  private readonly commitCache = new Map<string, CommitInfo>();
  private readonly byShas = new Map<string, Promise<unknown>>();
  private readonly refs: RefFiles;

  private constructor(
    /** Temp dir holding everything (removed by `dispose`). */
    readonly root: string,
    readonly bareRepo: string,
  ) {
    this.refs = new RefFiles(bareRepo);
  }

  /**
   * `compute()` once per `key` when every one of `shas` is a full commit sha (the answer is then
   * immutable), else every time. A rejected or `cacheable: false` answer is forgotten.
   */
  private once<T>(key: string, shas: string[], compute: () => Promise<T>, cacheable: (value: T) => boolean = () => true): Promise<T> {
    if (!shas.every((s) => FULL_SHA.test(s))) return compute();
    const known = this.byShas.get(key) as Promise<T> | undefined;
    if (known) return known;
    const pending = compute().then(
      (value) => {
        if (!cacheable(value)) this.byShas.delete(key);
        return value;
      },
      (error: unknown) => {
        this.byShas.delete(key);
        throw error;
      },
    );
    this.byShas.set(key, pending);
    return pending;
  }

  /**
   * Creates the bare repo, commits what `seed` writes as the first commit on main (by `ownerLogin`),
   * then installs the post-receive hook that POSTs `{updates, pusher}` to `hookUrl`.
   */
  static async create(opts: {
    owner: string;
    repo: string;
    seed: (workTree: string) => Promise<void>;
    hookUrl: string;
  }): Promise<GitBackend> {
    const root = await mkdtemp(path.join(tmpdir(), "standin-"));
    const bare = path.join(root, `${opts.owner}`, `${opts.repo}.git`);
    await mkdir(bare, { recursive: true });
    const backend = new GitBackend(root, bare);
    await backend.git(["init", "--quiet", "--bare", "-b", "main"]);
    const work = path.join(root, "seed");
    await mkdir(work);
    const env = gitEnv(opts.owner, noreplyEmail(opts.owner));
    const inWork = (args: string[]) => run("git", args, { cwd: work, env });
    await inWork(["init", "--quiet", "-b", "main"]);
    await opts.seed(work);
    await inWork(["add", "-A"]);
    await inWork(["commit", "--quiet", "--allow-empty", "-m", "Initial commit"]);
    await inWork(["push", "--quiet", bare, "main:main"]);
    await rm(work, { recursive: true, force: true });
    await backend.installHook(opts.hookUrl);
    return backend;
  }

  /**
   * The post-receive hook POSTs git's own update lines ("<before> <after> <ref>\n" each) as text to
   * `hookUrl`, with the pusher in `x-standin-pusher` (STANDIN_PUSHER), and waits for the answer, so a
   * push returns once the stand-in has handled it. With curl (a start of milliseconds; a Node hook
   * cost about 150 ms per push), else with Node.
   */
  private async installHook(hookUrl: string): Promise<void> {
    const script = path.join(this.root, "post-receive.mjs");
    await writeFile(
      script,
      `// Written by the GitHub stand-in: reports ref updates so they become push webhooks.
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", async () => {
  try {
    const res = await fetch(${JSON.stringify(hookUrl)}, {
      method: "POST",
      headers: { "content-type": "text/plain", "x-standin-pusher": process.env.STANDIN_PUSHER || "" },
      body: input,
    });
    if (!res.ok) { console.error("stand-in: push notification failed: " + res.status); process.exitCode = 1; }
  } catch (e) {
    console.error("stand-in: push notification failed: " + e);
    process.exitCode = 1;
  }
});
`,
    );
    const hook = path.join(this.bareRepo, "hooks", "post-receive");
    const curl = [
      "curl --silent --show-error --fail --noproxy '*' --max-time 300",
      `-H 'content-type: text/plain' -H "x-standin-pusher: $STANDIN_PUSHER"`,
      `--data-binary @- ${shellQuote(hookUrl)} >/dev/null || { echo "stand-in: push notification failed" >&2; exit 1; }`,
    ].join(" ");
    await writeFile(hook, `#!/bin/sh\nif command -v curl >/dev/null 2>&1; then\n  ${curl}\n  exit\nfi\nexec ${shellQuote(process.execPath)} ${shellQuote(script)}\n`);
    await chmod(hook, 0o755);
  }

  /** Runs git in the bare repo; `reject: false` callers read exitCode themselves. */
  async git(args: string[], opts: { env?: Record<string, string>; input?: string; reject?: boolean } = {}) {
    return run("git", args, {
      cwd: this.bareRepo,
      env: { ...gitEnv(), ...opts.env },
      ...(opts.input !== undefined ? { input: opts.input } : {}),
      reject: opts.reject ?? true,
    });
  }

  /** Commit sha of a branch name, full ref, tag or sha; null if it does not resolve. */
  async resolve(ref: string): Promise<string | null> {
    const candidates = ref.startsWith("refs/") || FULL_SHA.test(ref) ? [ref] : [`refs/heads/${ref}`, `refs/tags/${ref}`, ref];
    for (const c of candidates) {
      const sha = await this.resolveOne(c);
      if (sha) return sha;
    }
    return null;
  }

  /** One candidate of `resolve`: a branch from its file; a full sha verified once; the rest by git. */
  private async resolveOne(candidate: string): Promise<string | null> {
    if (candidate.startsWith("refs/heads/")) {
      // The stand-in points branches at commits only, so the ref's value is the commit.
      const found = await this.refs.read(candidate);
      if (found !== undefined) return found;
    } else if (candidate.startsWith("refs/")) {
      // Tags may be annotated (peeled by git below); skip git when the ref does not exist at all.
      if ((await this.refs.read(candidate)) === null) return null;
    }
    return this.once(`commit ${candidate}`, [candidate], () => this.revParseCommit(candidate), (sha) => sha !== null);
  }

  private async revParseCommit(spec: string): Promise<string | null> {
    const r = await this.git(["rev-parse", "--verify", "--quiet", `${spec}^{commit}`], { reject: false });
    return r.exitCode === 0 && r.stdout ? r.stdout.trim() : null;
  }

  async branchSha(branch: string): Promise<string | null> {
    return this.resolveOne(`refs/heads/${branch}`);
  }

  /** The object a full ref name points at (unpeeled, as `git rev-parse --verify <ref>`); null when there is no such ref. */
  async refTarget(ref: string): Promise<string | null> {
    const found = await this.refs.read(ref);
    if (found !== undefined) return found;
    const r = await this.git(["rev-parse", "--verify", "--quiet", ref], { reject: false });
    return r.exitCode === 0 ? r.stdout.trim() : null;
  }

  /** Every ref whose full name starts with `prefix` (e.g. "refs/heads/"), sorted by name, with its object. */
  async refsUnder(prefix: string): Promise<Array<{ ref: string; sha: string }>> {
    return [...(await this.refs.list(prefix))].map(([ref, sha]) => ({ ref, sha }));
  }

  /** Branches and their commit shas, sorted by name as `git for-each-ref` lists them. */
  async branches(): Promise<Array<{ name: string; sha: string }>> {
    return (await this.refsUnder("refs/heads/")).map(({ ref, sha }) => ({ name: ref.slice("refs/heads/".length), sha }));
  }

  async commitInfo(sha: string): Promise<CommitInfo> {
    const cached = this.commitCache.get(sha);
    if (cached) return cached;
    const r = await this.git(["show", "-s", "--format=%H%x00%T%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%B", sha]);
    const [h, t, p, an, ae, ad, cn, ce, cd, ...msg] = r.stdout.split("\0");
    const info: CommitInfo = {
      sha: h!,
      tree: t!,
      parents: p ? p.split(" ").filter(Boolean) : [],
      authorName: an!,
      authorEmail: ae!,
      authorDate: isoZ(ad!),
      committerName: cn!,
      committerEmail: ce!,
      committerDate: isoZ(cd!),
      message: msg.join("\0").replace(/\n+$/, ""),
    };
    this.commitCache.set(sha, info);
    return info;
  }

  /** Looks up `filePath` at `ref` (file content or directory listing); null when missing. */
  async content(ref: string, filePath: string): Promise<ContentLookup | null> {
    const sha = await this.resolve(ref);
    if (!sha) return null;
    const clean = filePath.replace(/^\/+|\/+$/g, "");
    return this.once(`content ${sha}:${clean}`, [sha], () => this.contentAt(sha, clean));
  }

  private async contentAt(sha: string, clean: string): Promise<ContentLookup | null> {
    const spec = clean ? `${sha}:${clean}` : `${sha}^{tree}`;
    // One `git cat-file --batch` answers the object's type, id and (for a file) content: "<oid>
    // <type> <size>\n<content>\n", or "<spec> missing\n". It reads one name per line, so a path
    // with a line break is not looked up (GitHub paths come from URLs; none of ours has one).
    if (spec.includes("\n")) return null;
    const batch = (await runBytes("git", ["cat-file", "--batch"], { cwd: this.bareRepo, env: gitEnv(), input: `${spec}\n` })).stdout;
    const eol = batch.indexOf(10);
    const found = /^([0-9a-f]{40,64}) (\w+) (\d+)$/.exec(batch.subarray(0, eol < 0 ? batch.length : eol).toString("utf8"));
    if (!found) return null;
    const [, oid, kind, size] = found as unknown as [string, string, string, string];
    if (kind === "blob") return { type: "file", content: Buffer.from(batch.subarray(eol + 1, eol + 1 + Number(size))), sha: oid, path: clean };
    if (kind !== "tree") return null;
    const ls = await this.git(["ls-tree", "-l", "-z", spec]);
    const entries: TreeEntry[] = ls.stdout
      .split("\0")
      .filter(Boolean)
      .map((line) => {
        const [meta, name] = line.split("\t") as [string, string];
        const [mode, otype, osha, size] = meta.split(/\s+/) as [string, string, string, string];
        const t: TreeEntry["type"] = otype === "tree" ? "dir" : otype === "commit" ? "submodule" : mode === "120000" ? "symlink" : "file";
        return { type: t, name, path: clean ? `${clean}/${name}` : name, sha: osha, size: size === "-" ? 0 : Number(size) };
      });
    return { type: "dir", entries, path: clean };
  }

  /** The best common ancestor of two commits; null when they have none (or one does not exist). */
  async mergeBase(a: string, b: string): Promise<string | null> {
    // Exit 1 is "no common ancestor" (an answer); 128 is an error such as a missing object (retried next time).
    const r = await this.once(`merge-base ${a} ${b}`, [a, b], () => this.git(["merge-base", a, b], { reject: false }), (r) => r.exitCode === 0 || r.exitCode === 1);
    return r.exitCode === 0 ? r.stdout.trim() : null;
  }

  async isAncestor(ancestor: string, of: string): Promise<boolean> {
    const r = await this.once(`is-ancestor ${ancestor} ${of}`, [ancestor, of], () => this.git(["merge-base", "--is-ancestor", ancestor, of], { reject: false }), (r) => r.exitCode === 0 || r.exitCode === 1);
    return r.exitCode === 0;
  }

  /** Commits reachable from `head` but not from `base`, oldest first. */
  async commitsBetween(base: string, head: string): Promise<string[]> {
    const shas = await this.once(`rev-list ${base}..${head}`, [base, head], async () => (await this.git(["rev-list", "--reverse", `${base}..${head}`])).stdout.split("\n").filter(Boolean));
    return [...shas];
  }

  /** Files changed from `from` to `to`, with GitHub-style status and per-file unified patch (a fresh copy per call). */
  async diffFiles(from: string, to: string): Promise<ChangedFile[]> {
    const files = await this.once(`diff ${from} ${to}`, [from, to], () => this.computeDiffFiles(from, to));
    return files.map((f) => ({ ...f }));
  }

  private async computeDiffFiles(from: string, to: string): Promise<ChangedFile[]> {
    // Four independent reads, run at once.
    const [ns, num, full, blobs] = await Promise.all([
      this.git(["diff", "--name-status", "-M", "-z", from, to]),
      this.git(["diff", "--numstat", "-M", "-z", from, to]),
      // One full patch, split per file: `git diff` lists files in the same order as --name-status.
      this.git(["diff", "-M", from, to]),
      this.git(["ls-tree", "-r", "-z", to]),
    ]);
    const parts = ns.stdout.split("\0").filter((x) => x !== "");
    const files: ChangedFile[] = [];
    for (let i = 0; i < parts.length; ) {
      const code = parts[i++]!;
      const letter = code[0]!;
      if (letter === "R" || letter === "C") {
        const prev = parts[i++]!;
        const name = parts[i++]!;
        files.push(blankFile(name, letter === "R" ? "renamed" : "copied", prev));
      } else {
        const name = parts[i++]!;
        const status = letter === "A" ? "added" : letter === "D" ? "removed" : letter === "M" ? "modified" : "changed";
        files.push(blankFile(name, status));
      }
    }
    // -z numstat: "add\tdel\tpath\0" or for renames "add\tdel\t\0old\0new\0".
    const np = num.stdout.split("\0");
    const stats = new Map<string, { a: number; d: number }>();
    for (let i = 0; i < np.length; i++) {
      const entry = np[i]!;
      if (!entry) continue;
      const [a, d, p] = entry.split("\t");
      let name = p ?? "";
      if (name === "") {
        i += 2;
        name = np[i] ?? "";
      }
      stats.set(name, { a: a === "-" ? 0 : Number(a), d: d === "-" ? 0 : Number(d) });
    }
    const chunks = full.stdout.split(/^diff --git /m).slice(1);
    const blobOf = new Map<string, string>();
    for (const entry of blobs.stdout.split("\0").filter(Boolean)) {
      const [meta, name] = entry.split("\t") as [string, string];
      blobOf.set(name, meta.split(" ")[2]!);
    }
    files.forEach((f, i) => {
      const s = stats.get(f.filename) ?? { a: 0, d: 0 };
      f.additions = s.a;
      f.deletions = s.d;
      f.changes = s.a + s.d;
      const chunk = chunks[i] ?? "";
      const at = chunk.indexOf("\n@@");
      if (at >= 0) f.patch = chunk.slice(at + 1).replace(/\n$/, "");
      if (f.status !== "removed") f.sha = blobOf.get(f.filename) ?? null;
    });
    return files;
  }

  /**
   * Three-way merge of two commits without touching any work tree (`git merge-tree --write-tree`).
   * Returns the merged tree, or `clean: false` with conflicting paths.
   */
  async mergeTree(ours: string, theirs: string): Promise<{ clean: true; tree: string } | { clean: false; conflicts: string[] }> {
    return this.once(`merge-tree ${ours} ${theirs}`, [ours, theirs], () => this.computeMergeTree(ours, theirs));
  }

  private async computeMergeTree(ours: string, theirs: string): Promise<{ clean: true; tree: string } | { clean: false; conflicts: string[] }> {
    const r = await this.git(["merge-tree", "--write-tree", "--name-only", "--no-messages", ours, theirs], { reject: false });
    const lines = r.stdout.split("\n").filter(Boolean);
    if (r.exitCode === 0) return { clean: true, tree: lines[0]! };
    if (r.exitCode === 1) return { clean: false, conflicts: lines.slice(1) };
    throw new Error(`git merge-tree failed: ${r.stderr}`);
  }

  async commitTree(tree: string, parents: string[], message: string, author: { name: string; email: string }): Promise<string> {
    const args = ["commit-tree", tree, ...parents.flatMap((p) => ["-p", p]), "-m", message];
    const r = await this.git(args, {
      env: { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email, GIT_COMMITTER_NAME: "GitHub", GIT_COMMITTER_EMAIL: "noreply@github.com" },
    });
    return r.stdout.trim();
  }

  /**
   * Replays `base..head` onto `onto` (GitHub's "rebase and merge") in a throwaway worktree
   * (git 2.39's merge-tree has no --merge-base). Returns the new tip, or null on conflict.
   */
  async rebaseOnto(onto: string, base: string, head: string): Promise<string | null> {
    const commits = await this.commitsBetween(base, head);
    if (commits.length === 0) return onto;
    const dir = await mkdtemp(path.join(this.root, "rebase-"));
    await this.git(["worktree", "add", "--quiet", "--detach", dir, onto]);
    const env = { ...gitEnv("GitHub", "noreply@github.com") };
    try {
      const r = await run("git", ["cherry-pick", "--allow-empty", ...commits], { cwd: dir, env, reject: false });
      if (r.exitCode !== 0) return null;
      return (await run("git", ["rev-parse", "HEAD"], { cwd: dir, env })).stdout.trim();
    } finally {
      await this.git(["worktree", "remove", "--force", dir], { reject: false });
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Compare-and-swap update of a ref; false if it moved meanwhile. */
  async updateRef(ref: string, newSha: string, oldSha: string | null): Promise<boolean> {
    const r = await this.git(["update-ref", ref, newSha, oldSha ?? ZERO_SHA], { reject: false });
    return r.exitCode === 0;
  }

  async deleteRef(ref: string): Promise<void> {
    await this.git(["update-ref", "-d", ref]);
  }

  /**
   * A fresh clone of the bare repo at `ref` (branch or sha) in a new temp dir, `origin` = the bare repo.
   * Commits made in it use `identity`.
   */
  async cloneAt(ref: string, prefix = "clone-", identity?: { name: string; email: string }): Promise<string> {
    const dir = await mkdtemp(path.join(this.root, prefix));
    const env = gitEnv();
    // One process for a branch: `clone -b` checks the branch out tracking origin's, and `-c` writes
    // the identity into the clone's config (what `checkout -B` and two `git config` calls did).
    const config = identity ? ["-c", `user.name=${identity.name}`, "-c", `user.email=${identity.email}`] : [];
    const isBranch = (await this.branchSha(ref)) !== null;
    if (isBranch) {
      await run("git", ["clone", "--quiet", "-b", ref, ...config, this.bareRepo, dir], { env });
    } else {
      await run("git", ["clone", "--quiet", "--no-checkout", ...config, this.bareRepo, dir], { env });
      await run("git", ["checkout", "--quiet", "--detach", ref], { cwd: dir, env });
    }
    return dir;
  }

  async dispose(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}

function blankFile(filename: string, status: ChangedFile["status"], previous?: string): ChangedFile {
  const f: ChangedFile = { filename, status, additions: 0, deletions: 0, changes: 0, sha: null };
  if (previous) f.previous_filename = previous;
  return f;
}

/** `s` as one single-quoted sh word. */
function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The ref updates a post-receive hook reported: git's "<before> <after> <ref>" lines. */
export function parseRefUpdates(text: string): Array<{ before: string; after: string; ref: string }> {
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [before, after, ref] = line.split(" ") as [string, string, string];
      return { before, after, ref };
    });
}

function isoZ(d: string): string {
  return new Date(d).toISOString().replace(/\.\d{3}Z$/, "Z");
}
