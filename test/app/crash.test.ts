/**
 * Crash-only for real (issue #9, "Done when"): the app runs as its own process
 * (test/support/app-replica.ts) and is killed with SIGKILL at 22 seeded random points of a 4-item
 * lifecycle. A kill point is the app's Nth request to GitHub, counted from its last start: the
 * stand-in either drops that request unapplied or applies it and never answers (both seeded), and
 * the process is killed at that moment, so nothing it would have done next happens. Webhooks sent
 * while it is down are lost (nobody listens). A fresh process starts, its periodic sweep runs once
 * (as the production timer would) and repairs what was lost, commands given while it was down
 * included: the reviewer says `/approve` once per pull request head.
 * At the end every item is done with exactly one merge, one pull request and one status comment,
 * its labels agree with its state, and main's tests pass at every merge commit.
 */
import { execa } from "execa";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { STATUS_MARKER } from "../../src/domain/item/markers.js";
import type { Harness } from "../support/app-harness.js";
import { startAppProcess, type AppProcess } from "../support/app-replica-process.js";
import { fixtureFiles, FIXTURE_TEST_COMMAND } from "../support/fixture-repo.js";
import { agentScript, itemState, scriptsDir, statusOf, workItemBody } from "../support/lifecycle.js";
import { mulberry32 } from "../support/random.js";
import { useHarness } from "../support/use-harness.js";
import { workerRunner } from "../support/worker-runner.js";

const harness = useHarness();
const SEED = 9_2026;
const KILLS = 22;
/** How far the app's clock moves ahead at each restart: past the reconciler's dispatch grace (2 min). */
const RESTART_CLOCK_STEP_MS = 3 * 60_000;
/** The fixture's configuration (the scripted fake agent) with room for all four items and for retries. */
const CONFIG = fixtureFiles()[".github/orchestrator.yml"]!.replace("worker:\n", "worker:\n  max_concurrent: 4\n  max_attempts: 6\n");

/** The process of the app, while it lives. */
let app: AppProcess | null = null;
afterEach(async () => {
  app?.child.kill("SIGKILL");
  await app?.child.catch(() => undefined);
  app = null;
});

/** A fake-agent plan adding `<name>.mjs` and its test. */
function plan(dir: string, name: string, value: number): string {
  const test = `import assert from "node:assert/strict";\nimport { ${name} } from "../${name}.mjs";\nassert.equal(${name}(), ${value});\n`;
  return agentScript(dir, name, { strategies: [[{ write: { [`${name}.mjs`]: `export function ${name}() {\n  return ${value};\n}\n`, [`tests/${name}.test.mjs`]: test } }]] });
}

async function startApp(h: Harness, clockOffsetMs: number): Promise<void> {
  app = await startAppProcess(h, { CLOCK_OFFSET_MS: String(clockOffsetMs) });
  h.standIn.setWebhookUrl(`${app.url}/api/github/webhooks`);
}

