import { describe, expect, it } from "vitest";
import { expectEcho, isOwnEcho, rememberEchoes } from "../../src/app/own-echoes.js";
import type { RepoEvent } from "../../src/app/repo-event.js";
import type { RepoSession } from "../../src/app/session.js";
import { runTitle } from "../../src/domain/run-title.js";

const repo = { owner: "Acme", repo: "Echoes" };
const session = () => ({ port: { repo } }) as unknown as RepoSession;
const completed = (issue: number, attempt: number): RepoEvent => ({
  kind: "workflow-run",
  action: "completed",
  run: { id: 1, path: ".github/workflows/w.yml", displayTitle: runTitle(issue, attempt), status: "completed", conclusion: "success", htmlUrl: "u" },
});
const closed: RepoEvent = {
  kind: "issue",
  action: "closed",
  number: 3,
  isPullRequest: false,
  label: null,
  sender: { login: "orchestrator[bot]", type: "Bot" },
  changes: null,
  body: "",
  author: { login: "alice", type: "User" },
  updatedAt: 0,
};

describe("own echoes: deliveries a pass of this process caused and already followed up", () => {
  it("skips the completion of a run whose report settled its attempt, once, only after that pass wrote everything", () => {
    const s = session();
    expectEcho(s, "run:3:2");
    expect(isOwnEcho(repo, completed(3, 2))).toBe(false);
    rememberEchoes(s);
    expect(isOwnEcho(repo, completed(3, 1))).toBe(false);
    expect(isOwnEcho({ owner: "acme", repo: "echoes" }, completed(3, 2))).toBe(true);
    expect(isOwnEcho(repo, completed(3, 2))).toBe(false);
  });

  it("skips the requested event of a run the dispatching pass recorded, and the close of a landed issue nothing waited on, once; a reopen makes the next close news", () => {
    const s = session();
    expectEcho(s, "started:77");
    expectEcho(s, "closed:3");
    rememberEchoes(s);
    const requested = (id: number): RepoEvent => ({ ...completed(3, 1), action: "requested", run: { ...(completed(3, 1) as Extract<RepoEvent, { kind: "workflow-run" }>).run, id, status: "queued", conclusion: null } }) as RepoEvent;
    expect(isOwnEcho(repo, requested(78))).toBe(false);
    expect(isOwnEcho(repo, requested(77))).toBe(true);
    expect(isOwnEcho(repo, requested(77))).toBe(false);
    expect(isOwnEcho(repo, closed)).toBe(true);
    expect(isOwnEcho(repo, closed)).toBe(false);

    const again = session();
    expectEcho(again, "closed:3");
    rememberEchoes(again);
    expect(isOwnEcho(repo, { ...closed, action: "reopened" } as RepoEvent)).toBe(false);
    expect(isOwnEcho(repo, closed)).toBe(false);
  });

  it("never skips another repository's run, nor the close of an issue it did not expect (one that releases dependents)", () => {
    const s = session();
    expectEcho(s, "run:3:1");
    rememberEchoes(s);
    expect(isOwnEcho({ owner: "acme", repo: "other" }, completed(3, 1))).toBe(false);
    expect(isOwnEcho(repo, closed)).toBe(false);
    expect(isOwnEcho(repo, completed(3, 1))).toBe(true);
  });

  it("skips every check event on a head our merge landed, not only the first, and no other head's", () => {
    const s = session();
    const sha = "a".repeat(40);
    expectEcho(s, `landed:${sha}`);
    const check = (headSha: string, suite: boolean): RepoEvent => ({
      kind: "check",
      action: "completed",
      headSha,
      headBranch: "agent/issue-3",
      prs: [],
      name: suite ? null : "test",
      appSlug: "ci",
      suite,
      sender: { login: "ci[bot]", type: "Bot" },
    });
    expect(isOwnEcho(repo, check(sha, false))).toBe(false);
    rememberEchoes(s);
    expect(isOwnEcho(repo, check(sha, false))).toBe(true);
    expect(isOwnEcho(repo, check(sha, true))).toBe(true);
    expect(isOwnEcho(repo, check("b".repeat(40), false))).toBe(false);
  });

  it("forgets what a failed pass earned", () => {
    const s = session();
    expectEcho(s, "run:11:1");
    // No rememberEchoes: the pass's writes were not all sent.
    expect(isOwnEcho(repo, completed(11, 1))).toBe(false);
  });
});
