/**
 * `npm run demo`: the whole lifecycle on this machine, with no GitHub account. Starts the local
 * GitHub stand-in, the real app (Probot) and the real worker CLI (with a scripted fake agent) on a
 * generated sample repository and tells the story: four work items, one the agent cannot finish
 * (its blocker report), a dependency declared while both pull requests are in review and approvals
 * given in the wrong order (the merge queue lands them in dependency order), and the dashboard
 * issue at the end. `npm run demo -- --verbose` also prints the full raw timeline, `-- --stats` the
 * requests per route.
 */
import { DASHBOARD_MARKER } from "../src/domain/dashboard/render.js";
import { startHarness } from "../test/support/app-harness.js";
import { fixtureFiles, FIXTURE_TEST_COMMAND } from "../test/support/fixture-repo.js";
import { workerRunner, type RunnerLog } from "../test/support/worker-runner.js";
import { agentScript, itemState, mainLog, runMainTests, scriptsDir, statusOf, workItemBody } from "../test/support/lifecycle.js";
import { formatStories, narrate } from "./demo/narrate.js";

const started = Date.now();
const verbose = process.argv.includes("--verbose");
/** `npm run demo -- --stats`: also the app's and the worker's requests per route. */
const stats = process.argv.includes("--stats");
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
const files = fixtureFiles();
files[".github/orchestrator.yml"] += "dashboard:\n  enabled: true\n";
const h = await startHarness({
  files,
  ci: { command: FIXTURE_TEST_COMMAND, name: "test" },
  workflows: { "orchestrator-worker.yml": workerRunner((issue) => plans.get(issue) ?? stuck, runs) },
});

const alice = h.standIn.as("alice");
const say = (line: string) => console.log(`» ${line}`);
const prOf = (n: number) => itemState(h.standIn, n)?.pr?.number;
const titles = new Map<number, string>();
async function open(title: string, body: string): Promise<number> {
  const n = await alice.openIssue({ title, body });
  titles.set(n, title);
  return n;
}
const bodies = {
  total: workItemBody({ goal: "Widgets need a total.", criteria: ["Given the library When I call total() Then I get 42"] }),
  parser: workItemBody({ goal: "Parse widget lists.", criteria: ["Given a list When parsed Then parser() returns 7"], value: 4 }),
  report: (dependsOn: number[]) => workItemBody({ goal: "Report on widgets.", criteria: ["Given parsed widgets When reported Then report() returns 9"], dependsOn }),
  stuck: workItemBody({ goal: "The answer must be 42.", criteria: ["Given answer.mjs When imported Then answer is 42"], value: 2 }),
};

/** The dashboard issue's body now. */
function dashboardBody(): string {
  return [...h.standIn.state.issues.values()].find((i) => i.user === "orchestrator[bot]" && (i.body ?? "").includes(DASHBOARD_MARKER))?.body ?? "";
}

/** One `## heading` section of the dashboard as it is now, for showing mid-story. */
function dashboardSection(heading: string): string {
  const body = dashboardBody();
  const start = body.indexOf(`## ${heading}`);
  if (start < 0) return `(no "${heading}" on the dashboard)`;
  const end = body.indexOf("\n## ", start + 3);
  return body.slice(start, end < 0 ? undefined : end).trimEnd();
}

try {
  say("alice opens four work items; the app triages each (WSJF, track) and dispatches workers (3 at a time)");
  const total = await open("Add a total", bodies.total);
  const parser = await open("Parse widgets", bodies.parser);
  const report = await open("Report", bodies.report([]));
  const answer = await open("Answer the question", bodies.stuck);
  await h.settle();
  say(`#${answer}'s agent cannot get its test green: the worker files a blocker report`);

  say(`alice notices #${report} needs #${parser}'s parser and edits it: "Depends on #${parser}" (both pull requests are already in review)`);
  await alice.editIssue(report, { body: bodies.report([parser]) });
  await h.settle();

  for (const n of [report, total, parser]) {
    const pr = prOf(n);
    if (!pr) continue;
    const why = n === report ? ` — first, although it depends on #${parser}: the queue holds it back` : n === parser ? ` — the queue lands it, then #${report}` : "";
    say(`alice comments /approve on pull request #${pr} (work item #${n})${why}`);
    await alice.comment(pr, "/approve");
    await h.settle();
    for (const waiting of [report, total, parser].filter((i) => statusOf(h.standIn, i) === "status/approved")) {
      say(`  merge queue: #${waiting} ${itemState(h.standIn, waiting)?.queue?.reason ?? "queued"}`);
    }
    if (n === report) console.log(`\n${dashboardSection("Merge queue")}\n\n${dashboardSection("Dependencies and epics")}\n`);
  }

  const items = new Map([...titles].sort((a, b) => a[0] - b[0]));
  const prItem = new Map([...items.keys()].flatMap((n) => (prOf(n) ? [[prOf(n)!, n] as [number, number]] : [])));
  console.log("\n=== What happened, by work item ===\n");
  console.log(formatStories(narrate({ standIn: h.standIn, items, prItem }), items));

  console.log("\n=== Work items ===");
  for (const n of items.keys()) {
    const state = itemState(h.standIn, n);
    console.log(`#${n} ${titles.get(n)}: ${statusOf(h.standIn, n)} (WSJF ${state?.wsjf.score ?? "-"}, track ${state?.track ?? "-"})${state?.blockedReason ? ` — ${state.blockedReason}` : ""}`);
  }
  console.log("\n=== main ===");
  for (const subject of (await mainLog(h.standIn)).reverse()) console.log(`  ${subject}`);
  const tests = await runMainTests(h.standIn, FIXTURE_TEST_COMMAND);
  console.log(`\n${FIXTURE_TEST_COMMAND} on main: ${tests.exitCode === 0 ? "passed" : "FAILED"}`);

  console.log("\n=== Dashboard issue ===\n");
  console.log((dashboardBody() || "(no dashboard)").replace(`${DASHBOARD_MARKER}\n\n`, "").trimEnd());

  if (verbose) {
    console.log("\n=== Full timeline ===");
    console.log(h.standIn.formatTimeline());
  }
  console.log(`\nGitHub API requests by the app and the worker: ${h.standIn.requests.total}`);
  if (stats) {
    // Where the requests went (the cost to watch: docs/test-speed.md), most first.
    for (const [route, count] of [...h.standIn.requests.byRoute].sort((a, b) => b[1] - a[1])) console.log(`${String(count).padStart(6)}  ${route}`);
  }
  if (h.standIn.violations.length > 0) console.log(`\nStand-in violations:\n${h.standIn.violations.join("\n")}`);
  console.log(`Demo finished in ${((Date.now() - started) / 1000).toFixed(1)} s.${verbose ? "" : " (npm run demo -- --verbose prints the full timeline)"}`);
} finally {
  await h.close();
}
