/** Shared set-up for the stand-in's own tests: a webhook receiver and a default stand-in. */
import { createServer, type Server } from "node:http";
import { createHmac, timingSafeEqual } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { ProbotOctokit } from "probot";
import { startStandIn, type StandIn, type StandInOptions } from "../support/standin/index.js";

export const SECRET = "test-webhook-secret";

export interface ReceivedWebhook {
  event: string;
  action?: string;
  deliveryId: string;
  signatureValid: boolean;
  payload: any;
}

/** An HTTP endpoint that records every webhook and checks its X-Hub-Signature-256. */
export async function startReceiver(): Promise<{ url: string; received: ReceivedWebhook[]; close(): Promise<void>; server: Server }> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const expected = Buffer.from(`sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`);
      const got = Buffer.from(String(req.headers["x-hub-signature-256"] ?? ""));
      const payload = JSON.parse(body.toString("utf8"));
      received.push({
        event: String(req.headers["x-github-event"]),
        action: payload.action,
        deliveryId: String(req.headers["x-github-delivery"]),
        signatureValid: got.length === expected.length && timingSafeEqual(got, expected),
        payload,
      });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
  return { url, received, server, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export const APP = { id: 4242, slug: "orchestrator", installationId: 777, webhookSecret: SECRET };

export async function seedFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
}

export async function standInWith(overrides: Partial<StandInOptions> & { files?: Record<string, string> } = {}): Promise<StandIn> {
  const { files, ...rest } = overrides;
  return startStandIn({
    owner: "acme",
    repo: "widgets",
    seed: (dir) => seedFiles(dir, files ?? { "README.md": "# widgets\n" }),
    app: { ...APP },
    users: [
      { login: "acme", permission: "admin" },
      { login: "alice", permission: "maintain" },
      { login: "bob", permission: "write" },
      { login: "mallory", permission: "none" },
    ],
    teams: { "acme/maintainers": ["alice"] },
    ...rest,
  });
}

/** Octokit as the app's installation (a token acting as orchestrator[bot]). */
export function appOctokit(standIn: StandIn) {
  // Throttling would space writes one second apart (GitHub's secondary-limit advice): off in tests.
  return new ProbotOctokit({ auth: { token: standIn.installationToken() }, baseUrl: standIn.apiUrl, throttle: { enabled: false }, retry: { enabled: false } });
}

export const repo = { owner: "acme", repo: "widgets" } as const;
