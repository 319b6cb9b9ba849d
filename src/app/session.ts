import { loadConfigAt } from "../config/load.js";
import { renderConfigProblems } from "../config/parse.js";
import type { OrchestratorConfig } from "../config/schema.js";
import { configProblemCheck } from "../domain/config-check.js";
import { ownership, type Ownership } from "../domain/item/ownership.js";
import { labelCatalog } from "../domain/labels.js";
import { createOctokitPort, type Octokit } from "../github/octokit-port.js";
import { passReads } from "../github/pass-reads.js";
import type { GitHubPort, LabelSpec, RepoRef } from "../github/port.js";
import { CONFIG_ERROR_MARKER } from "../domain/item/markers.js";

/** Minimal structured logger: a fixed message plus a metadata object (pino's shape). */
export interface Log {
  info(meta: object, message: string): void;
  warn(meta: object, message: string): void;
  error(meta: object, message: string): void;
  debug(meta: object, message: string): void;
}

/**
 * Everything a handler needs for one repository and one event: the port, the validated config,
 * the label catalog, a logger and the clock. Handlers receive a session and never touch Probot
 * or Octokit directly.
 */
export interface RepoSession {
  port: GitHubPort;
  config: OrchestratorConfig;
  catalog: LabelSpec[];
  log: Log;
  /** The one "is this ours" answer (actor, check run, check suite) for this app. */
  ours: Ownership;
  /** Current time, ISO 8601. */
  now(): string;
}


/**
 * Where a session comes from: an authenticated Octokit for one repository, a logger, and
 * Probot's config reader (`context.config`: default branch, org `.github` fallback, `_extends`).
 */
export interface SessionSource {
  octokit: Octokit;
  repo: RepoRef;
  log: Log;
  config(fileName: string): Promise<unknown>;
  /** The default branch's head sha when the event carries it (a push to it); else read. */
  defaultBranchHead?: string;
  /** The default branch's name when the event carries it (saves reading the repository). */
  defaultBranch?: string;
}

/**
 * Where to report a broken configuration for this event: a comment on the triggering issue, a
 * check run on a commit, a check run on the default branch's head (events about the repository as
 * a whole, such as the installation, where no issue triggered anything), or nowhere.
 */
export type ConfigReportTarget =
  | { kind: "issue"; number: number }
  | { kind: "commit"; sha: string }
  | { kind: "default-branch" }
  | { kind: "none" };

/**
 * Opens a session for the event's repository: loads and validates `.github/orchestrator.yml`.
 * A broken file is reported once (an upserted comment on the triggering issue, or a check run
 * `orchestrator/config` on the commit) and `null` is returned: the caller then does nothing else
 * for this repository. Never throws for a broken file.
 */
export async function openSession(
  source: SessionSource,
  target: ConfigReportTarget,
  options: { appSlug?: string; now?: () => string } = {},
): Promise<RepoSession | null> {
  const { repo, log } = source;
  const port = passReads(createOctokitPort(source.octokit, repo, options.appSlug ? { appSlug: options.appSlug } : {}), source.defaultBranch ? { defaultBranch: source.defaultBranch } : {});
  // The default branch's head: the key of the cached configuration (one ref read, or none when the
  // event carries it), instead of the file read (and the org `.github` fallback) on every event.
  const headSha = source.defaultBranchHead ?? (await port.getBranchSha(await port.getDefaultBranch()));
  const result = await loadConfigAt(source, `${repo.owner}/${repo.repo}`, headSha);
  if (!result.ok) {
    log.warn({ repo, problems: result.problems }, "invalid orchestrator configuration");
    await reportConfigProblems(port, target, renderConfigProblems(result.problems));
    return null;
  }
  return {
    port,
    config: result.config,
    catalog: labelCatalog(result.config),
    log,
    ours: ownership(options.appSlug),
    now: options.now ?? (() => new Date().toISOString()),
  };
}

async function reportConfigProblems(port: GitHubPort, target: ConfigReportTarget, markdown: string): Promise<void> {
  if (target.kind === "issue") {
    await port.upsertComment(target.number, CONFIG_ERROR_MARKER, `${CONFIG_ERROR_MARKER}\n${markdown}`);
    return;
  }
  const sha = target.kind === "commit" ? target.sha : target.kind === "default-branch" ? await defaultBranchHead(port) : null;
  if (sha) {
    await port.upsertCheckRun(configProblemCheck(sha, markdown));
  }
}

/** The commit at the head of the default branch (where the configuration was read), or null. */
async function defaultBranchHead(port: GitHubPort): Promise<string | null> {
  return port.getBranchSha(await port.getDefaultBranch());
}
