/**
 * `npm run demo`: the whole lifecycle on this machine, with no GitHub account. Starts the local
 * GitHub stand-in, the real app (Probot) and the real worker CLI (with a scripted fake agent) on a
 * generated sample repository, plays the lifecycle — one feature, one dependency pair, one item
 * that gets blocked with a blocker report — and prints a readable timeline and the default
 * branch's log.
 */
import { startHarness } from "../test/support/app-harness.js";
import { fixtureFiles, FIXTURE_TEST_COMMAND } from "../test/support/fixture-repo.js";
import { workerRunner, type RunnerLog } from "../test/support/worker-runner.js";
import { agentScript, itemState, mainLog, runMainTests, scriptsDir, statusOf, workItemBody } from "../test/support/lifecycle.js";
import type { TimelineEvent } from "../test/support/standin/index.js";

const started = Date.now();
const dir = scriptsDir();

/** The fake agent's plan: add `<name>.mjs` and its test in one iteration. */
function feature(name: string, value: number): string {
  return agentScript(dir, name, {
    strategies: [
      [
        {
          write: {
            [`${name}.mjs`]: `export function ${name}() {\n  return ${value};\n}\n`,
            [`tests/${name}.test.mjs`]: `import assert from "node:assert/strict";\nimport { ${name} } from "../${name}.mjs";\nassert.equal(${name}(), ${value});\n`,
          },
        },
      ],
    ],
  });
}

// An agent that never gets the test green: every iteration writes a wrong answer.
const stuck = agentScript(dir, "stuck", {
  strategies: [[{ write: { "answer.mjs": "export const answer = 41;\n", "tests/answer.test.mjs": 'import assert from "node:assert/strict";\nimport { answer } from "../answer.mjs";\nassert.equal(answer, 42);\n' } }]],
});

const plans = new Map<number, string>([
  [1, feature("total", 42)],
  [2, feature("parser", 7)],
  [3, feature("report", 9)],
  [4, stuck],
]);
const runs: RunnerLog[] = [];
const h = await startHarness({
  files: fixtureFiles(),
  ci: { command: FIXTURE_TEST_COMMAND, name: "test" },
  workflows: { "orchestrator-worker.yml": workerRunner((issue) => plans.get(issue) ?? stuck, runs) },
});

const alice = h.standIn.as("alice");
const say = (line: string) => console.log(`\n» ${line}`);
try {
  say("alice opens #1 'Add a total' (value 3, urgency 2, risk 2, size S -> WSJF 3.5, standard track)");
  await alice.openIssue({ title: "Add a total", body: workItemBody({ goal: "Widgets need a total.", criteria: ["Given the library When I call total() Then I get 42"] }) });
  say("alice opens #2 'Parse widgets' and #3 'Report' which depends on #2");
  await alice.openIssue({ title: "Parse widgets", body: workItemBody({ goal: "Parse widget lists.", criteria: ["Given a list When parsed Then parser() returns 7"], value: 4 }) });
  await alice.openIssue({ title: "Report", body: workItemBody({ goal: "Report on widgets.", criteria: ["Given parsed widgets When reported Then report() returns 9"], dependsOn: [2] }) });
  say("alice opens #4 'Answer the question', which the agent cannot get right");
  await alice.openIssue({ title: "Answer the question", body: workItemBody({ goal: "The answer must be 42.", criteria: ["Given answer.mjs When imported Then answer is 42"], value: 2 }) });
  await h.settle();

  for (let round = 0; round < 4; round++) {
    const inReview = [1, 2, 3].filter((n) => statusOf(h.standIn, n) === "status/in-review");
    if (inReview.length === 0) break;
    for (const n of inReview) {
      const pr = itemState(h.standIn, n)?.pr?.number;
      if (!pr) continue;
      say(`alice comments /approve on pull request #${pr} (work item #${n})`);
      await alice.comment(pr, "/approve");
      await h.settle();
    }
  }

  console.log("\n=== Timeline ===");
  console.log(h.standIn.timeline.filter(shown).map(line).join("\n"));
  console.log("\n=== Work items ===");
  for (const n of [1, 2, 3, 4]) {
    const state = itemState(h.standIn, n);
    console.log(`#${n} ${h.standIn.state.issues.get(n)?.title}: ${statusOf(h.standIn, n)} (WSJF ${state?.wsjf.score ?? "-"}, track ${state?.track ?? "-"})${state?.blockedReason ? ` — ${state.blockedReason}` : ""}`);
  }
  console.log("\n=== main ===");
  for (const subject of (await mainLog(h.standIn)).reverse()) console.log(`  ${subject}`);
  const tests = await runMainTests(h.standIn, FIXTURE_TEST_COMMAND);
  console.log(`\n${FIXTURE_TEST_COMMAND} on main: ${tests.exitCode === 0 ? "passed" : "FAILED"}`);
  console.log(`GitHub API requests by the app and the worker: ${h.standIn.requests.total}`);
  if (h.standIn.violations.length > 0) console.log(`\nStand-in violations:\n${h.standIn.violations.join("\n")}`);
  console.log(`\nDemo finished in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
} finally {
  await h.close();
}

/** Timeline entries a reader cares about: persons' actions, the app's and worker's writes, CI, runs. */
function shown(e: TimelineEvent): boolean {
  if (e.kind === "webhook") return false;
  if (e.kind === "write" && /^label "/.test(e.summary)) return false;
  return true;
}

function line(e: TimelineEvent): string {
  const text = e.summary.length > 150 ? `${e.summary.slice(0, 147)}...` : e.summary;
  return `${String(e.seq).padStart(4)}  ${e.kind.padEnd(8)} ${text}`;
}
