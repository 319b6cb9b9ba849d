/**
 * Where the app's handling time goes in the lifecycle benchmark (bench/lifecycle.ts), per webhook
 * event: time inside the app's own requests to the stand-in, time waiting on the per-repository
 * lock (src/app/repo-lock.ts), stand-in git processes running, and CPU samples of this process by
 * origin (app src, Probot/Octokit, zod, the stand-in, its ajv validators, idle). Measurement only,
 * never a test; run from the repository root:
 *
 *   source .ci/node.sh && BENCH_ITEMS=2 STANDIN_SPAWN_LOG=/tmp/spawn.log npx tsx test/support/bench-breakdown.ts
 *
 * Options (environment): BENCH_ITEMS (default 2); WARM=1 runs the lifecycle once first and measures
 * the second run (the stand-in's validators then are compiled, as in a long-running process);
 * FAST=1 applies bottleneck-yields.ts (what that change would give the app in production);
 * STANDIN_SPAWN_LOG=<file> adds the git column (spawn-helper.mjs writes the file).
 *
 * How: global `fetch` is wrapped (deliveries from the stand-in to the app, and the app's requests;
 * persons' and workflow runs' tokens are left out); p-queue's `add` is wrapped for tasks queued from
 * repo-lock (the wait is from queueing to start); a CPU profile (1 ms samples) is taken over the run.
 */
import { readFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import PQueue from "p-queue";
import { fastBottleneckYields } from "./bottleneck-yields.js";

interface Span {
  s: number;
  e: number;
}
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const at = (): number => performance.timeOrigin + performance.now();
const deliveries: Array<Span & { key: string; id: string }> = [];
const appRequests: Array<Span & { route: string }> = [];
const lockWaits: Span[] = [];

const realFetch = globalThis.fetch;
globalThis.fetch = async (input: string | URL | Request, init: RequestInit = {}) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
  const s = at();
  const res = await realFetch(input, init);
  await res
    .clone()
    .arrayBuffer()
    .catch(() => undefined);
  const e = at();
  if (url.includes("/api/github/webhooks")) {
    let action: string | undefined;
    try {
      action = (JSON.parse(String(init.body)) as { action?: string }).action;
    } catch {
      action = undefined;
    }
    const event = headers.get("x-github-event") ?? "";
    deliveries.push({ s, e, key: action ? `${event}.${action}` : event, id: headers.get("x-github-delivery") ?? "" });
  } else if ((url.includes("/api/v3") || url.includes("/api/graphql")) && !/standin_person|ghs_run/.test(headers.get("authorization") ?? "")) {
    const path = new URL(url).pathname.replace(/[0-9a-f]{40}/g, "SHA").replace(/\/\d+/g, "/N");
    appRequests.push({ s, e, route: `${init.method ?? "GET"} ${path}` });
  }
  return res;
};

type Add = (this: PQueue, task: () => Promise<unknown>, options?: object) => Promise<unknown>;
const add = PQueue.prototype.add as unknown as Add;
(PQueue.prototype as unknown as { add: Add }).add = function (task, options) {
  if (!(new Error().stack ?? "").includes("repo-lock")) return add.call(this, task, options);
  const queued = at();
  return add.call(
    this,
    async () => {
      lockWaits.push({ s: queued, e: at() });
      return task();
    },
    options,
  );
};

const items = Number(process.env.BENCH_ITEMS ?? 2);
const { benchLifecycle } = await import("../../bench/lifecycle.js");
if (process.env.WARM) {
  await benchLifecycle(items);
  deliveries.length = appRequests.length = lockWaits.length = 0;
}
if (process.env.FAST) fastBottleneckYields();
const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 1000 });
await session.post("Profiler.start");
const profiledFrom = at();
const result = await benchLifecycle(items);
const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: Profile };
session.disconnect();

// The app's deliveries only (the bench then replays the same ids to a bare app).
const seen = new Set<string>();
const appDeliveries = deliveries.filter((d) => !seen.has(d.id) && seen.add(d.id));
const spawns: Span[] = [];
if (process.env.STANDIN_SPAWN_LOG) {
  for (const line of readFileSync(process.env.STANDIN_SPAWN_LOG, "utf8").split("\n").filter(Boolean)) {
    const [ms, , start] = line.split("\t");
    if (Number(start) >= profiledFrom) spawns.push({ s: Number(start), e: Number(start) + Number(ms) });
  }
}

