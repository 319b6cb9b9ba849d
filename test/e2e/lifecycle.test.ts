/**
 * The whole lifecycle end to end, through the real app (Probot), the real worker CLI with a
 * scripted fake agent, real git and the local GitHub stand-in:
 * issue -> triage -> worker on a "runner" -> pull request -> CI -> review verdict -> /approve ->
 * dependency-ordered merge -> issue closed as done -> main has the change and its tests pass.
 */
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixtureFiles, FIXTURE_TEST_COMMAND } from "../support/fixture-repo.js";
import { useHarness } from "../support/use-harness.js";
import { workerRunner, type RunnerLog } from "../support/worker-runner.js";
import { agentScript, itemState, mainLog, runMainTests, scriptsDir, statusOf, workItemBody } from "../support/lifecycle.js";

const runs: RunnerLog[] = [];
const harness = useHarness({
  // For diagnosing a failure: the readable timeline of what happened.
  beforeClose: (h) => {
    if (process.env.E2E_TIMELINE) writeFileSync(process.env.E2E_TIMELINE, `${h.standIn.formatTimeline()}\n${JSON.stringify(runs, null, 1)}`);
  },
  afterClose: () => {
    runs.length = 0;
  },
});

/** A fake-agent plan that adds `name.mjs` and a test for it in one iteration. */
function featurePlan(name: string, fn: string, value: number) {
  return {
    strategies: [
      [
        {
          write: {
            [`${name}.mjs`]: `export function ${fn}() {\n  return ${value};\n}\n`,
            [`tests/${name}.test.mjs`]: `import assert from "node:assert/strict";\nimport { ${fn} } from "../${name}.mjs";\nassert.equal(${fn}(), ${value});\n`,
          },
        },
      ],
    ],
  };
}

async function start(scripts: Record<number, string>) {
  const dir = scriptsDir();
  const byIssue = new Map<number, string>();
  for (const [issue, plan] of Object.entries(scripts)) byIssue.set(Number(issue), plan);
  const h = await harness.start({
    files: fixtureFiles(),
    ci: { command: FIXTURE_TEST_COMMAND, name: "test" },
    workflows: { "orchestrator-worker.yml": workerRunner((issue) => byIssue.get(issue) ?? agentScript(dir, `none-${issue}`, {}), runs) },
  });
  return { h, dir };
}

