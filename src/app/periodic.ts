import type { Probot } from "probot";
import type { Octokit } from "../github/octokit-port.js";
import { sweepRepository } from "./sweep.js";
import { inRepository, type AppOptions } from "./route.js";
import type { Log, SessionSource } from "./session.js";

/**
 * The periodic sweep (issue #6 "Triggers": a periodic re-evaluation for missed events; issue #9
 * item 2: crash-only). A timer ticks every `tickMs`; on each tick every repository of every
 * installation whose `merge.reevaluate_minutes` has elapsed since its last sweep is swept (every
 * open item reconciled from GitHub, then the merge queue and the scheduler; see sweep.ts), inside
 * the same per-repository lock as webhook handlers. Nothing is remembered but the last tick per
 * repository, so a restart simply starts over.
 */

/** A running periodic re-evaluation. */
export interface PeriodicHandle {
  /** Stops the timer; an evaluation already running finishes. */
  stop(): void;
}

export interface PeriodicOptions extends AppOptions {
  /** Timer period, milliseconds (default one minute); each repository is due per its config. */
  tickMs?: number;
}

type Clock = () => number;

/**
 * Sweeps every repository the app is installed on, now, or only those due when
 * `due` is given (repository full name -> whether it should run, given its config minutes).
 * Failures of one repository are logged and do not stop the others. Resolves when all are done.
 */
export async function sweepAll(
  app: Probot,
  options: AppOptions = {},
  due?: (fullName: string, minutes: number) => boolean,
): Promise<void> {
  const appOctokit = (await app.auth()) as unknown as Octokit;
  const installations = await appOctokit.paginate(appOctokit.rest.apps.listInstallations, { per_page: 100 });
  for (const installation of installations) {
    const octokit = (await app.auth(installation.id)) as unknown as Octokit;
    const repos = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
    for (const repository of repos) {
      const owner = repository.owner.login;
      const repo = repository.name;
      const source: SessionSource = {
        octokit,
        repo: { owner, repo },
        log: app.log as unknown as Log,
        config: async (fileName) => (await octokit.config.get({ owner, repo, path: `.github/${fileName}` })).config,
      };
      try {
        await inRepository(source, { kind: "none" }, options, async (session) => {
          if (due && !due(repository.full_name.toLowerCase(), session.config.merge.reevaluate_minutes)) return;
          await sweepRepository(session);
        });
      } catch (error) {
        app.log.warn({ repository: repository.full_name, err: error }, "periodic sweep failed");
      }
    }
  }
}

/**
 * Starts the periodic re-evaluation: an unref'd interval timer (it never keeps the process
 * alive), ticks never overlapping. Returns a handle to stop it.
 */
export function startPeriodicEvaluation(app: Probot, options: PeriodicOptions = {}, clock: Clock = Date.now): PeriodicHandle {
  const last = new Map<string, number>();
  let running = false;
  const due = (fullName: string, minutes: number): boolean => {
    const now = clock();
    const previous = last.get(fullName);
    if (previous !== undefined && now - previous < minutes * 60_000) return false;
    last.set(fullName, now);
    return true;
  };
  const tick = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      await sweepAll(app, options, due);
    } catch (error) {
      app.log.warn({ err: error }, "periodic sweep failed");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.tickMs ?? 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** Starts the periodic sweep for the app when {@link periodicEnabled} (it never keeps the process alive). */
export function startSweeps(app: Probot, options: AppOptions): void {
  if (periodicEnabled()) startPeriodicEvaluation(app, options);
}

/**
 * Whether the app starts the periodic re-evaluation: on, unless `ORCHESTRATOR_PERIODIC` is `0`,
 * `off` or `false`, or the process runs tests (`NODE_ENV=test` or under Vitest), where timers
 * would make runs depend on time; tests call {@link sweepAll} directly instead.
 */
export function periodicEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const flag = env.ORCHESTRATOR_PERIODIC?.toLowerCase();
  if (flag === "0" || flag === "off" || flag === "false") return false;
  if (flag === "1" || flag === "on" || flag === "true") return true;
  return env.NODE_ENV !== "test" && env.VITEST === undefined;
}
