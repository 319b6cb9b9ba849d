/**
 * The batch strategy (issue #14, `merge.strategy: batch`) through the REAL app and the stand-in
 * with real git: approved pull requests are merged together onto `orchestrator/staging` (built on
 * `orchestrator/staging.tmp`, where CI does not run), CI (`node test.mjs`) runs once on the staging
 * head, and a green batch lands by fast-forwarding `main` to exactly that head. B, C and D depend
 * on A, so approving A last releases all four at once: one batch, in dependency order.
 */
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { LANDED_MARKER } from "../../src/domain/item/markers.js";
import { QUEUE_CHECK_NAME } from "../../src/domain/queue/queue-check.js";
import type { Harness } from "../support/app-harness.js";
import { approve, commentsOn, dispatches, itemBody, merged, resetWorker, startQueueRepo, stateOf, workItems } from "../support/queue-app.js";
import { useHarness } from "../support/use-harness.js";

/** CI: a.txt and c.txt must not both exist (C alone passes; with A it fails). */
const TEST_MJS = `import { existsSync } from "node:fs";
if (existsSync("a.txt") && existsSync("c.txt")) {
  console.error("a.txt and c.txt must not both exist");
  process.exit(1);
}
console.log("ok");
`;

const CONFIG = `worker:
  max_concurrent: 8
merge:
  strategy: batch
  batch_size: 4
  flaky_retries: 1
`;

const harness = useHarness({ beforeClose: resetWorker });

/** CI runs on every branch but the build branch (as a workflow's `on.push.branches` would). */
async function start(): Promise<Harness> {
  return startQueueRepo(harness, { testMjs: TEST_MJS, config: CONFIG, ci: { branches: /^(?!orchestrator\/staging\.tmp$)/ } });
}

/** Four items: B, C, D depend on A (declared after the work, as a person would). */
async function fourItems(h: Harness, files: { c: string }) {
  const items = await workItems(h, [
    { goal: "Item A", files: { "a.txt": "A\n" } },
    { goal: "Item B", files: { "b.txt": "B\n" } },
    { goal: "Item C", files: { [files.c]: "C\n" } },
    { goal: "Item D", files: { "d.txt": "D\n" } },
  ]);
  const [a, b, c, d] = items as [(typeof items)[0], (typeof items)[0], (typeof items)[0], (typeof items)[0]];
  for (const [x, goal] of [[b, "Item B"], [c, "Item C"], [d, "Item D"]] as const) await h.standIn.as("alice").editIssue(x.issue, { body: itemBody(goal, [a.issue]) });
  await h.settle();
  for (const x of [b, c, d]) await approve(h, x.pr);
  expect(stateOf(h, d.issue).queue?.reason).toContain(`#${a.issue}`);
  await approve(h, a.pr);
  return { a, b, c, d };
}

/** CI runs the stand-in started, by branch. */
function ciRuns(h: Harness, branch: string): number {
  return h.standIn.timeline.filter((e) => e.kind === "ci" && e.summary.includes(" started on ") && e.summary.endsWith(`(${branch})`)).length;
}

async function git(h: Harness, args: string[]): Promise<string> {
  return (await execa("git", args, { cwd: h.standIn.bareRepo })).stdout.trim();
}

/** The CI verdict on `sha` (the stand-in's `test` check run), or undefined. */
function ciOn(h: Harness, sha: string): string | null | undefined {
  return [...h.standIn.state.checkRuns.values()].find((r) => r.name === "test" && r.headSha === sha)?.conclusion;
}

describe("merge queue, batch strategy, through the app and the stand-in", () => {
  it("lands a green batch of 4 with one CI run: main fast-forwards to the tested staging head", async () => {
    const h = await start();
    const { a, b, c, d } = await fourItems(h, { c: "c-other.txt" });

    expect([a, b, c, d].map((x) => merged(h, x.pr))).toEqual([true, true, true, true]);
    const main = await git(h, ["rev-parse", "main"]);
    expect(await git(h, ["rev-parse", "orchestrator/staging"])).toBe(main);
    expect(ciOn(h, main)).toBe("success");
    expect(ciRuns(h, "orchestrator/staging")).toBe(1);
    expect(ciRuns(h, "orchestrator/staging.tmp")).toBe(0);
    // Dependency order: A first; every commit is a merge of the pull request's approved head.
    const log = (await git(h, ["log", "--first-parent", "--reverse", "--format=%s", "main"])).split("\n").slice(1);
    expect(log).toEqual([a, b, c, d].map((x) => expect.stringMatching(new RegExp(`^Batch #${a.pr}: merge #${x.pr} `))));
    expect(h.standIn.requests.byRoute.get("PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge") ?? 0).toBe(0);
    for (const x of [a, b, c, d]) {
      const state = stateOf(h, x.issue);
      expect(state.status).toBe("done");
      expect(state.merged?.sha).toBe(main);
      expect(h.standIn.state.issues.get(x.issue)!.state).toBe("closed");
      expect(commentsOn(h, x.issue, LANDED_MARKER)[0]?.body).toContain(`batch #${a.pr}`);
      const head = h.standIn.state.pulls.get(x.pr)!.headSha;
      const check = [...h.standIn.state.checkRuns.values()].find((r) => r.name === QUEUE_CHECK_NAME && r.headSha === head);
      expect(check).toMatchObject({ status: "completed", conclusion: "success", output: { title: "Landed" } });
    }
  });

  it("bisects a red batch to its culprit: retried once, the green half lands, the culprit is ejected, the rest lands", async () => {
    const h = await start();
    const { a, b, c, d } = await fourItems(h, { c: "c.txt" });

    expect([a, b, c, d].map((x) => merged(h, x.pr))).toEqual([true, true, false, true]);
    // [A B C D] red, retried red (a flake costs one run), [A B] green and landed, [C] red: the
    // culprit, ejected; [D] green and landed.
    expect(ciRuns(h, "orchestrator/staging")).toBe(5);
    const main = await git(h, ["rev-parse", "main"]);
    expect(ciOn(h, main)).toBe("success");
    expect(await git(h, ["ls-tree", "--name-only", "main"])).not.toContain("c.txt");
    const log = (await git(h, ["log", "--first-parent", "--reverse", "--format=%s", "main"])).split("\n").slice(1);
    expect(log.map((s) => /merge #(\d+)/.exec(s)?.[1])).toEqual([a, b, d].map((x) => String(x.pr)));

    const stateC = stateOf(h, c.issue);
    expect(stateC.approval).toBeUndefined();
    expect(stateC.attempts.at(-1)?.reason).toBe("ci-failure");
    expect(stateC.feedback.some((f) => f.includes("`test`") && f.includes(`#${c.pr}`))).toBe(true);
    const ejected = [...h.standIn.state.comments.values()].filter((cm) => cm.issueNumber === c.pr && cm.body.includes("Ejected from the merge queue"));
    expect(ejected).toHaveLength(1);
    expect(ejected[0]!.body).toContain("culprit");
    const headC = h.standIn.state.pulls.get(c.pr)!.headSha;
    const check = [...h.standIn.state.checkRuns.values()].find((r) => r.name === QUEUE_CHECK_NAME && r.headSha === headC);
    expect(check).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "Ejected from the merge queue" } });
    expect(check?.output.summary).toMatch(new RegExp(`ejected from the merge queue: .*\`test\` failed on staging \\w+ \\(base \\w+ \\+ #${c.pr}\\)`));
    expect(dispatches).toContainEqual({ issue: c.issue, attempt: 2 });
  });
});
