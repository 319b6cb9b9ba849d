import { readFile } from "node:fs/promises";
import path from "node:path";
import { configShapeProblem, parseYamlBounded } from "./bounded-yaml.js";
import { CONFIG_FILE_NAME, parseConfig, type ConfigResult } from "./parse.js";

/** A configuration file that exists but cannot be used (bad YAML, over a bound): a broken configuration. */
export class ConfigFileError extends Error {}

/** Where {@link loadConfig} reads `.github/<fileName>`: Probot's `context.config`, or {@link checkoutConfigSource}. */
export interface ConfigSource {
  /** The parsed file (`_extends` resolved), `null` when there is none; throws for a broken file. */
  config(fileName: string): Promise<unknown>;
}

/**
 * Reads `.github/orchestrator.yml` the way Probot does (`context.config`): from the repository's
 * default branch only (so a pull request cannot change the rules), falling back to the org's
 * `.github` repository, following `_extends`. Then validates it with zod.
 *
 * Never throws for a broken file: bad YAML, a file that is not a mapping, a recursive `_extends`
 * a file over the size, depth or alias bounds (bounded-yaml.ts)
 * or a schema violation all come back as `ok: false` with problems naming the key (or the line
 * for YAML syntax). Network errors other than 404 do propagate (the event is then retried).
 */
export async function loadConfig(context: ConfigSource): Promise<ConfigResult> {
  let raw: unknown;
  try {
    raw = await context.config(CONFIG_FILE_NAME);
  } catch (error) {
    // A self-referring alias parses to a circular value; merging it overflows the stack.
    if (error instanceof RangeError) return { ok: false, problems: [{ key: "(file)", message: `the configuration cannot be read: ${error.message} (a YAML alias inside its own anchor?)` }] };
    if (error instanceof ConfigFileError) return { ok: false, problems: [{ key: "(file)", message: error.message }] };
    if (!isConfigFileError(error)) throw error;
    return { ok: false, problems: [{ key: "(file)", message: describeFileError(error) }] };
  }
  // Size, depth and self-reference bounds (issue #10) before anything walks the value.
  const shape = configShapeProblem(raw);
  if (shape) return { ok: false, problems: [{ key: "(file)", message: shape }] };
  return parseConfig(raw);
}

function isConfigFileError(error: unknown): error is Error {
  return error instanceof Error && error.message.includes("[@probot/octokit-plugin-config]");
}

/**
 * The plugin's message plus the YAML parser's own (which names line and column), without the API
 * URL the plugin quotes (an internal address that means nothing to the reader; the report already
 * names the file) and without the parser's trailing colon (it introduces a snippet we drop).
 */
function describeFileError(error: Error): string {
  const plain = error.message.replace("[@probot/octokit-plugin-config] ", "").replace(/ from \S+/, "");
  const cause = error.cause instanceof Error ? `: ${error.cause.message.split("\n")[0]!.replace(/:\s*$/, "")}` : "";
  return `${plain}${cause}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** deepmerge's default semantics: mappings merged key by key, lists concatenated, else the later wins. */
function mergeTwo(base: unknown, over: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(over)) return [...base, ...over];
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = key in base ? mergeTwo(base[key], value) : value;
  return out;
}

/**
 * Merges the files of one configuration lookup (the `_extends` base first, the repository's file
 * last) exactly as Probot's `context.config` does (`deepmerge.all`): nested mappings merge,
 * lists concatenate (so an org's `trust.approvers` and a repository's add up).
 */
export function mergeConfigFiles(configs: readonly unknown[]): Record<string, unknown> {
  return configs.reduce<Record<string, unknown>>((acc, next) => (isPlainObject(next) ? (mergeTwo(acc, next) as Record<string, unknown>) : acc), {});
}

/** The subset of Probot's Octokit used to read configuration (@probot/octokit-plugin-config). */
export interface ConfigOctokit {
  config: {
    get(params: {
      owner: string;
      repo: string;
      path: string;
      defaults?: (configs: Record<string, unknown>[]) => Record<string, unknown>;
    }): Promise<{ config: Record<string, unknown>; files: Array<{ config: Record<string, unknown> | null }> }>;
  };
}

/**
 * `context.config` for a repository named explicitly (installation events carry a list of
 * repositories, not one): the same plugin call, the same deep merge, and `null` when no file
 * exists anywhere. Keeps both paths to the configuration identical.
 */
export function configReaderFor(octokit: ConfigOctokit, owner: string, repo: string): (fileName: string) => Promise<unknown> {
  return async (fileName) => {
    const { config, files } = await octokit.config.get({
      owner,
      repo,
      path: `.github/${fileName}`,
      defaults: (configs) => mergeConfigFiles(configs),
    });
    return files.some((file) => file.config !== null) ? config : null;
  };
}

/**
 * The configuration source of the worker and the reviewer, which run in a checkout of the default
 * branch: `.github/<fileName>` read from disk (no request), parsed within the bounds of
 * bounded-yaml.ts. A file with `_extends` is read through `remote` instead (the app's own reader,
 * {@link configReaderFor}), so the worker sees exactly the configuration the app sees; without
 * `remote` such a file is a broken configuration that says why. Used with {@link loadConfig}, the
 * app's loader, so both judge a file the same way.
 *
 * @param workspace the checkout's root directory.
 * @param remote the API reader for the same repository, when the caller has an Octokit.
 */
export function checkoutConfigSource(workspace: string, remote?: (fileName: string) => Promise<unknown>): ConfigSource {
  return {
    async config(fileName) {
      let text: string;
      try {
        text = await readFile(path.join(workspace, ".github", fileName), "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return remote ? remote(fileName) : null;
        throw error;
      }
      const bounded = parseYamlBounded(text);
      if (!bounded.ok) throw new ConfigFileError(bounded.problem);
      const value = bounded.value ?? null;
      if (typeof value === "object" && value !== null && "_extends" in value) {
        if (remote) return remote(fileName);
        throw new ConfigFileError("`_extends` can only be followed with the GitHub API, which this run has no client for");
      }
      return value;
    },
  };
}

/** A configuration as read for one default-branch head. */
interface CachedConfig {
  sha: string;
  result: ConfigResult;
}

/** Repositories whose configuration is cached, at most (least recently used dropped first). */
const CACHE_LIMIT = 1000;
const cache = new Map<string, CachedConfig>();

/**
 * The one configuration loader of the app (DESIGN.md "One pass per event": config cached by the
 * default branch's head sha). The file is read only from the default branch (so a pull request
 * cannot change the rules), with the org `.github` fallback and `_extends` (see {@link loadConfig});
 * the result is kept per repository for the head sha it was read at. `headSha` is the default
 * branch's head now (null when unknown: the file is read and nothing is cached). A different sha
 * reads the file again; the same sha costs no request. Broken files are cached too (same commit,
 * same problems); network errors propagate and cache nothing.
 *
 * @param repoKey `owner/repo`, case-insensitive.
 */
export async function loadConfigAt(
  source: { config(fileName: string): Promise<unknown> },
  repoKey: string,
  headSha: string | null,
): Promise<ConfigResult> {
  const key = repoKey.toLowerCase();
  const hit = cache.get(key);
  if (headSha !== null && hit?.sha === headSha) {
    // Refresh its place: least recently used entries go first.
    cache.delete(key);
    cache.set(key, hit);
    return hit.result;
  }
  const result = await loadConfig(source);
  if (headSha === null) return result;
  cache.set(key, { sha: headSha, result });
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return result;
}
