import { loadConfigAt } from "../config/load.js";
import { renderConfigProblems } from "../config/parse.js";
import type { OrchestratorConfig } from "../config/schema.js";
import { configProblemCheck } from "../domain/config-check.js";
import { ownership, type Ownership } from "../domain/item/ownership.js";
import { labelCatalog, statusLabel } from "../domain/labels.js";
import { gateWindowStart } from "../domain/budget-check.js";
import { createOctokitPort, type Octokit } from "../github/octokit-port.js";
import { passReads } from "../github/pass-reads.js";
import { workItemReads } from "../github/work-item-reads.js";
import type { Status } from "../config/schema.js";
import { itemWrites, type ItemWrites } from "./item-writes.js";
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
  /** The pass's port: reads see the staged item writes, other writes send them first. */
  port: GitHubPort;
  /** The work-item writes of this pass, staged and coalesced (item-writes.ts). */
  items: ItemWrites;
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
  /**
   * The issue or pull request the event is about, when one: the pass's view of the work items
   * reads it as its thread (work-item-reads.ts), with its pull request fields or the pull requests
   * that close it, so the pass's first read of that pull request is no request of its own.
   */
  thread?: number;
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
  // The default branch's head: the key of the cached configuration, instead of the file read (and
  // the org `.github` fallback) on every event. See knownHead.
  // Keyed by the API's address too: GitHub.com and a GHES host (or two local stand-ins) are different.
  const headSha = await knownHead(port, headKey(source.octokit, repo), source.defaultBranchHead, Date.now());
  const result = await loadConfigAt(source, `${repo.owner}/${repo.repo}`, headSha);
  if (!result.ok) {
    log.warn({ repo, problems: result.problems }, "invalid orchestrator configuration");
    await reportConfigProblems(port, target, renderConfigProblems(result.problems));
    return null;
  }
  const catalog = labelCatalog(result.config);
  const now = options.now ?? (() => new Date().toISOString());
  const config = result.config;
  // The dispatch gate's window (scheduler.ts) is read with the view, so a dispatch lists nothing more.
  const since = () => gateWindowStart(Date.parse(now()), config.breaker.cooldown_minutes);
  // The view's thread pull request is compared with the default branch when the event names it.
  const viewOptions = { since, ...(source.thread !== undefined ? { thread: source.thread } : {}), ...(source.defaultBranch !== undefined ? { compareWith: source.defaultBranch } : {}) };
  const items = itemWrites(workItemReads(port, listedLabels(config), viewOptions), catalog, now);
  return { port: items.port, items, config: result.config, catalog, log, ours: ownership(options.appSlug), now };
}

/**
 * The labels the app lists work items by, one label per listing (scheduler, merge queue, waiting
 * dependents, epics): what a pass's view of the work items reads at once (work-item-reads.ts).
 */
function listedLabels(config: OrchestratorConfig): string[] {
  const statuses: Status[] = ["ready", "in-progress", "waiting", "in-review", "approved", "merging"];
  return [...statuses.map((s) => statusLabel(s, config)), config.labels.tracks.project];
}

/** How long a default-branch head learned from a push or a read is trusted without a new read, ms. */
export const HEAD_TTL_MS = 5 * 60_000;
/** Repositories whose default-branch head is remembered, at most (least recently used dropped). */
const HEADS_LIMIT = 1000;
const heads = new Map<string, { sha: string; at: number }>();

/**
 * The default branch's head for the configuration cache (request budget, issue #9): a push to the
 * default branch names it (and is remembered); otherwise the head remembered from a push or a read
 * within {@link HEAD_TTL_MS}; otherwise one ref read. So a configuration change takes effect at
 * once on the process that receives its push, and within HEAD_TTL_MS everywhere else (another
 * replica, or a push whose webhook was lost).
 *
 * @param repoKey {@link headKey}.
 * @param pushed the head a push event to the default branch carries, if this event is one.
 * @param now epoch ms (the machine's clock: this is a cache, not a rule of the lifecycle).
 */
/** The key of a repository's remembered head: the API's address (GitHub.com, a GHES host, a local stand-in) and `owner/repo`. */
function headKey(octokit: Octokit, repo: RepoRef): string {
  return `${String(octokit.request.endpoint.DEFAULTS.baseUrl ?? "")} ${repo.owner}/${repo.repo}`.toLowerCase();
}

/**
 * Remembers the default branch's head a push event names, also when the push needs no pass (the
 * app's own merges), so the next event reads the configuration at the right commit without a request.
 */
export function rememberPushedHead(octokit: Octokit, repo: RepoRef, sha: string, now: number = Date.now()): void {
  remember(headKey(octokit, repo), sha, now);
}

/**
 * Forgets every remembered default-branch head. For a process that serves one repository address
 * from several GitHub instances in turn (the tests: a stand-in may listen on a port an earlier one
 * used), where a head remembered from the earlier one would key the configuration of the next.
 */
export function forgetHeads(): void {
  heads.clear();
}

function remember(key: string, sha: string, now: number): void {
  heads.delete(key);
  heads.set(key, { sha, at: now });
  if (heads.size > HEADS_LIMIT) heads.delete(heads.keys().next().value!);
}

async function knownHead(port: GitHubPort, repoKey: string, pushed: string | undefined, now: number): Promise<string | null> {
  const remembered = heads.get(repoKey);
  let sha: string | null;
  if (pushed !== undefined) sha = pushed;
  else if (remembered && now - remembered.at < HEAD_TTL_MS) return remembered.sha;
  else sha = await defaultBranchHead(port);
  if (sha === null) heads.delete(repoKey);
  else remember(repoKey, sha, now);
  return sha;
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
export async function defaultBranchHead(port: GitHubPort): Promise<string | null> {
  return port.getBranchSha(await port.getDefaultBranch());
}
