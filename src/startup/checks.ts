import { createPrivateKey } from "node:crypto";
import { getPrivateKey } from "@probot/get-private-key";
import { Probot, ProbotOctokit } from "probot";
import { configReaderFor, loadConfig } from "../config/load.js";
import { defaultConfig } from "../config/schema.js";
import type { Octokit } from "../github/octokit-port.js";

/**
 * Checks made when the server starts (`npm start`, src/server.ts), so that a setup mistake is one
 * clear line instead of an HTTP 500 per webhook, a raw stack, or a silent setup page:
 * - the environment Probot reads (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, read exactly as Probot
 *   reads them with @probot/get-private-key): a malformed or truncated key, a non-numeric APP_ID,
 *   APP_ID without a key or a key without APP_ID;
 * - GitHub itself, with the App's JWT (`GET /app`): 401 (id and key do not belong together, or the
 *   key was revoked), 404 (no such App there: wrong id or GHE_HOST), GitHub unreachable;
 * - each installed repository (up to {@link MAX_REPOSITORIES}) has its worker workflow file.
 * Errors stop the start; warnings (a repository without its workflow) are printed and the app runs.
 */

export interface StartupReport {
  errors: string[];
  warnings: string[];
}

/** Repositories whose worker workflow is checked at start, at most (the scheduler reports the rest per item). */
export const MAX_REPOSITORIES = 30;

export interface AppCredentials {
  appId: number;
  privateKey: string;
  /** REST base URL: https://api.github.com, or `${GHE_PROTOCOL}://${GHE_HOST}/api/v3`. */
  baseUrl: string;
}

/**
 * Checks the environment. `credentials` is null when neither APP_ID nor a key is set (Probot's
 * first-run setup page registers the App from app.yml) or when an error was found.
 */
export function checkEnvironment(env: Readonly<Record<string, string | undefined>>, cwd: string): StartupReport & { credentials: AppCredentials | null } {
  const errors: string[] = [];
  const rawId = env.APP_ID?.trim() ?? "";
  let key: string | null = null;
  try {
    key = getPrivateKey({ env: { ...env }, cwd });
  } catch (error) {
    errors.push(`${(error as Error).message.replace("[@probot/get-private-key] ", "")} (PRIVATE_KEY must hold the whole .pem file, BEGIN and END lines included; or set PRIVATE_KEY_PATH)`);
  }
  if (key !== null) {
    try {
      createPrivateKey(key);
    } catch (error) {
      errors.push(`the App's private key is malformed (${(error as Error).message}): it is probably truncated; paste the whole .pem file into PRIVATE_KEY, or set PRIVATE_KEY_PATH to the downloaded file`);
    }
  }
  if (rawId !== "" && !/^[1-9]\d*$/.test(rawId)) errors.push(`APP_ID must be the App's numeric id (App settings > General > App ID), got "${rawId}"`);
  if (rawId !== "" && key === null && errors.length === 0) errors.push("APP_ID is set but no private key: set PRIVATE_KEY (the .pem contents) or PRIVATE_KEY_PATH (its file)");
  if (rawId === "" && key !== null && errors.length === 0) errors.push("a private key is set but APP_ID is not: set APP_ID to the App's numeric id");
  const baseUrl = env.GHE_HOST ? `${env.GHE_PROTOCOL || "https"}://${env.GHE_HOST}/api/v3` : "https://api.github.com";
  const credentials = errors.length === 0 && rawId !== "" && key !== null ? { appId: Number(rawId), privateKey: key, baseUrl } : null;
  return { errors, warnings: [], credentials };
}

function status(error: unknown): number | undefined {
  return typeof (error as { status?: unknown }).status === "number" ? (error as { status: number }).status : undefined;
}

/**
 * Checks the credentials against GitHub and each installed repository's worker workflow.
 * @param Octokit the Octokit class (tests pass one without retries); default Probot's.
 * Never throws: every failure is a line of the report.
 */
export async function checkGitHub(credentials: AppCredentials, Octokit: typeof ProbotOctokit = ProbotOctokit): Promise<StartupReport> {
  const { appId, privateKey, baseUrl } = credentials;
  const probot = new Probot({ appId, privateKey, baseUrl, Octokit, logLevel: "fatal" });
  const errors: string[] = [];
  const warnings: string[] = [];
  let installations: Array<{ id: number }>;
  try {
    const app = (await probot.auth()) as unknown as Octokit;
    await app.request("GET /app");
    installations = await app.paginate(app.rest.apps.listInstallations, { per_page: 100 });
  } catch (error) {
    const code = status(error);
    if (code === 401) errors.push(`GitHub answered 401 to the App's JWT (GET /app): APP_ID ${appId} and the private key do not belong together, or the key was revoked; generate a new key in the App's settings`);
    else if (code === 404) errors.push(`GitHub answered 404 to GET /app: no App with id ${appId} at ${baseUrl} (check APP_ID, and GHE_HOST for GitHub Enterprise Server)`);
    else errors.push(`cannot check the App with GitHub at ${baseUrl}: ${(error as Error).message}`);
    return { errors, warnings };
  }
  let checked = 0;
  for (const installation of installations) {
    try {
      const octokit = (await probot.auth(installation.id)) as unknown as Octokit;
      const repos = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
      for (const repository of repos) {
        if (checked++ >= MAX_REPOSITORIES) return { errors, warnings };
        const owner = repository.owner.login;
        const repo = repository.name;
        const loaded = await loadConfig({ config: configReaderFor(octokit, owner, repo) });
        const workflow = loaded.ok ? loaded.config.worker.workflow : defaultConfig().worker.workflow;
        const path = `.github/workflows/${workflow}`;
        try {
          await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { owner, repo, path });
        } catch (error) {
          if (status(error) !== 404) throw error;
          warnings.push(`${owner}/${repo}: ${path} is missing, so no work item can be dispatched there; copy .github/workflows/orchestrator-worker.yml from this project (docs/install.md)`);
        }
      }
    } catch (error) {
      warnings.push(`installation ${installation.id}: cannot check its repositories: ${(error as Error).message}`);
    }
  }
  return { errors, warnings };
}
