import { describe, expect, it } from "vitest";
import type { QueueEntry } from "../../../src/domain/merge-plan.js";
import { queueEntry } from "../../support/queue-entries.js";
import { batchRunSchema, type BatchRun } from "../../../src/domain/queue/batch-run.js";
import { decideBatch, stagingBuilt, stagingConflict, withLanded, type BatchInput } from "../../../src/domain/queue/batch-step.js";
import { batchStrategy } from "../../../src/domain/queue/batch-strategy.js";
import { selectBatch } from "../../../src/domain/queue/select-batch.js";
import { decodeBatchBlock, encodeBatchBlock } from "../../../src/domain/item/markers.js";

const entry = queueEntry;

const options = { batchSize: 8, flakyRetries: 1 };
const BASE = "base0000000";

function input(entries: QueueEntry[], over: Partial<BatchInput> = {}): BatchInput {
  const unmerged: Record<number, string[]> = {};
  for (const e of entries) unmerged[e.issue] = [...e.dependsOn];
  return { baseSha: BASE, candidates: entries, unmerged, run: null, staging: null, ...over };
}

/** A run of the given issues with its staging for the first `size` built on BASE as `sha`. */
function built(issues: number[], size: number, over: Partial<BatchRun> = {}, sha = "stage11111"): BatchRun {
  const run: BatchRun = {
    id: 100 + (issues[0] ?? 0),
    members: issues.map((i) => ({ issue: i, pr: 100 + i, headSha: `head${i}`, dependsOn: [] })),
    knownRed: null,
    test: { size, attempt: 0, stagingSha: null, baseSha: null },
    ...over,
  };
  return stagingBuilt(run, sha, BASE);
}

describe("selectBatch", () => {
  it("takes members in landing order, a dependency ahead of its dependent, up to the batch size", () => {
    const entries = [entry(1, { dependsOn: ["#3"] }), entry(2), entry(3), entry(4)];
    const batch = selectBatch(entries, { 1: ["#3"] }, 3);
    expect(batch.map((m) => m.issue)).toEqual([2, 3, 1]);
    expect(batch[2]).toEqual({ issue: 1, pr: 101, headSha: "head1", dependsOn: [3] });
  });

  it("leaves out a member whose unmerged dependency is not queued, and its dependents", () => {
    const entries = [entry(1), entry(2), entry(3)];
    expect(selectBatch(entries, { 2: ["#9"], 3: ["#2"] }, 8).map((m) => m.issue)).toEqual([1]);
    expect(selectBatch(entries, { 2: ["other/repo#4"] }, 8).map((m) => m.issue)).toEqual([1, 3]);
  });

  it("keeps a dependent out when its dependency did not fit (closed under dependencies)", () => {
    const entries = [entry(1), entry(2), entry(3, { score: 50 })];
    // #3 ranks first but depends on #2; with room for 1, only #1 (free, next in order) fits.
    expect(selectBatch(entries, { 3: ["#2"] }, 1).map((m) => m.issue)).toEqual([1]);
  });

  it("leaves out known conflicts and members of a dependency cycle", () => {
    const entries = [entry(1, { conflict: true }), entry(2), entry(3), entry(4)];
    expect(selectBatch(entries, { 2: ["#3"], 3: ["#2"] }, 8).map((m) => m.issue)).toEqual([4]);
  });
});