describe("crash-only: the app SIGKILLed at random points", { timeout: 900_000 }, () => {
  it(`${KILLS} seeded kills over a 4-item lifecycle: every item done once, nothing duplicated, main green at every merge`, async () => {
    const dir = scriptsDir();
    const names = ["alpha", "beta", "gamma", "delta"];
    const plans = new Map<number, string>();
    const h = await harness.start({
      files: fixtureFiles({ config: CONFIG }),
      ci: { command: FIXTURE_TEST_COMMAND, name: "test" },
      workflows: { "orchestrator-worker.yml": workerRunner((issue) => plans.get(issue) ?? agentScript(dir, `none-${issue}`, {})) },
    });
    // The harness's in-process app steps aside: the app under test is a process that can be killed.
    await h.stopApp();
    const random = mulberry32(SEED);
    // Requests between kills: a pass costs about 5, so most kills fall inside one.
    const gap = () => 3 + Math.floor(random() * 30);
    let kills = 0;
    let dead = false;
    let untilKill = gap();
    let clockOffsetMs = 0;
    const killLog: string[] = [];
    h.standIn.setAppRequestGate((route) => {
      if (dead) return "refuse";
      if (kills >= KILLS || --untilKill > 0) return "serve";
      kills += 1;
      dead = true;
      const applied = random() < 0.5;
      killLog.push(`${kills}: ${applied ? "after" : "before"} ${route}`);
      h.standIn.setWebhookUrl(undefined);
      app?.child.kill("SIGKILL");
      return applied ? "apply-then-drop" : "refuse";
    });
    await startApp(h, clockOffsetMs);

    /** Quiet: nothing pending in the stand-in and no handler running in a live app, twice in a row. */
    const settle = async () => {
      for (let quiet = 0; quiet < 2; ) {
        await h.standIn.idle();
        const inFlight = dead || !app ? 0 : await fetch(`${app.url}/_inflight`).then(async (r) => ((await r.json()) as { inFlight: number }).inFlight, () => 0);
        if (inFlight === 0) quiet++;
        else {
          quiet = 0;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    const sweep = async () => {
      if (!dead && app) await fetch(`${app.url}/_sweep`, { method: "POST" }).catch(() => undefined);
    };
    const restart = async () => {
      await app?.child.catch(() => undefined);
      clockOffsetMs += RESTART_CLOCK_STEP_MS;
      untilKill = gap();
      dead = false;
      await startApp(h, clockOffsetMs);
      await sweep();
    };

    const items: number[] = [];
    for (const [i, name] of names.entries()) {
      const n = await h.standIn.as("alice").openIssue({ title: `Add ${name}`, body: workItemBody({ goal: `A ${name}.`, criteria: [`Given the library When imported Then ${name}() is ${i + 1}`] }) });
      plans.set(n, plan(dir, name, i + 1));
      items.push(n);
    }

    const approved = new Set<string>();
    const done = () => items.every((n) => statusOf(h.standIn, n) === "status/done" && h.standIn.state.issues.get(n)?.state === "closed");
    for (let round = 0; round < 400 && !done(); round++) {
      // A killed app is restarted at once, as a supervisor would, without waiting for GitHub to be
      // quiet: a worker that started before its attempt was recorded waits for that record
      // (worker/run-worker.ts RECORD_WAITS_MS), which only the restarted app's sweep writes.
      if (dead) {
        await restart();
        continue;
      }
      await settle();
      if (dead) {
        await restart();
        continue;
      }
      // A reviewer approves each pull request once the review judged its head green, once per head,
      // whether or not the app was up to hear it.
      let acted = false;
      for (const n of items) {
        const state = itemState(h.standIn, n);
        const pr = state?.pr;
        if (state?.status !== "in-review" || !pr?.headSha) continue;
        const head = pr.headSha;
        const green = state.reviews.some((r) => r.headSha === head && r.verdict === "APPROVED");
        if (green && !approved.has(head)) {
          approved.add(head);
          await h.standIn.as("alice").comment(pr.number, "/approve");
          acted = true;
        }
      }
      // Nothing for people to do: time passes and the periodic sweep runs.
      if (!acted) await sweep();
    }
    const timeline = () => `kills:\n${killLog.join("\n")}\n${h.standIn.formatTimeline()}`;
    expect(kills, timeline()).toBe(KILLS);
    expect(done(), timeline()).toBe(true);

    const mergesAccepted = (pr: number) => h.standIn.requests.entries.filter((e) => e.route.endsWith("/merge") && e.method === "PUT" && e.item === pr && e.status === 200).length;
    for (const n of items) {
      const state = itemState(h.standIn, n)!;
      const pulls = [...h.standIn.state.pulls.values()].filter((p) => p.headRef.startsWith(`orchestrator/${n}-`));
      expect(pulls.map((p) => p.number), `#${n}: one pull request\n${timeline()}`).toHaveLength(1);
      expect(pulls[0]!.merged, `#${n}: merged`).toBe(true);
      expect(state.merged?.pr).toBe(pulls[0]!.number);
      expect(mergesAccepted(pulls[0]!.number), `#${n}: one merge`).toBe(1);
      const statusComments = [...h.standIn.state.comments.values()].filter((c) => c.issueNumber === n && c.body.includes(STATUS_MARKER));
      expect(statusComments, `#${n}: one status comment`).toHaveLength(1);
      expect(h.standIn.state.issues.get(n)!.labels.filter((l) => l.startsWith("status/")), `#${n}: labels agree with the state`).toEqual([`status/${state.status}`]);
    }

    // Main's tests pass at every commit the merges made (first parent after the initial commit).
    const { stdout } = await execa("git", ["--git-dir", h.standIn.bareRepo, "rev-list", "--first-parent", "--reverse", "main"]);
    const commits = stdout.split("\n").slice(1);
    expect(commits.length).toBeGreaterThanOrEqual(items.length);
    const work = mkdtempSync(path.join(os.tmpdir(), "orchestrator-crash-main-"));
    await execa("git", ["clone", "--quiet", h.standIn.bareRepo, work]);
    for (const sha of commits) {
      await execa("git", ["checkout", "--quiet", sha], { cwd: work });
      const result = await execa("bash", ["-c", FIXTURE_TEST_COMMAND], { cwd: work, reject: false, all: true });
      expect(result.exitCode, `main's tests at ${sha}: ${result.all ?? ""}`).toBe(0);
    }
  });
});
