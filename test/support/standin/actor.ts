/**
 * Simulated persons: every action goes through the stand-in's own REST API with a person token, so
 * it takes the same path (validation, state, webhooks with that sender) as any other caller.
 * Pushes use real git against the bare repo.
 */
import { mkdtemp, mkdir, writeFile, rm } from "node:fs/promises";
import path from "node:path";
import { run } from "./spawner.js";
import type { Actor } from "./types.js";
import { gitEnv, noreplyEmail } from "./git-backend.js";

export function createActor(opts: {
  login: string;
  token: string;
  apiUrl: string;
  owner: string;
  repo: string;
  bareRepo: string;
  tmpRoot: string;
}): Actor {
  const repoUrl = `${opts.apiUrl}/repos/${opts.owner}/${opts.repo}`;
  const call = async (method: string, url: string, body?: unknown): Promise<any> => {
    const res = await fetch(url, {
      method,
      headers: {
        authorization: `token ${opts.token}`,
        accept: "application/vnd.github+json",
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`stand-in: ${opts.login} ${method} ${url.replace(opts.apiUrl, "")} -> ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const issueId = async (n: number): Promise<number> => (await call("GET", `${repoUrl}/issues/${n}`)).id;

  return {
    login: opts.login,
    token: opts.token,
    async openIssue({ title, body, labels }) {
      return (await call("POST", `${repoUrl}/issues`, { title, ...(body !== undefined ? { body } : {}), ...(labels ? { labels } : {}) })).number;
    },
    async editIssue(n, input) {
      await call("PATCH", `${repoUrl}/issues/${n}`, input);
    },
    async comment(n, body) {
      return (await call("POST", `${repoUrl}/issues/${n}/comments`, { body })).id;
    },
    async editComment(id, body) {
      await call("PATCH", `${repoUrl}/issues/comments/${id}`, { body });
    },
    async addLabels(n, labels) {
      await call("POST", `${repoUrl}/issues/${n}/labels`, { labels });
    },
    async removeLabel(n, label) {
      await call("DELETE", `${repoUrl}/issues/${n}/labels/${encodeURIComponent(label)}`);
    },
    async closeIssue(n, stateReason = "completed") {
      await call("PATCH", `${repoUrl}/issues/${n}`, { state: "closed", state_reason: stateReason });
    },
    async reopenIssue(n) {
      await call("PATCH", `${repoUrl}/issues/${n}`, { state: "open" });
    },
    async review(pr, event, body) {
      return (await call("POST", `${repoUrl}/pulls/${pr}/reviews`, { event, ...(body !== undefined ? { body } : {}) })).id;
    },
    async addSubIssue(parent, child) {
      await call("POST", `${repoUrl}/issues/${parent}/sub_issues`, { sub_issue_id: await issueId(child) });
    },
    async addBlockedBy(n, blocking) {
      await call("POST", `${repoUrl}/issues/${n}/dependencies/blocked_by`, { issue_id: await issueId(blocking) });
    },
    async openPullRequest({ head, base = "main", title, body }) {
      return (await call("POST", `${repoUrl}/pulls`, { head, base, title, ...(body !== undefined ? { body } : {}) })).number;
    },
    async pushCommit(branch, files, message) {
      await mkdir(opts.tmpRoot, { recursive: true });
      const dir = await mkdtemp(path.join(opts.tmpRoot, `push-${opts.login}-`));
      const env = { ...gitEnv(opts.login, noreplyEmail(opts.login)), STANDIN_PUSHER: opts.login };
      const git = (args: string[]) => run("git", args, { cwd: dir, env });
      try {
        await run("git", ["clone", "--quiet", opts.bareRepo, dir], { env });
        const exists = (await git(["ls-remote", "--heads", "origin", branch])).stdout.trim() !== "";
        await git(["checkout", "--quiet", "-B", branch, exists ? `origin/${branch}` : "origin/main"]);
        for (const [file, content] of Object.entries(files)) {
          const target = path.join(dir, file);
          await mkdir(path.dirname(target), { recursive: true });
          await writeFile(target, content);
        }
        await git(["add", "-A"]);
        await git(["commit", "--quiet", "--allow-empty", "-m", message]);
        await git(["push", "--quiet", "origin", `${branch}:${branch}`]);
        return (await git(["rev-parse", "HEAD"])).stdout.trim();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
