/**
 * Planning an epic (issue #13 item 3) through the REAL app (Probot) and the local GitHub stand-in
 * with real git: a trusted project issue with `pm.agent` set asks for a plan run (the worker
 * workflow with `mode: plan`); the REAL CLI (`orchestrator pm --task plan`, src/cli.ts through tsx)
 * runs the scripted fake agent as the PM, which writes the plan of each revision, and posts the
 * handoff comment as github-actions[bot].
 * An invalid plan (a cycle) is said in the status comment; `/plan` asks again. `/approve plan` creates 5 children (a chain a -> b -> c and a parallel d, e) as native
 * sub-issues with native blocked-by links; `/plan` re-plans without duplicating; the children run
 * through the normal lifecycle (simulated workers, PM review, `/approve`, the merge queue) in
 * dependency order, and the epic closes with its summary.
 */
import { execa } from "execa";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { FAKE_AGENT } from "../support/worker-runner.js";
import { sweepAll } from "../../src/app/periodic.js";
import type { PlanHandoff } from "../../src/domain/pm/plan.js";
import { EPIC_SUMMARY_MARKER, parsePlanChildMarker } from "../../src/domain/item/markers.js";
import type { Harness } from "../support/app-harness.js";
import { useHarness } from "../support/use-harness.js";
import { simulatedWorker, type WorkerRun } from "../support/simulated-worker.js";
import type { WorkflowRunner } from "../support/standin/index.js";
import { approve, commentsOn, mainLog, merged, stateOf } from "../support/queue-app.js";

const harness = useHarness();

const WORKFLOW = [
  "name: orchestrator worker",
  "run-name: \"${{ inputs.mode == 'plan' && format('orchestrator: #{0} pm plan revision {1}', inputs.issue, inputs.revision) || format('orchestrator: #{0} attempt {1}', inputs.issue, inputs.attempt) }}\"",
  "on:",
  "  workflow_dispatch:",
  "    inputs:",
  "      issue: { required: true, type: string }",
  '      attempt: { required: false, default: "1", type: string }',
  "      mode: { required: false, default: work, type: string }",
  '      revision: { required: false, default: "", type: string }',
  '      agent: { required: false, default: claude-code, type: string }',
  "jobs: {}",
  "",
].join("\n");

const criterion = (what: string) => [{ given: "the widgets report", when: `I ${what}`, then: "it works" }];
const child = (key: string, title: string, depends_on: string[], size = "S") => ({ key, title, story: `As a user I want ${title.toLowerCase()}.`, acceptance_criteria: criterion(title.toLowerCase()), size, scope: ["total-*.txt"], depends_on });

/**
 * The plan the simulated PM agent returns: a -> b -> c (c after b after a), d and e in parallel.
 * Revision 1 is invalid (a also depends on c: a cycle); revision 3 changes c's story.
 */
function planFor(revision: number): PlanHandoff {
  return {
    kind: "plan",
    summary: "Build the widgets report in five steps.",
    children: [
      child("a", "Collect widgets", revision === 1 ? ["c"] : []),
      child("b", "Sum widgets", ["a"]),
      { ...child("c", "Render the report", ["b"], "M"), ...(revision > 2 ? { story: "As a user I want the report rendered as a table." } : {}) },
      child("d", "Document the report", []),
      child("e", "Add a report command", []),
    ],
  } as PlanHandoff;
}

const CLI = fileURLToPath(new URL("../../src/cli.ts", import.meta.url));
const TSX = fileURLToPath(new URL("../../node_modules/tsx/dist/loader.mjs", import.meta.url));

/** Mode plan: the real `orchestrator pm --task plan` in the run's clone; otherwise the simulated worker. */
function runner(script: string, planRuns: Array<{ issue: number; revision: number }>, workerRuns: WorkerRun[]): WorkflowRunner {
  const worker = simulatedWorker(workerRuns);
  return async (run) => {
    const { inputs, cloneDir, env, signal } = run;
    if (inputs.mode !== "plan") return worker(run);
    planRuns.push({ issue: Number(inputs.issue), revision: Number(inputs.revision) });
    const args = ["--import", TSX, CLI, "pm", "--task", "plan", "--issue", inputs.issue ?? "", "--revision", inputs.revision ?? ""];
    const result = await execa(process.execPath, args, {
      cwd: cloneDir,
      extendEnv: false,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp", ...env, FAKE_AGENT_SCRIPT: script },
      cancelSignal: signal,
      reject: false,
      all: true,
    });
    if (result.exitCode !== 0) throw new Error(`orchestrator pm failed (${String(result.exitCode)}):\n${(result.all ?? "").slice(-2000)}`);
    return { exitCode: 0 };
  };
}

