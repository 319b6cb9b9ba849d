/**
 * Local GitHub stand-in for tests and demos: an HTTP server on 127.0.0.1 serving the part of
 * GitHub's REST API the app and the worker use (under /api/v3, like GitHub Enterprise), backed by
 * in-memory state and a real bare git repository, checking every request against GitHub's OpenAPI
 * description and sending signed webhooks. See README.md next to this file.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Actor, Delivery, RequestLog, StandInOptions, TimelineEvent } from "./types.js";
import type { StandInState } from "./state.js";
import { StandInCore } from "./core.js";
import { GitBackend } from "./git-backend.js";
import { createActor } from "./actor.js";
import type { FaultOptions, InjectedFault } from "./faults.js";

export type { Actor, Delivery, RequestLog, StandInOptions, TimelineEvent, WorkflowRunner, Permission } from "./types.js";
export type { StandInState } from "./state.js";
export { sign } from "./webhooks.js";
export type { FaultKind, FaultOptions, InjectedFault } from "./faults.js";

export interface StandIn {
  /** "http://127.0.0.1:PORT" */
  url: string;
  /** "http://127.0.0.1:PORT/api/v3" (Octokit baseUrl, GITHUB_API_URL). */
  apiUrl: string;
  /** "127.0.0.1:PORT" (Probot's GHE_HOST, with GHE_PROTOCOL=http). */
  gheHost: string;
  /** Path of the bare git repository (clone it to act as a runner or a person). */
  bareRepo: string;
  /** A simulated person (must be one of `users`, or a bot login). */
  as(login: string): Actor;
  /** Resolves once no request, webhook delivery, CI job or workflow run is pending (checked until quiet). */
  idle(): Promise<void>;
  setWebhookUrl(url: string | undefined): void;
  /** Sends every delivery to each of `urls` at the same time (replicas of one app). */
  setWebhookUrls(urls: string[]): void;
  /** Turns injected API faults on (`options`, see faults.ts) or off (undefined); replaces earlier ones. */
  setFaults(options: FaultOptions | undefined): void;
  /** Decides each request of the app's installation (tests that kill the app: see `appRequestGate` in core.ts); null = serve all. */
  setAppRequestGate(gate: StandInCore["appRequestGate"]): void;
  /** Faults injected so far (since the last `setFaults`). */
  readonly injectedFaults: ReadonlyArray<InjectedFault>;
  /** Sends installation.created (payload with the repository). */
  install(): void;
  /** Every webhook delivery so far, in order (redeliveries included). */
  readonly deliveries: ReadonlyArray<Delivery>;
  /** Re-sends an earlier delivery with the same X-GitHub-Delivery id. */
  redeliver(deliveryId: string): Delivery;
  /** Counts of API requests by the code under test (persons' requests excluded). */
  requests: RequestLog;
  /** OpenAPI violations, unserved routes and stand-in crashes, human-readable. Tests assert it is empty. */
  violations: string[];
  /** Read access to the in-memory state for assertions. */
  state: StandInState;
  /** Ordered readable log of webhooks, writes (and by whom), pushes, CI and workflow runs. */
  timeline: TimelineEvent[];
  /** Timeline as text, one event per line. */
  formatTimeline(): string;
  /** A token acting as the app's installation (`<slug>[bot]`), e.g. for driving the API directly in tests. */
  installationToken(): string;
  close(): Promise<void>;
}

export async function startStandIn(opts: StandInOptions): Promise<StandIn> {
  const core = new StandInCore(opts);
  const server = createServer((req, res) => void core.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  core.attach({ baseUrl });
  let git: GitBackend;
  try {
    git = await GitBackend.create({ owner: opts.owner, repo: opts.repo, seed: opts.seed, hookUrl: `${baseUrl}/_standin/push` });
  } catch (e) {
    server.close();
    throw e;
  }
  core.attach({ baseUrl }, git);
  const actors = new Map<string, Actor>();

  return {
    url: baseUrl,
    apiUrl: core.apiUrl,
    gheHost: `127.0.0.1:${port}`,
    bareRepo: git.bareRepo,
    as(login) {
      let a = actors.get(login);
      if (!a) {
        if (!core.state.users.has(login) && !login.endsWith("[bot]")) throw new Error(`stand-in: unknown user ${login}; list it in options.users`);
        a = createActor({ login, token: core.auth.personToken(login), apiUrl: core.apiUrl, owner: opts.owner, repo: opts.repo, bareRepo: git.bareRepo, tmpRoot: path.join(git.root, "people") });
        actors.set(login, a);
      }
      return a;
    },
    async idle() {
      let quiet = 0;
      while (quiet < 3) {
        await new Promise((r) => setTimeout(r, 10));
        quiet = core.busy ? 0 : quiet + 1;
      }
    },
    setWebhookUrl: (url) => core.setWebhookUrl(url),
    setWebhookUrls: (urls) => core.setWebhookUrls(urls),
    setFaults: (options) => core.setFaults(options),
    setAppRequestGate: (gate) => {
      core.appRequestGate = gate;
    },
    get injectedFaults() {
      return core.faults?.injected ?? [];
    },
    install: () => core.install(),
    get deliveries() {
      return core.webhooks.deliveries;
    },
    redeliver: (id) => core.webhooks.redeliver(id),
    requests: core.requests,
    violations: core.violations,
    state: core.state,
    timeline: core.timeline,
    formatTimeline: () => core.timeline.map((e) => `${String(e.seq).padStart(4)} ${e.kind.padEnd(14)} ${e.summary}`).join("\n"),
    installationToken: () => core.auth.issueInstallationToken().token,
    async close() {
      for (const run of core.state.workflowRuns.values()) if (run.status !== "completed") run.abort.abort();
      await core.actions.drain();
      // Let a running CI job finish before its clone's parent dir is removed.
      while (core.ci.pending) await new Promise((r) => setTimeout(r, 10));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await git.dispose();
    },
  };
}
