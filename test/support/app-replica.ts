/**
 * A second app replica as its own process (for the two-replica tests): the same app, Octokit and
 * webhook path as the harness's in-process app, against the same stand-in, with its own memory
 * (its own in-process repository lock; the Redis lock when REDIS_URL is set).
 * Run: `node --import tsx test/support/app-replica.ts` with STANDIN_API_URL, APP_PRIVATE_KEY
 * (PEM) and optionally REDIS_URL and CLOCK_OFFSET_MS (the app's clock runs that far ahead of the
 * machine's, so a test can let grace periods pass without waiting). Prints `{"port":N}` once
 * listening. GET /_inflight answers the number of handlers still running (the parent's settle waits
 * for 0); POST /_sweep runs the periodic sweep once, now (as the production timer would). Stops on
 * SIGTERM.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeMiddleware, Probot } from "probot";
import { sweepAll } from "../../src/app/periodic.js";
import { closeRepoLocks } from "../../src/app/repo-lock.js";
import { createApp } from "../../src/index.js";
import { APP, countingHandlers, harnessOctokit } from "./app-harness.js";

const apiUrl = process.env.STANDIN_API_URL;
const privateKey = process.env.APP_PRIVATE_KEY;
if (!apiUrl || !privateKey) throw new Error("app-replica: STANDIN_API_URL and APP_PRIVATE_KEY are required");

const offsetMs = Number(process.env.CLOCK_OFFSET_MS ?? 0);
const options = { appSlug: APP.slug, now: () => new Date(Date.now() + offsetMs).toISOString() };
const handlers = { inFlight: 0 };
const counted = countingHandlers(createApp(options), handlers);
const probot = new Probot({ appId: APP.id, privateKey, secret: APP.webhookSecret, baseUrl: apiUrl, logLevel: "fatal", Octokit: harnessOctokit() });
const middleware = await createNodeMiddleware(counted, { probot, webhooksPath: "/api/github/webhooks" });
const server = createServer((req, res) => {
  if (req.url === "/_inflight") return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ inFlight: handlers.inFlight }));
  if (req.url === "/_sweep" && req.method === "POST") {
    handlers.inFlight++;
    void sweepAll(probot, options)
      .then(() => res.writeHead(200).end("swept"), (error: unknown) => res.writeHead(500).end(String(error)))
      .finally(() => handlers.inFlight--);
    return;
  }
  void middleware(req, res, () => res.writeHead(404).end());
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close();
  void closeRepoLocks().finally(() => process.exit(0));
});