describe("decideBatch", () => {
  const three = [entry(1), entry(2), entry(3)];

  it("starts a batch: builds staging with every selected member on the current base", () => {
    const d = decideBatch(input(three), options);
    expect(d.step).toMatchObject({ kind: "build-staging", batch: 101, baseSha: BASE, attempt: 0 });
    expect(d.step.kind === "build-staging" && d.step.members.map((m) => m.pr)).toEqual([101, 102, 103]);
    expect(d.next?.test).toEqual({ size: 3, attempt: 0, stagingSha: null, baseSha: null });
  });

  it("is idle on an empty queue", () => {
    expect(decideBatch(input([]), options)).toEqual({ step: { kind: "idle" }, next: null });
  });

  it("waits for the staging checks, with the tested tree in the reason", () => {
    const d = decideBatch(input(three, { run: built([1, 2, 3], 3), staging: { sha: "stage11111", checks: "pending" } }), options);
    expect(d.step).toMatchObject({ kind: "wait-staging", stagingSha: "stage11111" });
    expect(d.step.kind !== "idle" && d.step.reason).toContain("base base000 + #101, #102, #103");
  });

  it("does not take a verdict on another staging head for this one", () => {
    const d = decideBatch(input(three, { run: built([1, 2, 3], 3), staging: { sha: "other", checks: "passed" } }), options);
    expect(d.step.kind).toBe("wait-staging");
  });

  it("lands exactly the tested members on green, guarded by the tested base and staging head", () => {
    const d = decideBatch(input(three, { run: built([1, 2, 3], 3), staging: { sha: "stage11111", checks: "passed" } }), options);
    expect(d.step).toMatchObject({ kind: "land", stagingSha: "stage11111", baseSha: BASE });
    expect(d.step.kind === "land" && d.step.members.map((m) => m.issue)).toEqual([1, 2, 3]);
    expect(d.next).toBeNull();
  });

  it("retries a red batch once before bisecting, then tests the first half", () => {
    const red = { sha: "stage11111", checks: "failed" as const, failedChecks: ["test"] };
    const retry = decideBatch(input(three, { run: built([1, 2, 3], 3), staging: red }), options);
    expect(retry.step).toMatchObject({ kind: "build-staging", attempt: 1 });
    expect(retry.step.kind !== "idle" && retry.step.reason).toContain("retry 1 of 1");
    const again = stagingBuilt(retry.next!, "stage22222", BASE);
    const bisect = decideBatch(input(three, { run: again, staging: { ...red, sha: "stage22222" } }), options);
    expect(bisect.step).toMatchObject({ kind: "build-staging", attempt: 0 });
    expect(bisect.step.kind === "build-staging" && bisect.step.members.map((m) => m.issue)).toEqual([1, 2]);
    expect(bisect.next).toMatchObject({ knownRed: 3, test: { size: 2 } });
  });

  it("with no retries, bisects at once", () => {
    const d = decideBatch(input(three, { run: built([1, 2, 3], 3), staging: { sha: "stage11111", checks: "failed" } }), { batchSize: 8, flakyRetries: 0 });
    expect(d.next).toMatchObject({ knownRed: 3, test: { size: 2 } });
  });

  it("after a green half lands, a lone member left in the red part is the culprit, ejected without another test", () => {
    const run = built([1, 2, 3], 2, { knownRed: 3 });
    const land = decideBatch(input(three, { run, staging: { sha: "stage11111", checks: "passed" } }), options);
    expect(land.step.kind === "land" && land.step.members.map((m) => m.issue)).toEqual([1, 2]);
    expect(land.next).toMatchObject({ knownRed: 1, members: [{ issue: 3 }] });
    const eject = decideBatch(input([entry(3)], { baseSha: "base1111111", run: land.next }), options);
    expect(eject.step).toMatchObject({ kind: "eject", culprit: { issue: 3 }, inferred: true, dependents: [] });
    expect(eject.next).toBeNull();
  });

  it("ejects a lone red member with its failed checks; its dependents leave with it, the rest restarts", () => {
    const run: BatchRun = stagingBuilt(
      {
        id: 101,
        members: [
          { issue: 1, pr: 101, headSha: "head1", dependsOn: [] },
          { issue: 2, pr: 102, headSha: "head2", dependsOn: [1] },
          { issue: 3, pr: 103, headSha: "head3", dependsOn: [] },
        ],
        knownRed: 2,
        test: { size: 1, attempt: 0, stagingSha: null, baseSha: null },
      },
      "stage11111",
      BASE,
    );
    const entries = [entry(1), entry(2, { dependsOn: ["#1"] }), entry(3)];
    const d = decideBatch(input(entries, { run, staging: { sha: "stage11111", checks: "failed", failedChecks: ["lint"] } }), options);
    expect(d.step).toMatchObject({ kind: "eject", culprit: { issue: 1 }, dependents: [{ issue: 2 }], failedChecks: ["lint"], inferred: false });
    expect(d.step.kind !== "idle" && d.step.reason).toContain("`lint` failed on staging stage11");
    expect(d.next).toMatchObject({ members: [{ issue: 3 }], knownRed: null, test: { size: 1, stagingSha: null } });
  });

  it("a member whose head moved leaves the batch; the rest is tested again", () => {
    const entries = [entry(1), entry(2, { headSha: "moved" }), entry(3)];
    const d = decideBatch(input(entries, { run: built([1, 2, 3], 3) }), options);
    expect(d.step).toMatchObject({ kind: "leave", members: [{ issue: 2 }] });
    expect(d.next).toMatchObject({ members: [{ issue: 1 }, { issue: 3 }], test: { size: 2, stagingSha: null } });
  });

  it("rebuilds when the base moved under a built staging branch, forgetting what bisection knew", () => {
    const d = decideBatch(input(three, { baseSha: "pushed00000", run: built([1, 2, 3], 2, { knownRed: 3 }) }), options);
    expect(d.step).toMatchObject({ kind: "build-staging", baseSha: "pushed00000" });
    expect(d.next).toMatchObject({ knownRed: null, test: { size: 3 } });
  });

  it("a staging conflict takes the member and its dependents out", () => {
    const run = built([1, 2], 2);
    run.members[1]!.dependsOn = [1];
    expect(stagingConflict(run, 1)).toEqual({ next: null, removed: [1, 2] });
  });

  it("read back after its green half landed, the run is what the land step recorded", () => {
    const run = built([1, 2, 3], 2, { knownRed: 3 });
    const land = decideBatch(input(three, { run, staging: { sha: "stage11111", checks: "passed" } }), options);
    expect(withLanded(run, new Set([1, 2]))).toEqual(land.next);
    expect(withLanded(run, new Set([1, 2, 3]))).toBeNull();
  });

  it("read back with a member merged out of order (by hand), the rest restarts without it", () => {
    const run = built([1, 2, 3], 3);
    expect(withLanded(run, new Set([2]))).toMatchObject({ members: [{ issue: 1 }, { issue: 3 }], knownRed: null, test: { size: 2, stagingSha: null } });
  });

  it("the run round-trips through the batch block a staging commit message ends with", () => {
    const run = built([1, 2], 2, { knownRed: 2 });
    const message = `Batch #101: merge #102 (head2)\n\nwhy\n\n${encodeBatchBlock(run)}`;
    expect(decodeBatchBlock(message)).toEqual({ kind: "ok", value: run });
    expect(decodeBatchBlock("Merge branch 'main'")).toEqual({ kind: "absent" });
    expect(decodeBatchBlock("<!-- orchestrator:batch {\"id\":1} -->").kind).toBe("invalid");
  });

  it("the run round-trips through its zod schema (it is recorded between evaluations)", () => {
    const run = built([1, 2], 2, { knownRed: 2 });
    expect(batchRunSchema.parse(JSON.parse(JSON.stringify(run)))).toEqual(run);
    expect(batchRunSchema.safeParse({ ...run, members: [] }).success).toBe(false);
  });
});

