/**
 * `npm run bench`: measurements, kept apart from the tests (tests never assert on time).
 * Prints tables and writes bench/results/latest.json.
 *   - per webhook event type: the app's handling time (p50, p99) vs a bare Probot app's, same run;
 *   - GitHub API requests per work item over the whole lifecycle, by route, with CI quicker than
 *     the app and again with CI that waits `BENCH_CI_SECONDS` (default 5) before its tests, as
 *     production CI does (every head is then reviewed while its checks run and again after);
 *   - peak memory (max RSS of this process: stand-in + app; workers are child processes);
 *   - merge order of 10,000 queued items with random dependencies;
 *   - merge-queue simulation: CI runs per landed PR, serial vs batch (bench/queue-simulation.ts);
 *   - the request budget of issue #9: requests to triage a new issue and for a command at 10 and
 *     1,000 open work items (bench/event-costs.ts), writes per item, each against its goal.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { benchLifecycle } from "./lifecycle.js";
import { eventCostAt } from "./event-costs.js";
import { benchMergeOrder } from "./merge-order.js";
import { queueSimTable, simulateQueues } from "./queue-simulation.js";

const items = Number(process.env.BENCH_ITEMS ?? 4);
const ciSeconds = Number(process.env.BENCH_CI_SECONDS ?? 5);
const fmt = (n: number) => n.toFixed(2);

const lifecycle = await benchLifecycle(items);
const slowCi = await benchLifecycle(items, { ciSeconds });
console.log(`\nLifecycle: ${lifecycle.items} work items, ${lifecycle.landed} landed\n`);
console.log("| event | deliveries | app p50 ms | app p99 ms | bare p50 ms | bare p99 ms | ratio p50 |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const e of lifecycle.events) {
  console.log(`| ${e.event} | ${e.count} | ${fmt(e.appP50)} | ${fmt(e.appP99)} | ${fmt(e.bareP50)} | ${fmt(e.bareP99)} | ${fmt(e.ratio)} |`);
}
console.log(`\nGitHub API requests per work item: ${fmt(lifecycle.requestsPerItem)} charged (app and worker), plus ${fmt(lifecycle.notModifiedPerItem)} conditional GETs answered 304 (not charged); the installation's setup (label catalog, configuration) cost ${lifecycle.setupRequests} once for the repository\n`);
console.log("| route | requests per item |");
console.log("| --- | ---: |");
for (const r of lifecycle.requestsByRoute) console.log(`| ${r.route} | ${fmt(r.perItem)} |`);
console.log(`\nWrites per work item (POST, PATCH, PUT, DELETE; GraphQL mutations, not queries): ${fmt(lifecycle.writesPerItem)}`);
console.log(`\nWith CI that waits ${ciSeconds} s before its tests (each head reviewed while its checks run, then when they finish): ${fmt(slowCi.requestsPerItem)} charged requests per work item, plus ${fmt(slowCi.notModifiedPerItem)} answered 304; ${fmt(slowCi.writesPerItem)} writes; ${slowCi.landed} of ${slowCi.items} landed\n`);
console.log("| route | requests per item |");
console.log("| --- | ---: |");
for (const r of slowCi.requestsByRoute) console.log(`| ${r.route} | ${fmt(r.perItem)} |`);
console.log(`\nPeak memory (max RSS, stand-in + app process): ${fmt(lifecycle.peakRssMb)} MiB`);

// The request budget (issue #9): per-event requests, and their growth with the open work items.
const small = await eventCostAt(10);
const large = await eventCostAt(1000);
const growth = (a: number, b: number) => (a > 0 ? b / a : 0);
const verdict = (ok: boolean) => (ok ? "within" : "OVER");
console.log("\nRequest budget (goal: lifecycle <= 30 per item, triage <= 8, command <= 6, growth 10 -> 1,000 open items <= 1.2x)\n");
console.log("| measure | at 10 open items | at 1,000 open items | growth | goal |");
console.log("| --- | ---: | ---: | ---: | --- |");
console.log(`| triage of a new issue | ${small.triage} | ${large.triage} | ${fmt(growth(small.triage, large.triage))}x | ${verdict(large.triage <= 8 && growth(small.triage, large.triage) <= 1.2)} |`);
console.log(`| a command (/hold) | ${small.command} | ${large.command} | ${fmt(growth(small.command, large.command))}x | ${verdict(large.command <= 6 && growth(small.command, large.command) <= 1.2)} |`);
console.log(`| a merge queue evaluation (a push to main) | ${small.queue} | ${large.queue} | ${fmt(growth(small.queue, large.queue))}x | ${verdict(growth(small.queue, large.queue) <= 1.2)} |`);
console.log(`| lifecycle per item (app and worker), CI quicker than the app | ${fmt(lifecycle.requestsPerItem)} | | | ${verdict(lifecycle.requestsPerItem <= 30)} |`);
console.log(`| lifecycle per item (app and worker), CI of ${ciSeconds} s | ${fmt(slowCi.requestsPerItem)} | | | ${verdict(slowCi.requestsPerItem <= 30)} |`);

const order = await benchMergeOrder();
console.log(`\nMerge order of ${order.items} items with ${order.edges} dependencies: ${fmt(order.ms)} ms`);

const queueSim = simulateQueues();
console.log("\nMerge-queue simulation (200 PRs x 10 seeds per row, random dependencies, simulated CI):\n");
console.log(queueSimTable(queueSim));

const out = fileURLToPath(new URL("./results/latest.json", import.meta.url));
mkdirSync(fileURLToPath(new URL("./results/", import.meta.url)), { recursive: true });
writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), node: process.version, lifecycle, lifecycleSlowCi: { ciSeconds, ...slowCi }, eventCosts: [small, large], mergeOrder: order, queueSimulation: queueSim }, null, 2)}\n`);
console.log(`\nwrote ${out}`);
