/**
 * Actions mode end to end: no app server at all. The stand-in records every webhook delivery (none
 * can be sent); each delivery the shipped .github/workflows/orchestrator.yml is triggered by is fed
 * to ONE run of the bundled action in `mode: app` (as GitHub would start one job per event), and a
 * `schedule` run is the sweep. The worker workflow's runs are the bundled action in `mode: worker`
 * with the scripted fake agent. One work item goes from issue to merge, with the event that would
 * have started the merge (the approved status label going on) dropped, as a cancelled pending run
 * of the concurrency group would be: the sweep recovers it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fixtureFiles, FIXTURE_TEST_COMMAND } from "../support/fixture-repo.js";
import { useHarness } from "../support/use-harness.js";
import { agentScript, itemState, mainLog, scriptsDir, statusOf, workItemBody } from "../support/lifecycle.js";
import type { Delivery, StandIn, WorkflowRunner } from "../support/standin/index.js";
import { APP } from "../support/app-harness.js";
import { runAction } from "../../src/action/main.js";
import { inputVariable } from "../../src/action/inputs.js";
import { runEntry, type EntryRun } from "./entry.js";

const harness = useHarness();

type Triggers = Record<string, { types?: string[]; workflows?: string[]; branches?: string[] } | null>;
const SHIPPED = parse(readFileSync(new URL("../../.github/workflows/orchestrator.yml", import.meta.url), "utf8")) as { on: Triggers };

/** Whether the shipped Actions-mode workflow starts a run for this delivery (its `on:` filters). */
function triggers(delivery: Delivery): boolean {
  const filter = SHIPPED.on[delivery.event];
  if (filter === undefined) return false;
  if (filter === null) return true;
  if (filter.types && !filter.types.includes(delivery.action ?? "")) return false;
  const payload = delivery.payload as { workflow_run?: { name?: string }; ref?: string };
  if (filter.workflows && !filter.workflows.includes(payload.workflow_run?.name ?? "")) return false;
  if (filter.branches && !filter.branches.some((b) => payload.ref === `refs/heads/${b}`)) return false;
  return true;
}

/** The worker workflow's runner: the bundled action in mode worker, in the run's fresh clone. */
function actionWorker(script: string, log: EntryRun[]): WorkflowRunner {
  return async ({ inputs, cloneDir, env, signal }) => {
    const run = await runEntry({
      inputs: { mode: "worker", issue: inputs.issue ?? "", attempt: inputs.attempt ?? "1", "github-token": env.GITHUB_TOKEN ?? "" },
      env: {
        ...env,
        GITHUB_WORKSPACE: cloneDir,
        FAKE_AGENT_SCRIPT: script,
        GIT_AUTHOR_NAME: "orchestrator[bot]",
        GIT_AUTHOR_EMAIL: "orchestrator@users.noreply.local",
        GIT_COMMITTER_NAME: "orchestrator[bot]",
        GIT_COMMITTER_EMAIL: "orchestrator@users.noreply.local",
      },
      cwd: cloneDir,
      signal,
    });
    log.push(run);
    return { exitCode: run.exitCode };
  };
}

/** A guard against a loop of runs (each lifecycle here takes well under this). */
const MAX_RUNS = 300;

/** Feeds deliveries to mode-app runs, in order, until nothing new arrives; returns the runs. */
class ActionsModeDriver {
  private next = 0;
  readonly runs: Array<{ event: string; action?: string; run: EntryRun }> = [];
  readonly dropped: Delivery[] = [];

  private readonly eventDir = mkdtempSync(path.join(os.tmpdir(), "orchestrator-events-"));

  constructor(
    private readonly standIn: StandIn,
    private readonly token: string,
  ) {}

  private env(): Record<string, string> {
    return { GITHUB_REPOSITORY: "acme/widgets", GITHUB_API_URL: this.standIn.apiUrl, ORCHESTRATOR_THROTTLE: "off" };
  }

  private inputs(): Record<string, string> {
    return { mode: "app", "github-token": this.token, "app-slug": APP.slug, "log-level": "warn" };
  }

  /**
   * One job of the Actions-mode workflow: the Action's entry (src/action/main.ts runAction, what
   * dist/index.js runs) in this process, with the runner's variables; in-process because a
   * lifecycle is ~100 events (test/action/modes.test.ts runs the bundled file itself).
   */
  private async run(name: string, payload: Record<string, unknown>): Promise<EntryRun> {
    const file = path.join(this.eventDir, `event-${this.runs.length}.json`);
    writeFileSync(file, JSON.stringify(payload));
    const env: Record<string, string> = { ...this.env(), GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: file, GITHUB_RUN_ID: String(5000 + this.runs.length) };
    for (const [input, value] of Object.entries(this.inputs())) env[inputVariable(input)] = value;
    const lines: string[] = [];
    const exitCode = await runAction({ env, stderr: (line) => lines.push(line), cwd: this.eventDir });
    return { exitCode, output: lines.join("\n") };
  }

