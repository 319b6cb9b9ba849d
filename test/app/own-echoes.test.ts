import { describe, expect, it } from "vitest";
import { expectEcho, isOwnEcho, rememberEchoes } from "../../src/app/own-echoes.js";
import type { RepoEvent } from "../../src/app/repo-event.js";
import type { RepoSession } from "../../src/app/session.js";
import { ownership } from "../../src/domain/item/ownership.js";
import { runTitle } from "../../src/domain/run-title.js";

const ours = ownership("orchestrator");
const repo = { owner: "Acme", repo: "Echoes" };
const session = () => ({ port: { repo } }) as unknown as RepoSession;
const closed = (number: number, by: string): RepoEvent => ({
  kind: "issue",
  action: "closed",
  number,
  isPullRequest: false,
  label: null,
  sender: { login: by, type: by.endsWith("[bot]") ? "Bot" : "User" },
  changes: null,
  body: "",
  author: { login: "alice", type: "User" },
  updatedAt: 0,
});
const completed = (issue: number, attempt: number): RepoEvent => ({
  kind: "workflow-run",
  action: "completed",
  run: { id: 1, path: ".github/workflows/w.yml", displayTitle: runTitle(issue, attempt), status: "completed", conclusion: "success", htmlUrl: "u" },
});

describe("own echoes: deliveries a pass of this process caused and already followed up", () => {
  it("skips our close of a landed issue once, only after the pass that landed it wrote everything", () => {
    const s = session();
    expectEcho(s, "landed:7");
    expect(isOwnEcho(repo, closed(7, "orchestrator[bot]"), ours)).toBe(false);
    rememberEchoes(s);
    expect(isOwnEcho({ owner: "acme", repo: "echoes" }, closed(7, "orchestrator[bot]"), ours)).toBe(true);
    expect(isOwnEcho(repo, closed(7, "orchestrator[bot]"), ours)).toBe(false);
  });

  it("never skips a close by a person, another issue, or another repository", () => {
    const s = session();
    expectEcho(s, "landed:8");
    rememberEchoes(s);
    expect(isOwnEcho(repo, closed(8, "alice"), ours)).toBe(false);
    expect(isOwnEcho(repo, closed(9, "orchestrator[bot]"), ours)).toBe(false);
    expect(isOwnEcho({ owner: "acme", repo: "other" }, closed(8, "orchestrator[bot]"), ours)).toBe(false);
    expect(isOwnEcho(repo, closed(8, "orchestrator[bot]"), ours)).toBe(true);
  });

  it("skips the completion of a run whose report settled its attempt, not another attempt's", () => {
    const s = session();
    expectEcho(s, "run:3:2");
    rememberEchoes(s);
    expect(isOwnEcho(repo, completed(3, 1), ours)).toBe(false);
    expect(isOwnEcho(repo, completed(3, 2), ours)).toBe(true);
    expect(isOwnEcho(repo, completed(3, 2), ours)).toBe(false);
  });

  it("forgets what a failed pass earned", () => {
    const s = session();
    expectEcho(s, "landed:11");
    // No rememberEchoes: the pass's writes were not all sent.
    expect(isOwnEcho(repo, closed(11, "orchestrator[bot]"), ours)).toBe(false);
  });
});
