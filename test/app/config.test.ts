import { execa } from "execa";
import { Context, ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { configReaderFor, loadConfig } from "../../src/config/load.js";
import type { Harness } from "../support/app-harness.js";
import { useHarness } from "../support/use-harness.js";
import { commentsOn, labelsOf, REFERENCE_BODY, statusComments, statusLabels, writesSince } from "../support/work-items.js";
import { CONFIG_ERROR_MARKER } from "../../src/domain/item/markers.js";

const harness = useHarness();

function configComments(h: Harness, issue: number) {
  return commentsOn(h, issue).filter((c) => c.body.includes(CONFIG_ERROR_MARKER));
}

async function withConfig(yaml: string): Promise<Harness> {
  return harness.start({ files: { "README.md": "# widgets\n", ".github/orchestrator.yml": yaml } });
}

/** Opens an issue, edits it twice and adds a label: four events, all with the broken config. */
async function busyIssue(h: Harness): Promise<number> {
  const alice = h.standIn.as("alice");
  const n = await alice.openIssue({ title: "Add a total", body: REFERENCE_BODY });
  await alice.editIssue(n, { title: "Add the total" });
  await alice.editIssue(n, { title: "Add a grand total" });
  await alice.addLabels(n, ["documentation"]);
  await h.settle();
  return n;
}

/** Only the config report was written: one comment, no labels, no status comment, no dispatch. */
function expectOnlyTheReport(h: Harness, n: number): string {
  const reports = configComments(h, n);
  expect(reports).toHaveLength(1);
  expect(reports[0]!.user).toBe("orchestrator[bot]");
  expect(labelsOf(h, n)).toEqual(["documentation"]);
  expect(statusComments(h, n)).toEqual([]);
  const writes = writesSince(h, 0).map((w) => w.route);
  expect(writes).toEqual(["POST /repos/{owner}/{repo}/issues/{issue_number}/comments"]);
  // Every delivery was answered (no crash, no 500 for GitHub to redeliver).
  for (const d of h.standIn.deliveries) expect(d.status, `${d.event}.${d.action}`).toBe(200);
  return reports[0]!.body;
}

describe("a broken .github/orchestrator.yml", () => {
  it("an unknown key is reported by name, once, and nothing else is done", async () => {
    const h = await withConfig("worker:\n  max_concurent: 2\n");
    const n = await busyIssue(h);
    const report = expectOnlyTheReport(h, n);
    expect(report).toContain("`worker.max_concurent`: unknown key");
    expect(report).toContain(".github/orchestrator.yml");
  });

  it("a wrong type is reported by key with the problem", async () => {
    const h = await withConfig("worker:\n  max_concurrent: lots\nwsjf:\n  sizes:\n    XL: -1\n");
    const n = await busyIssue(h);
    const report = expectOnlyTheReport(h, n);
    expect(report).toMatch(/`worker\.max_concurrent`: .*number/i);
    expect(report).toMatch(/`wsjf\.sizes\.XL`: .*(>|greater|positive)/i);
  });

  it("bad YAML is reported with the parser's line, and nothing else is done", async () => {
    const h = await withConfig("labels:\n  hold: [unclosed\n  ignore: x\n");
    const n = await busyIssue(h);
    const report = expectOnlyTheReport(h, n);
    expect(report).toContain("`(file)`");
    expect(report).toMatch(/invalid YAML.*line 3, column 3/i);
    expect(report).not.toContain("/api/v3");
  });

  it("a file that is not a mapping is reported", async () => {
    const h = await withConfig("- just\n- a list\n");
    const n = await busyIssue(h);
    const report = expectOnlyTheReport(h, n);
    expect(report).toContain("`(file)`");
  });

  it("an installation with a broken config reports it as check run orchestrator/config on main, and does nothing else", async () => {
    const h = await withConfig("trust:\n  approvers: 7\n");
    h.standIn.setWebhookUrl(undefined);
    const n = await h.standIn.as("alice").openIssue({ title: "Add a total", body: REFERENCE_BODY });
    await h.settle();
    h.standIn.setWebhookUrl(h.webhookUrl);
    h.standIn.install();
    await h.settle();
    h.standIn.install();
    await h.settle();
    expect(commentsOn(h, n)).toEqual([]);
    expect(labelsOf(h, n)).toEqual([]);
    expect(h.standIn.deliveries.at(-1)!.status).toBe(200);
    // One check run on main's head, however often the installation event arrives.
    const head = (await execa("git", ["-C", h.standIn.bareRepo, "rev-parse", "refs/heads/main"])).stdout.trim();
    const runs = [...h.standIn.state.checkRuns.values()].filter((r) => r.name === "orchestrator/config");
    expect(runs).toHaveLength(1);
    expect(runs[0]!.headSha).toBe(head);
    expect(runs[0]!.conclusion).toBe("failure");
    expect(runs[0]!.output.summary).toContain("`trust.approvers`");
    const writes = writesSince(h, 0).map((w) => w.route);
    expect(writes.every((r) => r.includes("/check-runs"))).toBe(true);
  });

  it("once fixed on the default branch, the next event triages the issue", async () => {
    const h = await withConfig("worker:\n  max_concurent: 2\n");
    const alice = h.standIn.as("alice");
    const n = await alice.openIssue({ title: "Add a total", body: REFERENCE_BODY, labels: ["hold"] });
    await h.settle();
    expect(configComments(h, n)).toHaveLength(1);
    expect(statusComments(h, n)).toEqual([]);
    await alice.pushCommit("main", { ".github/orchestrator.yml": "worker:\n  max_concurrent: 2\n" }, "Fix the orchestrator config");
    await alice.editIssue(n, { title: "Add the total" });
    await h.settle();
    expect(statusLabels(h, n)).toEqual(["status/ready"]);
    expect(statusComments(h, n)).toHaveLength(1);
  });
});

describe("where the configuration comes from", () => {
  it("only the default branch counts: a broken file on another branch changes nothing", async () => {
    const h = await withConfig("labels:\n  hold: on-hold\n");
    const alice = h.standIn.as("alice");
    await alice.pushCommit("sneaky", { ".github/orchestrator.yml": "labels:\n  hold: 12\n  unknown: 1\n" }, "Change the rules");
    const n = await alice.openIssue({ title: "Add a total", body: REFERENCE_BODY, labels: ["on-hold"] });
    await h.settle();
    expect(configComments(h, n)).toEqual([]);
    // Ready and held by the renamed hold label from main's config: nothing dispatched.
    expect(statusLabels(h, n)).toEqual(["status/ready"]);
    expect(h.standIn.state.workflowRuns.size).toBe(0);
  });

  it("renamed labels from the config are used", async () => {
    const h = await withConfig("labels:\n  status:\n    ready: \"state: ready\"\n  tracks:\n    standard: \"kind: standard\"\n");
    const n = await h.standIn.as("alice").openIssue({ title: "Add a total", body: REFERENCE_BODY, labels: ["hold"] });
    await h.settle();
    expect(labelsOf(h, n)).toEqual(expect.arrayContaining(["state: ready", "kind: standard"]));
    expect(labelsOf(h, n)).not.toContain("status/ready");
  });

  it("`_extends` naming a repository that does not exist counts as an empty base (Probot's rule), not a crash", async () => {
    const h = await withConfig("_extends: shared-config\nworker:\n  max_concurrent: 2\n");
    const n = await h.standIn.as("alice").openIssue({ title: "Add a total", body: REFERENCE_BODY, labels: ["hold"] });
    await h.settle();
    expect(h.standIn.deliveries.every((d) => d.status === 200)).toBe(true);
    expect(h.standIn.requests.entries.some((e) => e.path === "/repos/acme/shared-config/contents/.github%2Forchestrator.yml" && e.status === 404)).toBe(true);
    expect(configComments(h, n)).toEqual([]);
    expect(statusLabels(h, n)).toEqual(["status/ready"]);
  });
});

/**
 * The stand-in serves one repository, so the org `.github` fallback and `_extends` across
 * repositories are shown here with Probot's real Octokit and config plugin over an in-process
 * fetch that serves files of several repositories: both ways the app reads its configuration
 * (`context.config` for repository events, configReaderFor for installation events) must agree.
 */
describe("org .github fallback and _extends (Probot's config plugin, in-process files)", () => {
  function octokitServing(files: Record<string, string>) {
    const fetch = async (input: string | URL | Request): Promise<Response> => {
      const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
      const m = /^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/.exec(url.pathname);
      const key = m ? `${m[1]}/${m[2]}:${decodeURIComponent(m[3]!)}` : "";
      const text = files[key];
      if (text === undefined) return new Response(JSON.stringify({ message: "Not Found" }), { status: 404, headers: { "content-type": "application/json" } });
      return new Response(text, { status: 200, headers: { "content-type": "text/plain; charset=utf-8" } });
    };
    return new ProbotOctokit({ auth: { token: "test" }, request: { fetch }, throttle: { enabled: false }, retry: { enabled: false } });
  }

  async function bothReaders(files: Record<string, string>) {
    const octokit = octokitServing(files);
    const context = new Context(
      { id: "1", name: "issues", payload: { repository: { name: "widgets", owner: { login: "acme" } } } } as never,
      octokit as never,
      { child: () => ({}) } as never,
    );
    const viaContext = await loadConfig({ config: (f) => context.config(f) });
    const viaInstallation = await loadConfig({ config: configReaderFor(octokit as never, "acme", "widgets") });
    expect(viaInstallation).toEqual(viaContext);
    return viaContext;
  }

  it("falls back to the org's .github repository when the repository has no file", async () => {
    const result = await bothReaders({ "acme/.github:.github/orchestrator.yml": "labels:\n  hold: org-hold\n" });
    expect(result.ok && result.config.labels.hold).toBe("org-hold");
  });

  it("`_extends` deep-merges the base under the repository's file (lists add up)", async () => {
    const result = await bothReaders({
      "acme/widgets:.github/orchestrator.yml": "_extends: shared\nlabels:\n  ignore: skip-me\ntrust:\n  approvers: [rita]\n",
      "acme/shared:.github/orchestrator.yml": "labels:\n  hold: shared-hold\ntrust:\n  approvers: [\"@acme/leads\"]\n",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.labels.hold).toBe("shared-hold");
    expect(result.config.labels.ignore).toBe("skip-me");
    expect(result.config.trust.approvers).toEqual(["@acme/leads", "rita"]);
  });

  it("a broken base file is reported by key like the repository's own", async () => {
    const result = await bothReaders({
      "acme/widgets:.github/orchestrator.yml": "_extends: shared\n",
      "acme/shared:.github/orchestrator.yml": "worker:\n  max_concurent: 2\n",
    });
    expect(result).toEqual({ ok: false, problems: [{ key: "worker.max_concurent", message: "unknown key" }] });
  });

  it("no file anywhere gives every default", async () => {
    const result = await bothReaders({});
    expect(result.ok).toBe(true);
  });
});