  /** Runs the app once per triggering delivery (none dropped by `drop`) until the stand-in is quiet. */
  async drain(drop: (d: Delivery) => boolean = () => false): Promise<void> {
    for (;;) {
      await this.standIn.idle();
      const delivery = this.standIn.deliveries[this.next];
      if (delivery === undefined) return;
      this.next++;
      if (!triggers(delivery)) continue;
      if (drop(delivery)) {
        this.dropped.push(delivery);
        continue;
      }
      if (this.runs.length >= MAX_RUNS) throw new Error(`more than ${MAX_RUNS} runs: ${JSON.stringify(this.runs.map((r) => `${r.event}.${r.action ?? ""}`))}`);
      const run = await this.run(delivery.event, delivery.payload);
      this.runs.push({ event: delivery.event, ...(delivery.action ? { action: delivery.action } : {}), run });
    }
  }

  /** One `schedule` run: the sweep. */
  async sweep(): Promise<EntryRun> {
    const run = await this.run("schedule", { schedule: "*/10 * * * *" });
    this.runs.push({ event: "schedule", run });
    return run;
  }
}

describe("Actions mode (the bundled action, one run per event)", { timeout: 400_000 }, () => {
  it("drives a work item to its merge; the sweep recovers a dropped event", async () => {
    const workerRuns: EntryRun[] = [];
    const dir = scriptsDir();
    const script = agentScript(dir, "total", {
      strategies: [[{ write: { "total.mjs": "export function total() {\n  return 42;\n}\n", "tests/total.test.mjs": 'import assert from "node:assert/strict";\nimport { total } from "../total.mjs";\nassert.equal(total(), 42);\n' } }]],
    });
    const h = await harness.start({
      files: { ...fixtureFiles(), ".github/workflows/orchestrator.yml": readFileSync(new URL("../../.github/workflows/orchestrator.yml", import.meta.url), "utf8") },
      ci: { command: FIXTURE_TEST_COMMAND, name: "test" },
      workflows: { "orchestrator-worker.yml": actionWorker(script, workerRuns) },
    });
    // No server: deliveries are only recorded; the driver plays GitHub Actions.
    await h.stopApp();
    const driver = new ActionsModeDriver(h.standIn, h.standIn.installationToken());
    const failed = () => driver.runs.filter((r) => r.run.exitCode !== 0).map((r) => `${r.event}.${r.action}: ${r.run.output.slice(-2000)}`);

    const alice = h.standIn.as("alice");
    const n = await alice.openIssue({ title: "Add a total", body: workItemBody({ goal: "Widgets need a total.", criteria: ["Given the library When I call total() Then I get 42"] }) });
    await driver.drain();
    expect(failed()).toEqual([]);
    expect(workerRuns.map((r) => r.exitCode), workerRuns.map((r) => r.output.slice(-2000)).join("\n")).toEqual([0]);
    expect(statusOf(h.standIn, n)).toBe("status/in-review");
    const pr = itemState(h.standIn, n)!.pr!.number;

    // Approved while on hold: the queue waits. Taking the hold off is the event the merge starts
    // from, and its run is lost (a concurrency group keeps one pending run and cancels the others,
    // or GitHub drops it): only the sweep can land the pull request.
    await alice.addLabels(n, ["hold"]);
    await alice.comment(pr, "/approve");
    await driver.drain();
    expect(statusOf(h.standIn, n)).toBe("status/approved");
    await alice.removeLabel(n, "hold");
    await driver.drain((d) => d.event === "issues" && d.action === "unlabeled" && (d.payload as { label?: { name?: string } }).label?.name === "hold");
    expect(driver.dropped).toHaveLength(1);
    expect(failed()).toEqual([]);
    expect(statusOf(h.standIn, n)).toBe("status/approved");
    expect(h.standIn.state.pulls.get(pr)?.merged).toBe(false);

    const sweep = await driver.sweep();
    expect(sweep.exitCode, sweep.output).toBe(0);
    await driver.drain();
    expect(failed()).toEqual([]);
    expect(statusOf(h.standIn, n)).toBe("status/done");
    expect(h.standIn.state.issues.get(n)?.state).toBe("closed");
    expect((await mainLog(h.standIn)).at(-1)).toMatch(new RegExp(`Merge pull request #${pr}`));
    // Every run was the app acting as its installation, never a server.
    expect(h.standIn.deliveries.every((d) => d.status === undefined)).toBe(true);
  });
});
