/**
 * The long-lived server entry (`npm start`): Probot's `run` with our app and our Octokit, whose
 * failure policy retries GitHub's rate limits and 5xx as GitHub documents (src/github/octokit-client.ts).
 * `probot run ./lib/index.js` would use Probot's default Octokit, which gives up on secondary limits.
 * Environment as for `probot run` (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, REDIS_URL, ...).
 */
import { run } from "probot";
import { ResilientOctokit } from "./github/octokit-client.js";
import { createApp } from "./index.js";

await run(createApp(), { Octokit: ResilientOctokit });
