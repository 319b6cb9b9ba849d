import { parseYamlBounded } from "../config/bounded-yaml.js";
import type { ItemState } from "./item-state.js";

/**
 * The checks grace (issue #11 "Tokens"): pushes made with Actions' `GITHUB_TOKEN` start no workflow
 * (GitHub's rule against recursive runs: "events triggered by the GITHUB_TOKEN ... will not create a
 * new workflow run", docs.github.com/actions/security-for-github-actions/security-guides/
 * automatic-token-authentication). A worker that pushes with it gets a pull request with no check
 * at all, and the review and the merge queue would wait silently forever. So when no check run or
 * commit status (other than this app's own) has reported on a worker pull request's head within
 * `review.checks_grace_minutes`, while the repository has workflows triggered by pull requests,
 * the app says so once, with the fix, on the pull request and in the item's status comment; the
 * status line goes away when a check arrives. Pure: the app reads the checks and the workflow
 * files, this module decides.
 */

/** The events that run a workflow for a pull request's head. */
const PULL_REQUEST_EVENTS: readonly string[] = ["pull_request", "pull_request_target"];

/** The grace's record on the item (`state.checksWait`). */
export type ChecksWait = NonNullable<ItemState["checksWait"]>;

/**
 * Whether a workflow file's `on:` names `pull_request` or `pull_request_target`, in any of its
 * forms (`on: pull_request`, `on: [push, pull_request]`, `on: { pull_request: {...} }`). The text
 * is parsed like a configuration file (size and alias limits, src/config/bounded-yaml.ts); a file
 * that does not parse, or has no `on:`, is one GitHub would not run either: false.
 */
export function triggersOnPullRequests(workflowText: string): boolean {
  const parsed = parseYamlBounded(workflowText);
  if (!parsed.ok || typeof parsed.value !== "object" || parsed.value === null || Array.isArray(parsed.value)) return false;
  const doc = parsed.value as Record<string, unknown>;
  // YAML 1.1 readers turn the key `on` into `true`; the yaml package (YAML 1.2) keeps "on".
  const on = doc.on ?? doc.true;
  const events = typeof on === "string" ? [on] : Array.isArray(on) ? on : typeof on === "object" && on !== null ? Object.keys(on) : [];
  return events.some((e) => typeof e === "string" && PULL_REQUEST_EVENTS.includes(e));
}

/** What {@link checksGraceStep} needs: the head, the clock, the grace and the checks seen on it. */
export interface ChecksGraceInput {
  headSha: string;
  /** Current time, ISO 8601. */
  now: string;
  /** `review.checks_grace_minutes`; 0 turns the grace off. */
  graceMinutes: number;
  /** Check runs and commit statuses on the head, this app's own excluded. */
  checkCount: number;
  /** What the item records (`state.checksWait`). */
  wait: ChecksWait | undefined;
}

/**
 * The next step of the grace:
 * - `record`: store `wait` (a head seen with no check starts its grace now; a check clears it:
 *   `wait` undefined); the status line, if any, follows the stored value;
 * - `due`: the grace ran out with no check and nothing said yet: the app reads the workflow files
 *   and stores {@link graceOutcome} of them (saying so on the pull request first when noticed);
 * - `keep`: nothing changes.
 */
export type ChecksGraceStep = { kind: "keep" } | { kind: "record"; wait: ChecksWait | undefined } | { kind: "due"; wait: ChecksWait };

/** Decides the grace of a worker pull request's head (see the module comment). Pure. */
export function checksGraceStep(input: ChecksGraceInput): ChecksGraceStep {
  const { wait } = input;
  if (input.checkCount > 0 || input.graceMinutes <= 0) return wait === undefined ? { kind: "keep" } : { kind: "record", wait: undefined };
  if (wait?.headSha !== input.headSha) return { kind: "record", wait: { headSha: input.headSha, since: input.now } };
  if (wait.outcome !== undefined) return { kind: "keep" };
  const elapsed = Date.parse(input.now) - Date.parse(wait.since);
  return elapsed >= input.graceMinutes * 60_000 ? { kind: "due", wait } : { kind: "keep" };
}

/** The record once the grace ran out: noticed when any workflow runs on pull requests. */
export function graceOutcome(wait: ChecksWait, pullRequestWorkflows: readonly string[]): ChecksWait {
  return { ...wait, outcome: pullRequestWorkflows.length > 0 ? "noticed" : "no-pull-request-workflows" };
}

const FIX =
  "Push with a GitHub App installation token instead: create one in the worker job with " +
  "[`actions/create-github-app-token`](https://github.com/actions/create-github-app-token) and give it to the " +
  "worker (see docs/install.md, \"Tokens\"); pushes made with `GITHUB_TOKEN` start no workflow.";

/**
 * The pull request comment (its first line is `marker`): which head has no check, for how long,
 * which workflows would have run, and the fix. `workflows` are paths under `.github/workflows/`.
 */
export function checksMissingComment(marker: string, input: { headSha: string; graceMinutes: number; workflows: readonly string[] }): string {
  const names = input.workflows.slice(0, 10).map((w) => `\`${w}\``);
  const more = input.workflows.length > names.length ? ` and ${input.workflows.length - names.length} more` : "";
  return [
    marker,
    "### No checks on this pull request",
    "",
    `No check run or commit status has reported on the head commit ${input.headSha.slice(0, 7)} within ${input.graceMinutes} minute(s) (\`review.checks_grace_minutes\`), although this repository has workflows that run on pull requests (${names.join(", ")}${more}). The review and the merge queue wait for checks, so this pull request would wait forever.`,
    "",
    `**Likely cause:** the worker pushed with Actions' \`GITHUB_TOKEN\`. ${FIX}`,
    "",
    "The item's status comment says so until a check reports on the head.",
  ].join("\n");
}

/**
 * The status comment's line while the notice holds for the recorded pull request's head, else
 * null (no notice, a check arrived, or the head moved on).
 */
export function checksMissingLine(state: ItemState): string | null {
  const wait = state.checksWait;
  if (wait?.outcome !== "noticed" || state.pr?.headSha !== wait.headSha || state.status === "done") return null;
  return `**No checks:** nothing has reported on ${wait.headSha.slice(0, 7)}, the head of #${state.pr.number}, although workflows run on pull requests. ${FIX}`;
}
