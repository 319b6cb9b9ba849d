/**
 * The BUNDLED action (dist/index.js) in each mode, as a child process with the INPUT_* and GITHUB_*
 * variables the Actions runner sets, against the local GitHub stand-in. (The worker mode's full run,
 * agent and pull request included, is in actions-mode.test.ts.)
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { APP, writeFiles } from "../support/app-harness.js";
import { itemState, statusOf } from "../support/lifecycle.js";
import { useHarness } from "../support/use-harness.js";
import { workItemBody } from "../support/work-items.js";
import { runEntry } from "./entry.js";

const harness = useHarness();

async function standIn() {
  const h = await harness.start();
  await h.stopApp(); // no server: the action is the app
  const env = { GITHUB_REPOSITORY: "acme/widgets", GITHUB_API_URL: h.standIn.apiUrl, ORCHESTRATOR_THROTTLE: "off" };
  return { h, env, token: h.standIn.installationToken() };
}

describe("the bundled action", { timeout: 120_000 }, () => {
  it("mode app: handles the run's event through the app's handlers (an opened issue is triaged)", async () => {
    const { h, env, token } = await standIn();
    const n = await h.standIn.as("alice").openIssue({ title: "Add a total", body: workItemBody({ goal: "A total.", criteria: ["Given widgets When I total them Then I get the sum"] }) });
    await h.standIn.idle();
    const opened = h.standIn.deliveries.find((d) => d.event === "issues" && d.action === "opened")!;
    const run = await runEntry({ inputs: { mode: "app", "github-token": token, "app-slug": APP.slug, "log-level": "warn" }, env, event: { name: "issues", payload: opened.payload } });
    expect(run.exitCode, run.output).toBe(0);
    expect(itemState(h.standIn, n)).not.toBeNull();
    expect(statusOf(h.standIn, n)).toMatch(/^status\//);
    // It acted as the App's installation (the token's bot), not as github-actions.
    const status = [...h.standIn.state.comments.values()].find((c) => c.issueNumber === n);
    expect(status?.user).toBe(`${APP.slug}[bot]`);
  });

  it("mode app: a schedule run is the sweep and ends cleanly", async () => {
    const { h, env, token } = await standIn();
    h.standIn.requests.reset();
    const run = await runEntry({ inputs: { mode: "app", "github-token": token, "log-level": "warn" }, env, event: { name: "schedule", payload: { schedule: "*/10 * * * *" } } });
    expect(run.exitCode, run.output).toBe(0);
    // The sweep read the repository (its config, its queue) through the stand-in.
    expect(h.standIn.requests.total).toBeGreaterThan(0);
  });

  it("mode review: runs `orchestrator review` with the inputs (an unknown pull request is a clear error)", async () => {
    const { env, token } = await standIn();
    const workspace = mkdtempSync(path.join(os.tmpdir(), "orchestrator-review-"));
    await writeFiles(workspace, { ".github/orchestrator.yml": "review:\n  agent:\n    name: command\n    command: \"true\"\n" });
    const run = await runEntry({ inputs: { mode: "review", "github-token": token, pr: "99", issue: "1", workspace }, env, cwd: workspace });
    expect(run.exitCode).toBe(2);
    expect(run.output).toContain("pull request #99 not found in acme/widgets");
  });

  it("mode worker: runs `orchestrator worker` with the inputs (a missing issue input is named)", async () => {
    const { env, token } = await standIn();
    const run = await runEntry({ inputs: { mode: "worker", "github-token": token }, env });
    expect(run.exitCode).toBe(2);
    expect(run.output).toContain("--issue is required");
  });

  it("bad inputs get one line naming each, exit 2, and no request", async () => {
    const { h, env } = await standIn();
    h.standIn.requests.reset();
    const run = await runEntry({ inputs: { mode: "deploy", "github-token": "", attempt: "0" }, env });
    expect(run.exitCode).toBe(2);
    expect(run.output).toContain("input mode: mode must be one of worker, review, app");
    expect(run.output).toContain("input github-token is required");
    expect(run.output).toContain("input attempt: must be a positive integer");
    expect(h.standIn.requests.total).toBe(0);
  });
});
