/**
 * `npx tsx bench/checks-grace-cost.ts`: what the checks grace (src/domain/checks-grace.ts) costs in
 * the normal flow, where CI does report on the worker's pull request: the app's GitHub requests for
 * one work item from its opening to its review, with `review.checks_grace_minutes` 0 (off) and 10,
 * in total, writes, status comment edits, and by route. Reads vary from run to run with the order
 * in which the stand-in delivers events (several review passes may see the head); writes must not.
 */
import { startHarness } from "../test/support/app-harness.js";
import { simulatedWorker, WORKER_WORKFLOW, WORKER_WORKFLOW_FILE } from "../test/support/simulated-worker.js";
import { formBody, REFERENCE_ITEM } from "../test/support/work-items.js";

for (const grace of [0, 10]) {
  const h = await startHarness({
    files: {
      "README.md": "# widgets\n",
      "test.mjs": 'console.log("ok");\n',
      [`.github/workflows/${WORKER_WORKFLOW_FILE}`]: WORKER_WORKFLOW,
      ".github/workflows/ci.yml": "on: pull_request\njobs: {}\n",
      ".github/orchestrator.yml": `worker:\n  test_command: node test.mjs\nreview:\n  checks_grace_minutes: ${grace}\n`,
    },
    ci: { command: "node test.mjs", name: "test" },
    workflows: { [WORKER_WORKFLOW_FILE]: simulatedWorker([]) },
  });
  await h.standIn.as("alice").openIssue({ title: "Add a total", body: formBody({ ...REFERENCE_ITEM, scope: "**" }) });
  await h.settle();
  const entries = h.standIn.requests.entries.filter((e) => e.caller === "orchestrator[bot]");
  const byRoute = new Map<string, number>();
  for (const e of entries) byRoute.set(e.route, (byRoute.get(e.route) ?? 0) + 1);
  const writes = entries.filter((e) => e.method !== "GET").length;
  const commentEdits = entries.filter((e) => e.method === "PATCH" && e.route.includes("/issues/comments/")).length;
  console.log(`checks_grace_minutes ${grace}: ${entries.length} requests, ${writes} writes, ${commentEdits} comment edits`);
  for (const [route, count] of [...byRoute].sort()) console.log(`  ${route}: ${count}`);
  await h.close();
}
