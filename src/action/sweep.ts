import type { Probot } from "probot";
import { configReaderFor } from "../config/load.js";
import type { Octokit } from "../github/octokit-port.js";
import { sweepRepository as sweepSession } from "../app/sweep.js";
import { inRepository, type AppOptions } from "../app/route.js";
import type { Log, SessionSource } from "../app/session.js";

/**
 * The periodic sweep of one repository in Actions mode (the `schedule` trigger of
 * .github/workflows/orchestrator.yml, or a manual `workflow_dispatch`): what a missed or cancelled
 * event would have changed is re-derived from GitHub. This is the ONE place the Action calls the
 * app's sweep: the reconciler over every open item and the merge queue (src/app/sweep.ts), for the
 * one repository the workflow runs in (src/app/periodic.ts `sweepAll` lists installations and so
 * needs the App's own key, where the Action only holds an installation token).
 *
 * @param probot a Probot authenticated with the installation token (`githubToken`).
 * @param repo the repository the workflow runs in.
 * @throws what GitHub throws (5xx, network): the run fails and the next schedule retries.
 */
export async function sweepRepository(probot: Probot, repo: { owner: string; repo: string }, options: AppOptions): Promise<void> {
  const octokit = (await probot.auth()) as unknown as Octokit;
  const source: SessionSource = {
    octokit,
    repo,
    log: probot.log as unknown as Log,
    config: configReaderFor(octokit, repo.owner, repo.repo),
  };
  await inRepository(source, { kind: "none" }, options, sweepSession);
}
