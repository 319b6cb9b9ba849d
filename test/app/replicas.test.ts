/**
 * Two app replicas (issue #9, "Done when": two app processes receiving every delivery of a 3-item
 * lifecycle). The harness's app and a second app process (test/support/app-replica.ts) get every
 * webhook at the same time, as two replicas behind one GitHub App would.
 * - Without Redis only GitHub's primitives keep them apart: one run per attempt (the dispatch
 *   idempotency ref) and one status comment per item (oldest wins) are asserted; the end state is
 *   not, as a lost update between the replicas needs the core reconciler (docs/operations.md).
 * - With REDIS_URL both hold the per-repository Redis lock: the whole lifecycle to done, one run
 *   per attempt, one status comment per item, one accepted merge per pull request.
 */
import { execa, type ResultPromise } from "execa";
import { createServer } from "node:net";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { closeRepoLocks } from "../../src/app/repo-lock.js";
import { decodeStateBlock, STATUS_MARKER } from "../../src/domain/item/markers.js";
import type { Harness } from "../support/app-harness.js";
import { startAppProcess } from "../support/app-replica-process.js";
import { simulatedWorker, WORKER_WORKFLOW, WORKER_WORKFLOW_FILE, type WorkerRun } from "../support/simulated-worker.js";
import { useHarness } from "../support/use-harness.js";
import { formBody, REFERENCE_ITEM } from "../support/work-items.js";

const harness = useHarness();
const CONFIG = ["worker:", "  max_concurrent: 3", "  test_command: node test.mjs", ""].join("\n");
const BODY = formBody({ ...REFERENCE_ITEM, scope: "**" });
/** Processes this file started (the replica, redis-server), stopped after each test by their handle. */
const started: ResultPromise[] = [];

afterEach(async () => {
  delete process.env.REDIS_URL;
  await closeRepoLocks();
  for (const child of started.splice(0)) {
    child.kill("SIGTERM");
    await child.catch(() => undefined);
  }
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts redis-server (Debian's `redis-server` package) on a free port of 127.0.0.1; returns its URL. */
async function startRedis(): Promise<string> {
  const port = await freePort();
  const child = execa("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { reject: false });
  started.push(child);
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on("error", () => undefined); // refused until the server listens: the loop tries again
    const ok = await probe.connect().then(() => probe.ping()).then(() => true, () => false);
    probe.disconnect();
    if (ok) return url;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("redis-server did not start");
}

/** Starts the second replica process against the harness's stand-in; returns its base URL. */
async function startReplica(h: Harness, redisUrl: string | undefined): Promise<string> {
  const replica = await startAppProcess(h, redisUrl ? { REDIS_URL: redisUrl } : {});
  started.push(replica.child);
  return replica.url;
}

/** Quiet: the stand-in idle and no handler running in either replica, twice in a row. */
async function settleBoth(h: Harness, replica: string): Promise<void> {
  for (let quiet = 0; quiet < 2; ) {
    await h.settle();
    const { inFlight } = (await (await fetch(`${replica}/_inflight`)).json()) as { inFlight: number };
    if (inFlight === 0) quiet++;
    else {
      quiet = 0;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

const statusOf = (h: Harness, issue: number) => h.standIn.state.issues.get(issue)?.labels.find((l) => l.startsWith("status/"));
const stateOf = (h: Harness, issue: number) => {
  const decoded = decodeStateBlock(statusComments(h, issue)[0]?.body ?? "");
  return decoded.kind === "ok" ? decoded.state.status : decoded.kind;
};
const statusComments = (h: Harness, issue: number) => [...h.standIn.state.comments.values()].filter((c) => c.issueNumber === issue && c.body.includes(STATUS_MARKER));

/** Starts the stand-in, the harness's app and the replica process, every delivery going to both. */
async function startReplicas(redisUrl: string | undefined) {
  if (redisUrl) process.env.REDIS_URL = redisUrl;
  const runs: WorkerRun[] = [];
  const h = await harness.start({
    files: { "README.md": "# widgets\n", "test.mjs": 'console.log("ok");\n', [`.github/workflows/${WORKER_WORKFLOW_FILE}`]: WORKER_WORKFLOW, ".github/orchestrator.yml": CONFIG },
    ci: { command: "node test.mjs", name: "test" },
    workflows: { [WORKER_WORKFLOW_FILE]: simulatedWorker(runs) },
  });
  const replica = await startReplica(h, redisUrl);
  h.standIn.setWebhookUrls([h.webhookUrl, `${replica}/api/github/webhooks`]);
  const items: number[] = [];
  for (let i = 1; i <= 3; i++) items.push(await h.standIn.as("alice").openIssue({ title: `Add total ${i}`, body: BODY }));
  await settleBoth(h, replica);
  // Both replicas did receive every delivery.
  expect(h.standIn.timeline.filter((e) => e.kind === "webhook" && e.summary.includes("[to 2/2]")).length).toBeGreaterThan(10);
  return { h, replica, runs, items };
}

/**
 * Approves every item's pull request and waits for both replicas: each item done, one status
 * comment, one run (attempt 1) and one merge GitHub accepted per pull request (the other replica's
 * merge calls are refused by the `sha` guard).
 */
async function landAll({ h, replica, runs, items }: Awaited<ReturnType<typeof startReplicas>>): Promise<void> {
  for (const n of items) expect(`${statusOf(h, n)} ${stateOf(h, n)}`, `#${n}\n${h.standIn.formatTimeline()}`).toBe("status/in-review in-review");
  const prOf = (n: number) => [...h.standIn.state.pulls.values()].find((p) => p.headRef === `orchestrator/${n}-work`)!.number;
  for (const n of items) await h.standIn.as("walt").comment(prOf(n), "/approve");
  await settleBoth(h, replica);
  const merges = (pr: number) => h.standIn.requests.entries.filter((e) => e.route.endsWith("/merge") && e.method === "PUT" && e.item === pr && e.status === 200);
  for (const n of items) {
    expect(statusOf(h, n), `#${n}\n${h.standIn.formatTimeline()}`).toBe("status/done");
    expect(statusComments(h, n), `#${n}: one status comment`).toHaveLength(1);
    expect(runs.filter((r) => r.issue === n).map((r) => r.attempt), `#${n}: one run, attempt 1`).toEqual([1]);
    expect(h.standIn.state.pulls.get(prOf(n))?.merged, `PR #${prOf(n)} merged`).toBe(true);
    expect(merges(prOf(n)), `PR #${prOf(n)} merged once`).toHaveLength(1);
  }
  expect(h.standIn.state.workflowRuns.size).toBe(3);
}

describe("two app replicas receiving every delivery", { timeout: 900_000 }, () => {
  it("without Redis, GitHub's primitives alone: 3 items to done, one run per attempt, one status comment per item, one merge per pull request", async () => {
    // No lost update either: a replica that finds an item changed since it read it runs its pass
    // again (src/app/item-store.ts ensureUnchanged), so no stale write takes an item back.
    await landAll(await startReplicas(undefined));
  });

  it("with REDIS_URL: 3 items to done, one run per attempt, one status comment per item, one merge per pull request", async () => {
    await landAll(await startReplicas(await startRedis()));
  });
});