let tmp: string | undefined;
afterEach(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
  tmp = undefined;
});

async function start(planRuns: Array<{ issue: number; revision: number }>, workerRuns: WorkerRun[]): Promise<Harness> {
  // The fake agent's script: the plan of each revision (the PM agent's handoff file).
  tmp = await mkdtemp(path.join(os.tmpdir(), "pm-plan-"));
  const script = path.join(tmp, "script.json");
  await writeFile(script, JSON.stringify({ pm: { plan: [1, 2, 3].map((revision) => ({ handoff: planFor(revision) })) } }));
  return harness.start({
    files: {
      "README.md": "# widgets\n",
      "test.mjs": 'console.log("ok");\n',
      ".github/workflows/orchestrator-worker.yml": WORKFLOW,
      ".github/orchestrator.yml": ["worker:\n  test_command: node test.mjs\n  max_concurrent: 5", "agent:\n  env: [FAKE_AGENT_SCRIPT]", `pm:\n  agent:\n    name: command\n    command: node ${FAKE_AGENT}`, ""].join("\n"),
    },
    ci: { command: "node test.mjs", name: "test" },
    workflows: { "orchestrator-worker.yml": runner(script, planRuns, workerRuns) },
  });
}

/** The epic's children by plan key (from the marker in their bodies). */
function childrenOf(h: Harness, epic: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const issue of h.standIn.state.issues.values()) {
    const marker = parsePlanChildMarker(issue.body ?? "");
    if (marker?.epic !== epic) continue;
    expect(out.has(marker.key), `one child for key ${marker.key}`).toBe(false);
    out.set(marker.key, issue.number);
  }
  return out;
}

