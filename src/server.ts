/**
 * The server's entry (`npm start`: `node lib/server.js`; the Docker image runs it): the startup
 * checks of src/startup/checks.ts, one line per problem, then Probot's server with the app
 * (src/index.ts), reading the same environment (APP_ID, PRIVATE_KEY / PRIVATE_KEY_PATH,
 * WEBHOOK_SECRET, WEBHOOK_PROXY_URL, GHE_HOST, PORT, LOG_LEVEL, REDIS_URL, ...). Without APP_ID and
 * a key, Probot serves its setup page, which registers the App from app.yml. The app's Octokit is
 * ours (src/github/octokit-client.ts): it retries GitHub's rate limits and 5xx as GitHub documents,
 * where Probot's default Octokit (`probot run`) gives up on secondary limits.
 */
import { run } from "probot";
import { ResilientOctokit } from "./github/octokit-client.js";
import { createApp } from "./index.js";
import { checkEnvironment, checkGitHub } from "./startup/checks.js";

/** Loads .env as Probot's `run` does (it writes one on first-run setup), so the checks see it too. */
function loadDotEnv(): void {
  try {
    process.loadEnvFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

async function start(): Promise<void> {
  loadDotEnv();
  const local = checkEnvironment(process.env, process.cwd());
  const remote = local.credentials ? await checkGitHub(local.credentials) : { errors: [], warnings: [] };
  for (const line of [...local.warnings, ...remote.warnings]) process.stderr.write(`orchestrator: warning: ${line}\n`);
  const errors = [...local.errors, ...remote.errors];
  if (errors.length > 0) {
    for (const line of errors) process.stderr.write(`orchestrator: ${line}\n`);
    process.exitCode = 1;
    return;
  }
  await run(createApp(), { Octokit: ResilientOctokit });
}

start().catch((error: unknown) => {
  process.stderr.write(`orchestrator: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
