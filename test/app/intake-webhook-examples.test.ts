/**
 * Real webhook payloads from @octokit/webhooks-examples (GitHub's documented examples), adapted to
 * the stand-in's repository, installation, issue and people, driven through Probot's `receive`:
 * the app must treat them exactly like the stand-in's own deliveries.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { APP, type Harness } from "../support/app-harness.js";
import { useHarness } from "../support/use-harness.js";
import { formBody, itemState, labelsOf, REFERENCE_BODY, statusComments, statusLabels, writesSince } from "../support/work-items.js";

type Payload = Record<string, unknown> & { action?: string };
interface ExampleGroup {
  name: string;
  examples: Payload[];
}

const examples = createRequire(import.meta.url)("@octokit/webhooks-examples/api.github.com/index.json") as ExampleGroup[];

/** The first documented example of `event.action` (a deep copy). */
function example(event: string, action: string): Payload {
  const found = examples.find((g) => g.name === event)?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`no @octokit/webhooks-examples example for ${event}.${action}`);
  return structuredClone(found);
}

const harness = useHarness();

/**
 * Points an example at the stand-in: repository owner/name, the installation, the issue (number,
 * title, body, labels, author) and the sender. Everything else stays as GitHub documents it.
 */
function adaptIssuesPayload(payload: Payload, h: Harness, issue: number, sender: string): Payload {
  const record = h.standIn.state.issues.get(issue)!;
  const repository = payload.repository as Record<string, unknown> & { owner: Record<string, unknown> };
  repository.name = "widgets";
  repository.full_name = "acme/widgets";
  repository.owner = { ...repository.owner, login: "acme" };
  const user = (login: string) => ({ ...(payload.sender as object), login, type: login.endsWith("[bot]") ? "Bot" : "User" });
  const exampleIssue = payload.issue as Record<string, unknown>;
  payload.issue = {
    ...exampleIssue,
    number: record.number,
    id: record.id,
    title: record.title,
    body: record.body,
    labels: record.labels.map((name, i) => ({ id: i + 1, node_id: `L${i}`, url: "", name, color: "ededed", default: false, description: null })),
    user: user(record.user),
    state: record.state,
  };
  payload.sender = user(sender);
  payload.installation = { id: APP.installationId, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNzc3" };
  return payload;
}

describe("real payloads from @octokit/webhooks-examples through Probot", () => {
  it("issues.opened (GitHub's example, adapted) triages the reference example like the stand-in's own webhook", async () => {
    const h = await harness.start();
    const alice = h.standIn.as("alice");
    // The twin goes through the stand-in's own webhook.
    const twin = await alice.openIssue({ title: "Add a total", body: REFERENCE_BODY, labels: ["hold"] });
    await h.settle();
    // The issue under test exists in the stand-in, but no webhook reaches the app for it.
    h.standIn.setWebhookUrl(undefined);
    const n = await alice.openIssue({ title: "Add a total", body: REFERENCE_BODY, labels: ["hold"] });
    await h.settle();
    h.standIn.setWebhookUrl(h.webhookUrl);
    expect(statusComments(h, n)).toEqual([]);

    const payload = adaptIssuesPayload(example("issues", "opened"), h, n, "alice");
    expect(Object.keys(payload).sort()).toEqual(["action", "installation", "issue", "repository", "sender"]);
    await h.probot.receive({ id: "example-issues-opened", name: "issues", payload: payload as never });
    await h.settle();

    expect(statusLabels(h, n)).toEqual(["status/ready"]);
    expect(labelsOf(h, n).sort()).toEqual(labelsOf(h, twin).sort());
    const state = itemState(h, n);
    expect(state.wsjf.score).toBe(3.5);
    expect(state.track).toBe("standard");
    const { issue: _a, updatedAt: _b, ...rest } = state;
    const { issue: _c, updatedAt: _d, ...twinRest } = itemState(h, twin);
    expect(rest).toEqual(twinRest);

    // The same example delivered again writes nothing.
    const from = h.standIn.requests.total;
    await h.probot.receive({ id: "example-issues-opened", name: "issues", payload: payload as never });
    await h.settle();
    expect(writesSince(h, from)).toEqual([]);
  });

  it("issues.edited (GitHub's example) re-triages: needs-info becomes ready", async () => {
    const h = await harness.start();
    const alice = h.standIn.as("alice");
    const n = await alice.openIssue({ title: "Add a total", body: formBody({ goal: "Widgets need a total." }), labels: ["hold"] });
    await h.settle();
    expect(statusLabels(h, n)).toEqual(["status/needs-info"]);
    h.standIn.setWebhookUrl(undefined);
    await alice.editIssue(n, { body: REFERENCE_BODY });
    await h.settle();
    h.standIn.setWebhookUrl(h.webhookUrl);
    expect(statusLabels(h, n)).toEqual(["status/needs-info"]);

    const payload = adaptIssuesPayload(example("issues", "edited"), h, n, "alice");
    await h.probot.receive({ id: "example-issues-edited", name: "issues", payload: payload as never });
    await h.settle();
    expect(statusLabels(h, n)).toEqual(["status/ready"]);
    expect(statusComments(h, n)).toHaveLength(1);
  });

  it("issues.labeled (GitHub's example) sent by a bot is ignored", async () => {
    const h = await harness.start();
    h.standIn.setWebhookUrl(undefined);
    const n = await h.standIn.as("alice").openIssue({ title: "Add a total", body: REFERENCE_BODY });
    await h.settle();
    h.standIn.setWebhookUrl(h.webhookUrl);
    const payload = adaptIssuesPayload(example("issues", "labeled"), h, n, "orchestrator[bot]");
    await h.probot.receive({ id: "example-issues-labeled", name: "issues", payload: payload as never });
    await h.settle();
    expect(h.standIn.requests.entries.filter((e) => !e.route.endsWith("/contents/{path}") && !e.route.endsWith("/access_tokens"))).toEqual([]);
    expect(statusComments(h, n)).toEqual([]);
  });

  it("installation.created (GitHub's example) creates the label catalog and triages open issues", async () => {
    const h = await harness.start();
    h.standIn.setWebhookUrl(undefined);
    const n = await h.standIn.as("alice").openIssue({ title: "Add a total", body: REFERENCE_BODY, labels: ["hold"] });
    await h.settle();
    h.standIn.setWebhookUrl(h.webhookUrl);

    const payload = example("installation", "created");
    const installation = payload.installation as Record<string, unknown>;
    payload.installation = { ...installation, id: APP.installationId, app_id: APP.id, account: { ...(installation.account as object), login: "acme" } };
    const repos = payload.repositories as Array<Record<string, unknown>>;
    payload.repositories = [{ ...repos[0], name: "widgets", full_name: "acme/widgets" }];
    await h.probot.receive({ id: "example-installation-created", name: "installation", payload: payload as never });
    await h.settle();
    expect(h.standIn.state.label("status/needs-approval")).toBeDefined();
    expect(h.standIn.state.label("size/XL")?.description).toContain("extra large");
    expect(statusLabels(h, n)).toEqual(["status/ready"]);
  });
});
