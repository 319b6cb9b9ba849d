import { describe, expect, it } from "vitest";
import { labelCatalog } from "../../src/domain/labels.js";
import { configSchema } from "../../src/config/schema.js";
import { useHarness } from "../support/use-harness.js";
import { commentsOn, requestsSince, itemState, labelsOf, REFERENCE_BODY, standardBody, statusComments, statusLabels, writesSince } from "../support/work-items.js";

const harness = useHarness();

describe("which events the app acts on, and idempotency", () => {
  it("a redelivered issues.opened makes no second write", async () => {
    const h = await harness.start();
    const n = await h.standIn.as("alice").openIssue({ title: "Add a total", body: REFERENCE_BODY, labels: ["hold"] });
    await h.settle();
    expect(statusLabels(h, n)).toEqual(["status/ready"]);
    const opened = h.standIn.deliveries.find((d) => d.event === "issues" && d.action === "opened")!;
    const from = h.standIn.requests.total;
    const timelineFrom = h.standIn.timeline.length;

    const again = h.standIn.redeliver(opened.id);
    await h.settle();
    expect(again.status).toBe(200);
    // The app read GitHub again (it is crash-only) ...
    expect(h.standIn.requests.total).toBeGreaterThan(from);
    // ... and wrote nothing: no POST/PATCH/PUT/DELETE, no write in the timeline.
    expect(writesSince(h, from)).toEqual([]);
    const after = h.standIn.timeline.slice(timelineFrom);
    expect(after.filter((e) => e.kind === "write")).toEqual([]);
    expect(after.filter((e) => e.kind === "webhook").map((e) => e.summary)).toEqual([`redelivered issues.opened #${n} by alice`]);
    expect(statusComments(h, n)).toHaveLength(1);
  });

  it("every delivery of a whole scenario redelivered writes nothing", async () => {
    const h = await harness.start();
    const alice = h.standIn.as("alice");
    const dep = await alice.openIssue({ title: "Store widgets", body: standardBody(), labels: ["hold"] });
    const n = await alice.openIssue({ title: "Add a total", body: standardBody({ dependsOn: `Depends on #${dep}` }), labels: ["hold"] });
    await alice.editIssue(n, { title: "Add the total" });
    await alice.closeIssue(dep);
    await h.settle();
    expect(statusLabels(h, n)).toEqual(["status/ready"]);
    const from = h.standIn.requests.total;
    for (const d of [...h.standIn.deliveries]) h.standIn.redeliver(d.id);
    await h.settle();
    expect(writesSince(h, from)).toEqual([]);
  });

  it("ignores issues opened by bots", async () => {
    const h = await harness.start();
    const n = await h.standIn.as("dependabot[bot]").openIssue({ title: "Bump widgets", body: REFERENCE_BODY });
    await h.settle();
    expect(h.standIn.deliveries.some((d) => d.event === "issues" && d.action === "opened")).toBe(true);
    expect(labelsOf(h, n)).toEqual([]);
    expect(commentsOn(h, n)).toEqual([]);
    expect(writesSince(h, 0)).toEqual([]);
  });

  it("its own label and comment events cause no further writes", async () => {
    const h = await harness.start();
    const n = await h.standIn.as("alice").openIssue({ title: "Add a total", body: REFERENCE_BODY, labels: ["hold"] });
    await h.settle();
    const own = h.standIn.deliveries.filter((d) => (d.payload.sender as { login: string }).login === "orchestrator[bot]");
    // The app's writes came back as events (labeled, comment created) ...
    expect(own.map((d) => `${d.event}.${d.action}`)).toEqual(expect.arrayContaining(["issues.labeled", "issue_comment.created"]));
    // ... and every write the app made happened while handling alice's events, none after its own.
    const lastPersonDelivery = Math.max(
      ...h.standIn.timeline.filter((e) => e.kind === "webhook" && e.actor === "alice").map((e) => e.seq),
    );
    const writesAfter = h.standIn.timeline.filter((e) => e.kind === "write" && e.actor === "orchestrator[bot]" && e.seq > lastPersonDelivery);
    expect(writesAfter).toEqual([]);
    // Redelivering the app's own events writes nothing (and intake reads nothing for them: the
    // only reads are another route's config look-ups on label events, see the merge queue).
    const from = h.standIn.requests.total;
    const timelineFrom = h.standIn.timeline.length;
    for (const d of own) h.standIn.redeliver(d.id);
    await h.settle();
    expect(writesSince(h, from)).toEqual([]);
    expect(h.standIn.timeline.slice(timelineFrom).filter((e) => e.kind === "write")).toEqual([]);
    expect(requestsSince(h, from).filter((r) => !r.includes("/contents/") && !r.endsWith("/access_tokens"))).toEqual([]);
    expect(statusComments(h, n)).toHaveLength(1);
  });

  it("leaves an issue with the ignore label alone, and picks it up when the label goes", async () => {
    const h = await harness.start();
    const alice = h.standIn.as("alice");
    const n = await alice.openIssue({ title: "Notes", body: "Just notes.", labels: ["orchestrator/ignore"] });
    await alice.editIssue(n, { body: "More notes." });
    await h.settle();
    expect(labelsOf(h, n)).toEqual(["orchestrator/ignore"]);
    expect(commentsOn(h, n)).toEqual([]);
    expect(writesSince(h, 0)).toEqual([]);

    await alice.removeLabel(n, "orchestrator/ignore");
    await h.settle();
    expect(statusLabels(h, n)).toEqual(["status/needs-info"]);
    expect(statusComments(h, n)).toHaveLength(1);

    // Ignored again: the app stops touching it (its existing labels stay as they are).
    await alice.addLabels(n, ["orchestrator/ignore"]);
    const from = h.standIn.requests.total;
    await alice.editIssue(n, { body: REFERENCE_BODY });
    await h.settle();
    expect(writesSince(h, from)).toEqual([]);
    expect(statusLabels(h, n)).toEqual(["status/needs-info"]);
  });

  it("pull requests are not work items", async () => {
    const h = await harness.start();
    const alice = h.standIn.as("alice");
    await alice.pushCommit("feature", { "total.txt": "sum\n" }, "Add total");
    const pr = await alice.openPullRequest({ head: "feature", title: "Add a total", body: REFERENCE_BODY });
    await alice.editIssue(pr, { body: `${REFERENCE_BODY}\n` });
    await h.settle();
    expect(h.standIn.deliveries.some((d) => d.event === "pull_request" && d.action === "edited")).toBe(true);
    expect(writesSince(h, 0)).toEqual([]);
    // GitHub's issue API lists pull requests too: an issues event naming one (or installing the
    // app) never makes it a work item.
    const issuePayload = h.standIn.deliveries.find((d) => d.event === "pull_request")!.payload;
    await h.probot.receive({
      id: "pr-as-issue",
      name: "issues",
      payload: {
        action: "edited",
        changes: {},
        issue: { ...(issuePayload.pull_request as object), pull_request: { url: "x" } },
        repository: issuePayload.repository,
        sender: issuePayload.sender,
        installation: issuePayload.installation,
      } as never,
    });
    h.standIn.install();
    await h.settle();
    expect(labelsOf(h, pr)).toEqual([]);
    expect(statusComments(h, pr)).toEqual([]);
  });

  it("installation.created creates the label catalog with colours and descriptions and triages every open issue", async () => {
    const h = await harness.start();
    const alice = h.standIn.as("alice");
    // Issues that exist before the app is installed: no webhooks reach it yet.
    h.standIn.setWebhookUrl(undefined);
    const ready = await alice.openIssue({ title: "Add a total", body: REFERENCE_BODY, labels: ["hold"] });
    const vague = await alice.openIssue({ title: "Make it better", body: "Somehow." });
    const outsider = await h.standIn.as("olga").openIssue({ title: "Please add CSV", body: REFERENCE_BODY });
    const closed = await alice.openIssue({ title: "Old", body: REFERENCE_BODY });
    await alice.closeIssue(closed);
    await h.settle();
    h.standIn.setWebhookUrl(h.webhookUrl);

    h.standIn.install();
    await h.settle();
    const catalog = labelCatalog(configSchema.parse({}));
    expect(catalog.length).toBeGreaterThan(30);
    for (const spec of catalog) {
      const label = h.standIn.state.label(spec.name);
      expect(label, spec.name).toBeDefined();
      expect(label!.color).toBe(spec.color);
      expect(label!.description).toBe(spec.description);
    }
    expect(statusLabels(h, ready)).toEqual(["status/ready"]);
    expect(itemState(h, ready).wsjf.score).toBe(3.5);
    expect(statusLabels(h, vague)).toEqual(["status/needs-info"]);
    expect(statusLabels(h, outsider)).toEqual(["status/needs-approval"]);
    expect(commentsOn(h, closed)).toEqual([]);

    // Installing again (or a redelivery) changes nothing.
    const from = h.standIn.requests.total;
    h.standIn.install();
    await h.settle();
    expect(writesSince(h, from)).toEqual([]);
  });

  it("fixes a label's colour and description on installation, and creates missing labels lazily", async () => {
    const h = await harness.start();
    const alice = h.standIn.as("alice");
    // A person made status/ready by hand, without a description.
    const n = await alice.openIssue({ title: "Add a total", body: REFERENCE_BODY, labels: ["status/ready", "hold"] });
    await h.settle();
    const spec = labelCatalog(configSchema.parse({})).find((l) => l.name === "track/standard")!;
    // Created lazily while triaging, with colour and description.
    expect(h.standIn.state.label("track/standard")).toMatchObject({ color: spec.color, description: spec.description });
    expect(statusLabels(h, n)).toEqual(["status/ready"]);
    h.standIn.install();
    await h.settle();
    const ready = labelCatalog(configSchema.parse({})).find((l) => l.name === "status/ready")!;
    expect(h.standIn.state.label("status/ready")).toMatchObject({ color: ready.color, description: ready.description });
  });
});
