import { readFile } from "node:fs/promises";
import { Probot, ProbotOctokit } from "probot";
import { z } from "zod";
import { createApp } from "../index.js";
import { ResilientOctokit } from "../github/octokit-client.js";
import type { AppOptions } from "../app/route.js";
import type { ActionInputs } from "./inputs.js";
import { sweepRepository } from "./sweep.js";

/**
 * `mode: app`: the app's handlers run once for the event that started this workflow run, instead of
 * a long-lived server receiving webhooks (Actions mode, .github/workflows/orchestrator.yml). The
 * event is what the runner gives every step: its name in GITHUB_EVENT_NAME and its webhook payload
 * in the JSON file GITHUB_EVENT_PATH; it goes through Probot's `receive`, so exactly the handlers
 * registered by src/index.ts run, as they would for a delivered webhook. `schedule` and
 * `workflow_dispatch` runs are the periodic sweep instead (src/action/sweep.ts).
 * Authenticated with the token input: an App installation token (actions/create-github-app-token),
 * so the app's pushes, labels and comments start other workflows as a webhook-driven app's would.
 */

/** Runner-triggered events that are the sweep rather than a webhook to handle. */
export const SWEEP_EVENTS: ReadonlySet<string> = new Set(["schedule", "workflow_dispatch"]);

/** Actions event names that differ from the webhook's (same payload shape). */
const WEBHOOK_NAME: Readonly<Record<string, string>> = { pull_request_target: "pull_request" };

const payloadSchema = z.looseObject({ repository: z.looseObject({}).optional() });

export interface AppModeIo {
  env: Readonly<Record<string, string | undefined>>;
  stderr: (line: string) => void;
}

/**
 * Runs the handlers for this run's event (or the sweep).
 * @returns exit code: 0 handled (or nothing to handle), 1 a handler failed (the error is logged;
 *   the next sweep re-derives what it would have done), 2 bad runner environment (message on stderr).
 */
export async function runAppMode(inputs: ActionInputs, io: AppModeIo): Promise<number> {
  const { env } = io;
  const [owner, repo, ...rest] = (env.GITHUB_REPOSITORY ?? "").split("/");
  if (!owner || !repo || rest.length > 0) return fail(io, `GITHUB_REPOSITORY must be owner/repo, got "${env.GITHUB_REPOSITORY ?? ""}"`);
  const eventName = env.GITHUB_EVENT_NAME;
  if (!eventName) return fail(io, "GITHUB_EVENT_NAME is not set (mode app runs inside a workflow run)");

  const probot = new Probot({
    githubToken: inputs["github-token"],
    baseUrl: (env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, ""),
    logLevel: inputs["log-level"],
    Octokit: octokitFor(env),
  });
  const options: AppOptions = inputs["app-slug"] ? { appSlug: inputs["app-slug"] } : {};
  // One event per process: the server's interval sweep has no place here (`schedule` runs it).
  process.env.ORCHESTRATOR_PERIODIC = "off";
  await probot.load(createApp(options));

  try {
    if (SWEEP_EVENTS.has(eventName)) {
      await sweepRepository(probot, { owner, repo }, options);
      probot.log.info({ event: eventName, repository: `${owner}/${repo}` }, "sweep done");
      return 0;
    }
    const payload = await readPayload(env.GITHUB_EVENT_PATH);
    if (typeof payload === "string") return fail(io, payload);
    const name = WEBHOOK_NAME[eventName] ?? eventName;
    const id = `${env.GITHUB_RUN_ID ?? "local"}.${env.GITHUB_RUN_ATTEMPT ?? "1"}`;
    await probot.receive({ id, name, payload } as unknown as Parameters<Probot["receive"]>[0]);
    probot.log.info({ event: name, action: (payload as { action?: string }).action, id }, "event handled");
    return 0;
  } catch (error) {
    // Probot's receive rejects with an AggregateError of the failed handlers; each is logged.
    const errors = error instanceof AggregateError ? error.errors : [error];
    for (const err of errors) probot.log.error({ err }, `handling ${eventName} failed`);
    io.stderr(`orchestrator: handling ${eventName} failed: ${errors.map((e) => (e instanceof Error ? e.message : String(e))).join("; ")}`);
    return 1;
  }
}

function fail(io: AppModeIo, message: string): number {
  io.stderr(`orchestrator: ${message}`);
  return 2;
}

/** The event's webhook payload from GITHUB_EVENT_PATH, or the problem with it. */
async function readPayload(file: string | undefined): Promise<Record<string, unknown> | string> {
  if (!file) return "GITHUB_EVENT_PATH is not set";
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    return `cannot read the event payload ${file}: ${(error as Error).message}`;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `the event payload ${file} is not JSON: ${(error as Error).message}`;
  }
  const parsed = payloadSchema.safeParse(json);
  return parsed.success ? parsed.data : `the event payload ${file} is not a webhook payload (a JSON object)`;
}

/**
 * Probot's Octokit, with throttling and retries as on a server, except where
 * ORCHESTRATOR_THROTTLE=off (a GitHub Enterprise Server without secondary rate limits, or the
 * local stand-in of the tests): GitHub asks integrations to space writes one second apart.
 * Source: https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api
 */
function octokitFor(env: Readonly<Record<string, string | undefined>>): typeof ProbotOctokit {
  const flag = env.ORCHESTRATOR_THROTTLE?.toLowerCase();
  // The server's failure policy (src/github/octokit-client.ts) unless a test turns pacing off.
  if (flag !== "off" && flag !== "0" && flag !== "false") return ResilientOctokit;
  return ResilientOctokit.defaults((instance: Record<string, unknown>) => ({
    ...instance,
    retry: { enabled: false },
    throttle: { ...(instance.throttle as object | undefined), enabled: false },
  }));
}
