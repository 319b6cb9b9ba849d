/**
 * Runs the real app (Probot, our handlers) against the local GitHub stand-in: the stand-in sends
 * signed webhooks to a Probot node middleware on 127.0.0.1; the app's Octokit talks to the
 * stand-in's /api/v3 (what GHE_HOST/GHE_PROTOCOL give in production). Used by app-level tests,
 * the end-to-end lifecycle test, the demo and the benchmark.
 */
import { forgetEchoes } from "../../src/app/own-echoes.js";
import { forgetHeads } from "../../src/app/session.js";
import { generateKeyPairSync } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import Bottleneck from "bottleneck";
import { createNodeMiddleware, Probot, ProbotOctokit } from "probot";
import { octokitWithPolicy } from "../../src/github/octokit-client.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "../../src/github/retry-policy.js";
import { createApp } from "../../src/index.js";
import { startStandIn, type StandIn, type StandInOptions } from "./standin/index.js";

export const APP = { id: 4242, slug: "orchestrator", installationId: 777, webhookSecret: "harness-secret" };

/** How long the app took to answer one webhook delivery, milliseconds. */
export interface DeliveryTiming {
  deliveryId: string;
  event: string;
  ms: number;
}

export interface Harness {
  /** Handling time of every delivery the app answered, in order. */
  timings: DeliveryTiming[];
  standIn: StandIn;
  probot: Probot;
  /** The app's webhook URL. */
  webhookUrl: string;
  /** Waits until the stand-in (webhooks, CI, workflow runs) and the app are quiet. */
  settle(): Promise<void>;
  /** Stops the app (its server closes; deliveries fail until `startApp`), as a crash would. */
  stopApp(): Promise<void>;
  /** Starts a NEW app instance (fresh Probot, no memory) against the same stand-in. */
  startApp(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions extends Partial<Omit<StandInOptions, "app" | "seed">> {
  /** Files of the repository's first commit. */
  files?: Record<string, string>;
  seed?: StandInOptions["seed"];
  /** Fixed clock for the app. */
  now?: () => string;
  logLevel?: "trace" | "debug" | "info" | "warn" | "error" | "fatal";
  /** Called before each request the app's Octokit sends (e.g. to move a head just before a merge). */
  beforeAppRequest?: (request: { method: string; url: string; params: Record<string, unknown> }) => Promise<void>;
}

/**
 * The production failure policy with every wait shrunk a thousandfold (a GitHub second is a
 * millisecond here): rate limits and 5xx are retried exactly as in production, only faster.
 */
export const TEST_RETRY_POLICY: RetryPolicy = { ...DEFAULT_RETRY_POLICY, msPerSecond: 1 };

/**
 * Throttling groups without GitHub's write pacing (one write a second, one notification-making
 * write every three): plugin-throttling stays on for its rate-limit retries, but the tests do not
 * crawl. Shared by every Octokit of the process, as the plugin's own groups are.
 */
const UNPACED = {
  global: new Bottleneck.Group({ maxConcurrent: 10 }),
  auth: new Bottleneck.Group({ maxConcurrent: 1 }),
  write: new Bottleneck.Group({}),
  notifications: new Bottleneck.Group({}),
  search: new Bottleneck.Group({}),
};

/**
 * The app's Octokit in tests: the production class (octokit-client.ts) with TEST_RETRY_POLICY and
 * unpaced throttling. Defaults as a function, not an object: Probot applies its own defaults first
 * and they replace an object's `throttle`; a function sees the final options.
 * @param beforeRequest called before each request (e.g. to move a head just before a merge)
 */
export function harnessOctokit(beforeRequest?: HarnessOptions["beforeAppRequest"]): typeof ProbotOctokit {
  return octokitWithPolicy(TEST_RETRY_POLICY)
    .defaults((instance: Record<string, unknown>) => ({
      ...instance,
      throttle: { ...(instance.throttle as object | undefined), enabled: true, ...UNPACED },
    }))
    .plugin((octokit) => {
      if (beforeRequest) octokit.hook.before("request", async (request) => beforeRequest({ method: request.method, url: request.url, params: request as unknown as Record<string, unknown> }));
      return {};
    }) as typeof ProbotOctokit;
}

/**
 * The app function with every handler counted in `counter.inFlight` while it runs (Probot answers
 * a delivery 202 after 9 s and goes on handling it, so "answered" does not mean "done").
 */
export function countingHandlers(appFn: (app: Probot) => void, counter: { inFlight: number }): (app: Probot) => void {
  return (app) => {
    const on = app.on.bind(app) as (events: unknown, handler: (context: unknown) => Promise<void>) => void;
    (app as unknown as { on: typeof on }).on = (events, handler) =>
      on(events, async (context) => {
        counter.inFlight++;
        try {
          await handler(context);
        } finally {
          counter.inFlight--;
        }
      });
    appFn(app);
  };
}

/** Writes `files` (path -> content) below `dir`. */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
}

let keys: { privateKey: string; publicKey: string } | undefined;
/** The app's RSA key pair (one per process; a replica process gets the private key from its parent). */
export function appKeys(): { privateKey: string; publicKey: string } {
  keys ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  return keys;
}

/** Starts the stand-in and the app wired to each other. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  // A new stand-in numbers its issues and attempts from 1 again: nothing an earlier one earned
  // applies; and it may listen where an earlier one did: its remembered head names nothing here.
  forgetEchoes();
  forgetHeads();
  const { privateKey, publicKey } = appKeys();
  const { files, seed, now, logLevel, beforeAppRequest: _hook, ...rest } = options;
  const standIn = await startStandIn({
    owner: "acme",
    repo: "widgets",
    users: [
      { login: "alice", permission: "admin" },
      { login: "walt", permission: "write" },
      { login: "rita", permission: "read" },
      { login: "olga", permission: "none" },
    ],
    ...rest,
    seed: seed ?? ((dir) => writeFiles(dir, files ?? { "README.md": "# widgets\n" })),
    app: { ...APP, publicKeyPem: publicKey },
  });
  const Octokit = harnessOctokit(options.beforeAppRequest);
  const appOptions = { appSlug: APP.slug, ...(now ? { now } : {}) };
  // Handlers still running: Probot answers a delivery 202 after 9 s and goes on handling it, so a
  // loaded machine can answer before the app is done; settle() waits for these too.
  const handlers = { inFlight: 0 };
  const counted = (appFn: (app: Probot) => void) => countingHandlers(appFn, handlers);
  const settle = async (): Promise<void> => {
    // Quiet means: the stand-in has nothing pending and no handler runs, twice in a row (a
    // handler's writes make new deliveries; their handlers make new writes).
    for (let quiet = 0; quiet < 2; ) {
      await standIn.idle();
      if (handlers.inFlight === 0) quiet++;
      else {
        quiet = 0;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  };
  const timings: DeliveryTiming[] = [];
  let app: { probot: Probot; server: Server } | null = null;
  const startApp = async (): Promise<void> => {
    const probot = new Probot({ appId: APP.id, privateKey, secret: APP.webhookSecret, baseUrl: standIn.apiUrl, logLevel: logLevel ?? "fatal", Octokit });
    const middleware = await createNodeMiddleware(counted(createApp(appOptions)), { probot, webhooksPath: "/api/github/webhooks" });
    const server: Server = createServer((req, res) => {
      // Handling time of each delivery, from request to response (the benchmark reads these).
      const started = performance.now();
      const deliveryId = String(req.headers["x-github-delivery"] ?? "");
      res.on("finish", () => timings.push({ deliveryId, event: String(req.headers["x-github-event"] ?? ""), ms: performance.now() - started }));
      void middleware(req, res, () => res.writeHead(404).end());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    app = { probot, server };
    standIn.setWebhookUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`);
  };
  const stopApp = async (): Promise<void> => {
    if (!app) return;
    const { server } = app;
    app = null;
    standIn.setWebhookUrl(undefined);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  await startApp();
  return {
    standIn,
    get probot() {
      return app!.probot;
    },
    get webhookUrl() {
      return `http://127.0.0.1:${(app!.server.address() as AddressInfo).port}/api/github/webhooks`;
    },
    timings,
    settle,
    stopApp,
    startApp,
    async close() {
      await stopApp();
      await standIn.close();
    },
  };
}
