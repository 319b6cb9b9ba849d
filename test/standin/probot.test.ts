import { generateKeyPairSync } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Probot, ProbotOctokit, createNodeMiddleware } from "probot";
import { type StandIn } from "../support/standin/index.js";
import { APP, SECRET, standInWith } from "./helpers.js";

/**
 * A real Probot app against the stand-in: JWT -> installation token, context.config from the repo
 * (with the org .github fallback answering 404), webhooks verified by Probot itself.
 */
describe("stand-in: driven by a real Probot app", () => {
  let standIn: StandIn;
  let server: Server;
  const configs: unknown[] = [];

  beforeAll(async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    standIn = await standInWith({
      files: { "README.md": "# widgets\n", ".github/orchestrator.yml": "greeting: hello\n" },
      app: { ...APP, publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString() },
    });
    const probot = new Probot({
      appId: APP.id,
      privateKey: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
      secret: SECRET,
      baseUrl: standIn.apiUrl,
      Octokit: ProbotOctokit.defaults({ throttle: { enabled: false }, retry: { enabled: false } }),
      logLevel: "warn",
    });
    const middleware = await createNodeMiddleware(
      (app) => {
        app.on("issues.opened", async (context) => {
          const config = await context.config<{ greeting: string }>("orchestrator.yml");
          configs.push(config);
          await context.octokit.rest.issues.createComment(context.issue({ body: `${config?.greeting} from the app` }));
        });
        // A deliberately naive handler that would loop on its own comments if it did not check the sender.
        app.on("issue_comment.created", async (context) => {
          if (context.payload.sender.type === "Bot") return;
          await context.octokit.rest.issues.addLabels(context.issue({ labels: ["seen"] }));
        });
      },
      { probot, webhooksPath: "/" },
    );
    server = createServer((req, res) => void middleware(req, res, () => res.writeHead(404).end()));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    standIn.setWebhookUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  });
  afterAll(async () => {
    await standIn.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it("handles issues.opened end to end", async () => {
    const n = await standIn.as("alice").openIssue({ title: "Hi" });
    await standIn.idle();
    await standIn.as("bob").comment(n, "a human comment");
    await standIn.idle();
    expect(configs).toEqual([{ greeting: "hello" }]);
    const comments = [...standIn.state.comments.values()].filter((c) => c.issueNumber === n);
    expect(comments.map((c) => [c.user, c.body])).toEqual([
      ["orchestrator[bot]", "hello from the app"],
      ["bob", "a human comment"],
    ]);
    expect(standIn.state.issues.get(n)!.labels).toEqual(["seen"]);
    expect(standIn.deliveries.every((d) => d.status === 200)).toBe(true);
    expect(standIn.requests.byRoute.get("POST /app/installations/{installation_id}/access_tokens")).toBeGreaterThanOrEqual(1);
    expect(standIn.violations).toEqual([]);
  });
});