describe("planning an epic through the app and the stand-in", () => {
  it("plans a project issue into 5 children, creates them on /approve plan with sub-issue and blocked-by links, re-plans without duplicates, lands them in dependency order and closes the epic", async () => {
    const planRuns: Array<{ issue: number; revision: number }> = [];
    const workerRuns: WorkerRun[] = [];
    const h = await start(planRuns, workerRuns);
    const alice = h.standIn.as("alice");
    const epic = await alice.openIssue({ title: "Epic: widgets report", body: "### Goal / problem\n\nShip a widgets report.", labels: ["track/project"] });
    await h.settle();

    // Revision 1 asked for once; its cycle is said in the status comment, nothing is created.
    expect(planRuns).toEqual([{ issue: epic, revision: 1 }]);
    expect(stateOf(h, epic).plan).toMatchObject({ revision: 1, outcome: "invalid", problem: "the dependencies form a cycle: a -> c -> b -> a" });
    expect(commentsOn(h, epic, "orchestrator:status")[0]!.body).toContain("was not accepted:** the dependencies form a cycle: a -&gt; c -&gt; b -&gt; a");
    await alice.comment(epic, "/plan");
    await h.settle();
    // Revision 2 shown, nothing created before the gate.
    expect(planRuns.map((r) => r.revision)).toEqual([1, 2]);
    const ready = stateOf(h, epic);
    expect(ready.plan).toMatchObject({ revision: 2, outcome: "ready" });
    expect(ready.plan!.items.map((i) => [i.key, i.dependsOn])).toEqual([["a", []], ["b", ["a"]], ["c", ["b"]], ["d", []], ["e", []]]);
    const status = commentsOn(h, epic, "orchestrator:status")[0]!.body;
    expect(status).toContain("- [ ] **b**: Sum widgets · size S · scope `total-*.txt` · after **a**");
    expect(status).toContain("```mermaid\ngraph TD");
    expect(status).toContain("  k_a --> k_b");
    expect(status).toContain("`/approve plan`");
    expect(childrenOf(h, epic).size).toBe(0);

    // The pass dies right after the first child's commit point (its sub-issue link is refused by a
    // rate limit the app will not wait for): the next sweep finds that child by its marker, links
    // it and creates only the others.
    h.standIn.setFaults({ rate: 1, seed: 1, kinds: ["secondary-rate-limit"], retryAfterSeconds: 3600, max: 1, routes: /^POST \/repos\/\{owner\}\/\{repo\}\/issues\/\{issue_number\}\/sub_issues$/ });
    await alice.comment(epic, "/approve plan");
    await h.settle();
    expect(h.standIn.injectedFaults).toHaveLength(1);
    expect(childrenOf(h, epic).size).toBe(1);
    expect(h.standIn.state.issues.get(epic)!.subIssues).toEqual([]);
    h.standIn.setFaults(undefined);
    await sweepAll(h.probot, { appSlug: "orchestrator" });
    await h.settle();
    const children = childrenOf(h, epic);
    expect([...children.keys()].sort()).toEqual(["a", "b", "c", "d", "e"]);
    const n = (key: string) => children.get(key)!;
    const issues = h.standIn.state.issues;
    expect(issues.get(epic)!.subIssues.sort((x, y) => x - y)).toEqual([...children.values()].sort((x, y) => x - y));
    expect(issues.get(n("b"))!.blockedBy).toEqual([n("a")]);
    expect(issues.get(n("c"))!.blockedBy).toEqual([n("b")]);
    for (const key of ["a", "d", "e"]) expect(issues.get(n(key))!.blockedBy).toEqual([]);
    expect(issues.get(n("c"))!.body).toContain(`Depends on #${n("b")}`);
    expect(stateOf(h, epic).plan).toMatchObject({ outcome: "created", approval: { by: "alice", revision: 2 } });
    // The children are trusted through the approved plan; b and c wait for their dependencies.
    expect(stateOf(h, n("b")).status).toBe("waiting");
    expect(stateOf(h, n("c")).status).toBe("waiting");
    for (const key of ["a", "d", "e"]) expect(stateOf(h, n(key)).status, key).toBe("in-review");

    // Re-planning: revision 3 changes c's story; approving it updates c in place, creates nothing.
    const created = issues.size;
    await alice.comment(epic, "/plan");
    await h.settle();
    expect(planRuns.map((r) => r.revision)).toEqual([1, 2, 3]);
    expect(stateOf(h, epic).plan).toMatchObject({ revision: 3, outcome: "ready" });
    await alice.comment(epic, "/approve plan");
    await h.settle();
    expect(issues.size).toBe(created);
    expect(childrenOf(h, epic)).toEqual(children);
    expect(issues.get(n("c"))!.body).toContain("rendered as a table");
    expect(stateOf(h, n("c")).status).toBe("waiting");
    expect(issues.get(epic)!.subIssues).toHaveLength(5);
    expect(issues.get(n("c"))!.blockedBy).toEqual([n("b")]);

    // The children land in dependency order: a, d, e first; then b; then c.
    const prOf = (key: string) => stateOf(h, n(key)).pr!.number;
    for (const key of ["a", "d", "e"]) await alice.comment(prOf(key), "/approve");
    await h.settle();
    expect(["a", "d", "e"].map((k) => merged(h, prOf(k)))).toEqual([true, true, true]);
    expect(stateOf(h, n("b")).status).toBe("in-review");
    expect(stateOf(h, n("c")).status).toBe("waiting");
    await approve(h, prOf("b"));
    expect(stateOf(h, n("c")).status).toBe("in-review");
    await approve(h, prOf("c"));
    const log = await mainLog(h);
    const landed = (key: string) => log.findIndex((s) => s.includes(`(#${prOf(key)})`));
    expect(landed("a")).toBeGreaterThanOrEqual(0);
    expect(landed("a")).toBeLessThan(landed("b"));
    expect(landed("b")).toBeLessThan(landed("c"));

    expect(issues.get(epic)!.state).toBe("closed");
    const summary = commentsOn(h, epic, EPIC_SUMMARY_MARKER);
    expect(summary).toHaveLength(1);
    expect(summary[0]!.body).toContain("(5 of 5)");
    // One attempt per child, one plan run per revision.
    expect(workerRuns.map((r) => r.issue).sort((x, y) => x - y)).toEqual([...children.values()].sort((x, y) => x - y));
    // Five lifecycles through the merge queue: about 47 s of CPU (`/usr/bin/time`), so more than the default timeout on a loaded machine.
  }, 300_000);
});
