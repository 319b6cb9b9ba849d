/**
 * Stacked dependency chains (issue #14, `worker.stack_on_approved`) through the REAL app and the
 * stand-in: C depends on B, B on A. A is held (`hold`) and approved: the approval releases B at
 * once (it does not wait for A to land) and B's worker starts on A's branch; B approved releases C,
 * stacked on B. A person's fix on A moves B and C along (each updated from the new head below it;
 * approved again). Releasing A lands the chain as ONE batch (one CI run on staging), with no
 * rebase: no update-branch call, every pull request's head is the approved one.
 * (The scripted worker stacks on the branch its plan names; the product worker's choice of that
 * branch is tested with real git in test/worker/stack.test.ts.)
 */
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { approve, dispatches, mainLog, merged, openItems, resetWorker, startQueueRepo, stateOf, workItems } from "../support/queue-app.js";
import { useHarness } from "../support/use-harness.js";

const CONFIG = `worker:
  max_concurrent: 8
  stack_on_approved: true
merge:
  strategy: batch
  batch_size: 4
`;

const harness = useHarness({ beforeClose: resetWorker });

describe("stacked dependency chain, batch strategy, through the app and the stand-in", () => {
  it("stacks B on approved A and C on approved B, keeps them on A's new head, then lands A, B, C as one batch without a rebase", async () => {
    // CI runs on every branch but the batch's build branch (as a workflow's `on.push.branches` would).
    const h = await startQueueRepo(harness, { testMjs: `console.log("ok");\n`, config: CONFIG, ci: { branches: /^(?!orchestrator\/staging\.tmp$)/ } });
    const [a] = await workItems(h, [{ goal: "Item A", files: { "a.txt": "A\n" } }]);
    const [b] = await openItems(h, [{ goal: "Item B", files: { "b.txt": "B\n" }, dependsOn: [a!.issue], base: `orchestrator/${a!.issue}-x` }]);
    const [c] = await openItems(h, [{ goal: "Item C", files: { "c.txt": "C\n" }, dependsOn: [b!], base: `orchestrator/${b}-x` }]);
    await h.settle();
    expect([stateOf(h, b!).status, stateOf(h, c!).status]).toEqual(["waiting", "waiting"]);

    // A held, then approved: B is released and dispatched while A is still open.
    await h.standIn.as("alice").addLabels(a!.issue, ["hold"]);
    await approve(h, a!.pr);
    expect(merged(h, a!.pr)).toBe(false);
    const stateB = stateOf(h, b!);
    expect(stateB.status).toBe("in-review");
    expect(stateOf(h, c!).status).toBe("waiting");
    await approve(h, stateB.pr!.number);
    const stateC = stateOf(h, c!);
    expect(stateC.status).toBe("in-review");
    await approve(h, stateC.pr!.number);
    expect(dispatches.map((d) => d.issue)).toEqual([a!.issue, b, c]);

    const prs = [a!.pr, stateB.pr!.number, stateC.pr!.number];
    const headsNow = () => prs.map((n) => h.standIn.state.pulls.get(n)!.headSha);
    const git = async (...args: string[]) => (await execa("git", args, { cwd: h.standIn.bareRepo })).stdout.trim();
    const contains = async (head: string, lower: string) => (await git("merge-base", lower, head)) === lower;
    // Stacked: each head contains the one below it.
    let heads = headsNow();
    expect([await contains(heads[1]!, heads[0]!), await contains(heads[2]!, heads[1]!)]).toEqual([true, true]);

    // The lower pull request changes (a person's fix on A): B follows A's new head, C follows B's;
    // the new commits void the approvals, which are given again.
    await h.standIn.as("alice").pushCommit(`orchestrator/${a!.issue}-x`, { "a.txt": "A, fixed\n" }, "Fix A");
    await h.settle();
    const moved = headsNow();
    expect(moved.every((head, i) => head !== heads[i])).toBe(true);
    expect([await contains(moved[1]!, moved[0]!), await contains(moved[2]!, moved[1]!)]).toEqual([true, true]);
    expect([a!.issue, b!, c!].map((n) => stateOf(h, n).status)).toEqual(["in-review", "in-review", "in-review"]);
    for (const pr of prs) await approve(h, pr);
    heads = headsNow();

    await h.standIn.as("alice").removeLabel(a!.issue, "hold");
    await h.settle();
    expect(prs.map((n) => merged(h, n))).toEqual([true, true, true]);
    expect((await mainLog(h)).map((s) => /merge #(\d+)/.exec(s)?.[1])).toEqual(prs.map(String));
    const stagingRuns = h.standIn.timeline.filter((e) => e.kind === "ci" && e.summary.includes(" started on ") && e.summary.endsWith("(orchestrator/staging)"));
    expect(stagingRuns).toHaveLength(1);
    expect(h.standIn.requests.byRoute.get("PUT /repos/{owner}/{repo}/pulls/{pull_number}/update-branch") ?? 0).toBe(0);
    // No rebase: the heads that landed are the approved heads.
    expect(headsNow()).toEqual(heads);
    for (const issue of [a!.issue, b!, c!]) expect(stateOf(h, issue).status).toBe("done");
  });
});