/** Length of the union of `spans` inside `w`, ms. */
function covered(spans: Span[], w: Span): number {
  const clipped = spans
    .map((x) => ({ s: Math.max(x.s, w.s), e: Math.min(x.e, w.e) }))
    .filter((x) => x.e > x.s)
    .sort((a, b) => a.s - b.s);
  let total = 0;
  let cur: Span | null = null;
  for (const x of clipped) {
    if (!cur || x.s > cur.e) {
      if (cur) total += cur.e - cur.s;
      cur = { ...x };
    } else cur.e = Math.max(cur.e, x.e);
  }
  return cur ? total + cur.e - cur.s : total;
}

function origin(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (functionName === "(idle)") return "idle";
  if (functionName === "(garbage collector)") return "gc";
  if (url.includes("/test/support/standin/")) return "stand-in";
  if (url.includes("/test/support/") || url.includes("/bench/")) return "harness";
  if (url.includes("/src/")) return "app src";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return /ajv|json-schema/.test(pkg) ? "stand-in ajv" : /octokit|probot|before-after|bottleneck|json-with-bigint/.test(pkg) ? "probot/octokit" : pkg === "zod" ? "zod" : `lib ${pkg}`;
  return url.startsWith("node:") ? "node internals" : "native";
}

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const samples: Array<{ at: number; origin: string }> = [];
let elapsed = 0;
profile.samples.forEach((id, i) => {
  elapsed += profile.timeDeltas[i] ?? 0;
  samples.push({ at: profiledFrom + elapsed / 1000, origin: origin(byId.get(id)!) });
});

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(0.99 * xs.length) - 1)] ?? 0;
const keys = [...new Set(appDeliveries.map((d) => d.key))];
console.log(`Lifecycle, ${items} items${process.env.WARM ? " (second run)" : ""}${process.env.FAST ? ", fast Bottleneck yields" : ""}; times in ms\n`);
console.log("| event | deliveries | mean | p99 | in app requests (mean) | git running (mean) | lock wait (mean) | requests (mean) | CPU samples by origin (share) |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
const rows = keys.map((key) => {
  const ds = appDeliveries.filter((d) => d.key === key);
  const cpu = new Map<string, number>();
  for (const d of ds) for (const x of samples) if (x.at >= d.s && x.at < d.e) cpu.set(x.origin, (cpu.get(x.origin) ?? 0) + 1);
  const total = [...cpu.values()].reduce((a, b) => a + b, 0) || 1;
  const shares = [...cpu].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([o, n]) => `${o} ${Math.round((100 * n) / total)}%`).join(", ");
  const times = ds.map((d) => d.e - d.s);
  return { key, total: times.reduce((a, b) => a + b, 0), line: `| ${key} | ${ds.length} | ${mean(times).toFixed(0)} | ${p99(times).toFixed(0)} | ${mean(ds.map((d) => covered(appRequests, d))).toFixed(0)} | ${mean(ds.map((d) => covered(spawns, d))).toFixed(0)} | ${mean(ds.map((d) => covered(lockWaits, d))).toFixed(0)} | ${mean(ds.map((d) => appRequests.filter((r) => r.s >= d.s && r.s < d.e).length)).toFixed(1)} | ${shares} |` };
});
for (const r of rows.sort((a, b) => b.total - a.total)) console.log(r.line);

// The slowest delivery of each of the three events of issue #9: its requests in order, with the
// time before each (the app's own work and Octokit's scheduling) and how long each took.
for (const key of ["issues.opened", "pull_request.synchronize", "issue_comment.created"]) {
  const d = appDeliveries.filter((x) => x.key === key).sort((a, b) => b.e - b.s - (a.e - a.s))[0];
  if (!d) continue;
  console.log(`\nslowest ${key}: ${(d.e - d.s).toFixed(0)} ms`);
  let last = d.s;
  for (const r of appRequests.filter((x) => x.s >= d.s && x.s < d.e).sort((a, b) => a.s - b.s)) {
    console.log(`  +${(r.s - d.s).toFixed(0).padStart(5)}  before ${(r.s - last).toFixed(0).padStart(4)}  took ${(r.e - r.s).toFixed(0).padStart(4)}  ${r.route}`);
    last = Math.max(last, r.e);
  }
}
console.log(`\nlanded ${result.landed} of ${result.items}; charged requests per item ${result.requestsPerItem.toFixed(1)}`);