describe("batchStrategy", () => {
  it("orders the batch first, then the rest as serial would, each with a reason", () => {
    const entries = [entry(1), entry(2), entry(3), entry(4, { dependsOn: ["#9"] })];
    const plan = batchStrategy({ batchSize: 2, flakyRetries: 1 }).plan({ baseSha: BASE, entries, unmergedDependencies: { 4: ["#9"] } });
    expect(plan.strategy).toBe("batch");
    expect(plan.action).toMatchObject({ kind: "batch", pr: 101, step: { kind: "build-staging" } });
    expect(plan.order).toEqual([
      { issue: 1, pr: 101, position: 1, waitingFor: null },
      { issue: 2, pr: 102, position: 2, waitingFor: null },
      { issue: 3, pr: 103, position: 3, waitingFor: "waits for batch #101 to finish" },
      { issue: 4, pr: 104, position: 4, waitingFor: "waits for #9 to land" },
    ]);
  });

  it("is idle when nothing can join a batch, saying why for each entry", () => {
    const entries = [entry(1, { conflict: true }), entry(2, { dependsOn: ["#9"] })];
    const plan = batchStrategy().plan({ baseSha: BASE, entries, unmergedDependencies: { 2: ["#9"] } });
    expect(plan.action).toEqual({ kind: "idle" });
    expect(plan.order.map((p) => p.waitingFor)).toEqual(["conflicts with the base branch", "waits for #9 to land"]);
  });
});