// Real processes and git under a two-core machine: generous limits, never assertions on time.
describe("end-to-end lifecycle", { timeout: 400_000 }, () => {
  it("lands one work item: issue -> worker -> pull request -> review -> /approve -> merge -> done", async () => {
    const dir = scriptsDir();
    const { h } = await start({ 1: agentScript(dir, "total", featurePlan("total", "total", 42)) });
    const alice = h.standIn.as("alice");
    const n = await alice.openIssue({
      title: "Add a total",
      body: workItemBody({ goal: "Widgets need a total.", criteria: ["Given the library When I call total() Then I get 42"] }),
    });
    expect(n).toBe(1);
    await h.settle();

    const pr = itemState(h.standIn, n)?.pr;
    expect(runs.map((r) => r.exitCode), JSON.stringify(runs)).toEqual([0]);
    expect(pr?.number).toBeDefined();
    // The shipped workflow's run-name links the run to its attempt (completion guarantee, /cancel).
    expect(itemState(h.standIn, n)?.attempts[0]?.runUrl).toMatch(/\/actions\/runs\/\d+$/);
    expect(statusOf(h.standIn, n)).toBe("status/in-review");

    await alice.comment(pr!.number, "/approve");
    await h.settle();

    expect(statusOf(h.standIn, n)).toBe("status/done");
    expect(h.standIn.state.issues.get(n)?.state).toBe("closed");
    const log = await mainLog(h.standIn);
    expect(log.at(-1)).toMatch(/#2|Add a total/);
    const tests = await runMainTests(h.standIn, FIXTURE_TEST_COMMAND);
    expect(tests.exitCode, tests.output).toBe(0);
    expect(tests.output).toContain("ok total.test.mjs");
  });

  it("lands A <- B <- C in dependency order although they were approved C, B, A", async () => {
    const dir = scriptsDir();
    const { h } = await start({
      1: agentScript(dir, "alpha", featurePlan("alpha", "alpha", 1)),
      2: agentScript(dir, "beta", featurePlan("beta", "beta", 2)),
      3: agentScript(dir, "gamma", featurePlan("gamma", "gamma", 3)),
    });
    const alice = h.standIn.as("alice");
    const body = (goal: string, dependsOn?: number[]) =>
      workItemBody({ goal, criteria: [`Given the library When I call it Then ${goal}`], ...(dependsOn ? { dependsOn } : {}) });
    // All three are worked on at once (max_concurrent 3); the dependencies are declared while
    // their pull requests are in review, so only the merge queue can order them.
    const a = await alice.openIssue({ title: "Alpha", body: body("alpha returns 1") });
    const b = await alice.openIssue({ title: "Beta", body: body("beta returns 2") });
    const c = await alice.openIssue({ title: "Gamma", body: body("gamma returns 3") });
    await h.settle();
    for (const n of [a, b, c]) expect(statusOf(h.standIn, n), `#${n}`).toBe("status/in-review");
    await alice.editIssue(b, { body: body("beta returns 2", [a]) });
    await alice.editIssue(c, { body: body("gamma returns 3", [b]) });
    await h.settle();
    expect(itemState(h.standIn, c)?.dependsOn).toEqual([`#${b}`]);

    for (const n of [c, b, a]) {
      await alice.comment(itemState(h.standIn, n)!.pr!.number, "/approve");
      await h.settle();
    }

    for (const n of [a, b, c]) expect(statusOf(h.standIn, n), `#${n}`).toBe("status/done");
    const prs = [a, b, c].map((n) => itemState(h.standIn, n)!.pr!.number);
    const merges = (await mainLog(h.standIn)).filter((s) => /^Merge pull request #\d+/.test(s));
    expect(merges.map((s) => Number(/#(\d+)/.exec(s)![1]))).toEqual(prs);
    const tests = await runMainTests(h.standIn, FIXTURE_TEST_COMMAND);
    expect(tests.exitCode, tests.output).toBe(0);
    for (const name of ["alpha", "beta", "gamma"]) expect(tests.output).toContain(`ok ${name}.test.mjs`);
  });

  it("an item the agent cannot finish ends blocked with a blocker report, its branch kept", async () => {
    const dir = scriptsDir();
    const stuck = agentScript(dir, "stuck", {
      strategies: [[{ write: { "answer.mjs": "export const answer = 41;\n", "tests/answer.test.mjs": 'import assert from "node:assert/strict";\nimport { answer } from "../answer.mjs";\nassert.equal(answer, 42);\n' } }]],
    });
    const { h } = await start({ 1: stuck });
    const n = await h.standIn.as("alice").openIssue({
      title: "Answer the question",
      body: workItemBody({ goal: "The answer must be 42.", criteria: ["Given answer.mjs When imported Then answer is 42"] }),
    });
    await h.settle();

    expect(statusOf(h.standIn, n)).toBe("status/blocked");
    const report = [...h.standIn.state.comments.values()].find((c) => c.issueNumber === n && c.user === "github-actions[bot]");
    expect(report?.body).toMatch(/Blocked/);
    expect(report?.body).toMatch(/hypothesis/i);
    expect(report?.body).toContain("orchestrator/1-answer-the-question");
    // One dispatch, one report: a blocked attempt is not re-run by the completion guarantee.
    expect(runs).toHaveLength(1);
    expect(itemState(h.standIn, n)?.attempts.map((a) => a.outcome)).toEqual(["blocked"]);
    expect(h.standIn.state.pulls.size).toBe(0);
  });
});
