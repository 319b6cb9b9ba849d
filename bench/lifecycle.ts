/**
 * Lifecycle benchmark: runs work items through the whole lifecycle (real app, real worker, local
 * GitHub stand-in), then replays every webhook delivery to a bare Probot app that only
 * acknowledges events, so both are measured in the same run and process tree.
 *
 * Reports per webhook event type: the app's handling time (p50, p99, ms) and the bare app's,
 * with the ratio of p50s; GitHub API requests per work item, by route; peak memory (max RSS).
 */
import { isWrite } from "../test/support/standin/request-log.js";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeMiddleware, Probot } from "probot";
import { sign } from "../test/support/standin/index.js";
import { APP, startHarness, type DeliveryTiming } from "../test/support/app-harness.js";
import { fixtureFiles, FIXTURE_TEST_COMMAND } from "../test/support/fixture-repo.js";
import { workerRunner } from "../test/support/worker-runner.js";
import { agentScript, itemState, scriptsDir, statusOf, workItemBody } from "../test/support/lifecycle.js";
import { generateKeyPairSync } from "node:crypto";

export interface EventStats {
  event: string;
  count: number;
  appP50: number;
  appP99: number;
  bareP50: number;
  bareP99: number;
  /** appP50 / bareP50 */
  ratio: number;
}

export interface LifecycleBench {
  items: number;
  landed: number;
  events: EventStats[];
  /**
   * Requests of the installation (installation.created: the label catalog and the configuration),
   * once per repository, before any item: kept out of the per-item figures.
   */
  setupRequests: number;
  /** GitHub API requests charged per item (conditional GETs answered 304 are not charged). */
  requestsPerItem: number;
  /** Conditional GETs answered 304 per item (not charged by GitHub). */
  notModifiedPerItem: number;
  requestsByRoute: Array<{ route: string; perItem: number }>;
  /** Requests that write (POST, PATCH, PUT, DELETE; GraphQL mutations, not queries) per item. */
  writesPerItem: number;
  peakRssMb: number;
}

/** p-th percentile (0-100) of a sample, nearest-rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

function feature(dir: string, name: string, value: number): string {
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

/**
 * Runs `items` work items from issue to merge and measures them.
 * @param options.ciSeconds how long the repository's CI waits before running the tests (default 0:
 *   CI finishes within a second, usually before the worker's report is handled). Production CI
 *   takes minutes: with a few seconds here, every head is reviewed while its checks run and again
 *   when they finish, as it would be.
 */
export async function benchLifecycle(items = 4, options: { ciSeconds?: number } = {}): Promise<LifecycleBench> {
  const dir = scriptsDir();
  const plans = new Map<number, string>();
  for (let i = 1; i <= items; i++) plans.set(i, feature(dir, `feature${i}`, i));
  const wait = options.ciSeconds ?? 0;
  // The periodic sweep is per repository and interval, not per item: it would fall into a run
  // as long as its interval (60 s) at random, so it is left out of the per-item figures.
  process.env.ORCHESTRATOR_PERIODIC = "0";
  const h = await startHarness({
    files: fixtureFiles(),
    ci: { command: wait > 0 ? `sleep ${wait} && ${FIXTURE_TEST_COMMAND}` : FIXTURE_TEST_COMMAND, name: "test" },
    workflows: { "orchestrator-worker.yml": workerRunner((issue) => plans.get(issue)!) },
  });
  try {
    // Installed first, as GitHub does: the label catalog is created once per repository.
    h.standIn.install();
    await h.settle();
    const setupRequests = h.standIn.requests.charged;
    h.standIn.requests.reset();
    const alice = h.standIn.as("alice");
    for (let i = 1; i <= items; i++) {
      await alice.openIssue({ title: `Feature ${i}`, body: workItemBody({ goal: `feature${i} returns ${i}`, criteria: [`Given the library When I call feature${i}() Then I get ${i}`] }) });
    }
    await h.settle();
    for (let round = 0; round < items; round++) {
      const pending = [...plans.keys()].filter((n) => statusOf(h.standIn, n) === "status/in-review");
      if (pending.length === 0) break;
      for (const n of pending) {
        await alice.comment(itemState(h.standIn, n)!.pr!.number, "/approve");
        await h.settle();
      }
    }
    const landed = [...plans.keys()].filter((n) => statusOf(h.standIn, n) === "status/done").length;
    const actionOf = new Map(h.standIn.deliveries.map((d) => [d.id, d.action ? `${d.event}.${d.action}` : d.event]));
    const appTimes = group(h.timings, actionOf);
    const bareTimes = group(await replayToBareApp(h.standIn.deliveries), actionOf);
    const events = [...appTimes.keys()].sort().map((event) => {
      const app = appTimes.get(event)!;
      const bare = bareTimes.get(event) ?? [];
      const appP50 = percentile(app, 50);
      const bareP50 = percentile(bare, 50);
      return { event, count: app.length, appP50, appP99: percentile(app, 99), bareP50, bareP99: percentile(bare, 99), ratio: bareP50 > 0 ? appP50 / bareP50 : 0 };
    });
    const charged = h.standIn.requests.charged;
    const chargedByRoute = new Map<string, number>();
    for (const e of h.standIn.requests.entries) if (e.status !== 304) chargedByRoute.set(e.route, (chargedByRoute.get(e.route) ?? 0) + 1);
    const requestsByRoute = [...chargedByRoute.entries()]
      .map(([route, count]) => ({ route, perItem: count / items }))
      .sort((a, b) => b.perItem - a.perItem);
    return {
      items,
      landed,
      events,
      setupRequests,
      requestsPerItem: charged / items,
      notModifiedPerItem: h.standIn.requests.notModified / items,
      requestsByRoute,
      // A GraphQL query is a read, though sent as POST.
      writesPerItem: h.standIn.requests.entries.filter(isWrite).length / items,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    await h.close();
  }
}

function group(timings: DeliveryTiming[], actionOf: Map<string, string>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const t of timings) {
    const key = actionOf.get(t.deliveryId) ?? t.event;
    const list = out.get(key) ?? [];
    list.push(t.ms);
    out.set(key, list);
  }
  return out;
}

/** Sends the same payloads, signed, to a Probot app that only acknowledges them; returns timings. */
async function replayToBareApp(deliveries: ReadonlyArray<{ id: string; event: string; payload: unknown }>): Promise<DeliveryTiming[]> {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const probot = new Probot({ appId: APP.id, privateKey, secret: APP.webhookSecret, logLevel: "fatal" });
  const middleware = await createNodeMiddleware((app) => app.onAny(async () => {}), { probot, webhooksPath: "/api/github/webhooks" });
  const timings: DeliveryTiming[] = [];
  // Timed server-side, from request to response, exactly as the harness times the real app.
  const server = createServer((req, res) => {
    const started = performance.now();
    const deliveryId = String(req.headers["x-github-delivery"] ?? "");
    res.on("finish", () => timings.push({ deliveryId, event: String(req.headers["x-github-event"] ?? ""), ms: performance.now() - started }));
    void middleware(req, res, () => res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  try {
    for (const d of deliveries) {
      const body = JSON.stringify(d.payload);
      await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-github-event": d.event, "x-github-delivery": d.id, "x-hub-signature-256": sign(APP.webhookSecret, body) },
        body,
      });
    }
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return timings;
}
