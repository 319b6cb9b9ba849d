/**
 * The failure policy (src/github/retry-policy.ts, octokit-client.ts) and the port's exactly-once
 * writes (dispatch idempotency ref, a comment whose create answer was lost), against the stand-in
 * injecting GitHub's own failures: secondary and primary rate limits, 5xx, and writes whose answer
 * is lost. Two writers' marker comments: comments.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RETRY_POLICY, mayHaveApplied, shouldRetryRateLimit } from "../../src/github/retry-policy.js";
import { createOctokitPort } from "../../src/github/octokit-port.js";
import { harnessOctokit, TEST_RETRY_POLICY, writeFiles } from "../support/app-harness.js";
import { startStandIn, type FaultOptions, type StandIn } from "../support/standin/index.js";
import { WORKER_WORKFLOW, WORKER_WORKFLOW_FILE } from "../support/simulated-worker.js";

describe("shouldRetryRateLimit", () => {
  const policy = DEFAULT_RETRY_POLICY;
  it("retries rate limits after GitHub's wait, a bounded number of times per request", () => {
    expect(shouldRetryRateLimit("secondary", 60, 0, policy)).toBe(true);
    expect(shouldRetryRateLimit("primary", 30, policy.rateLimitRetries - 1, policy)).toBe(true);
    expect(shouldRetryRateLimit("secondary", 60, policy.rateLimitRetries, policy)).toBe(false);
    expect(shouldRetryRateLimit("primary", 30, policy.rateLimitRetries, policy)).toBe(false);
  });
  it("gives up when GitHub asks for a longer wait than the policy allows", () => {
    expect(shouldRetryRateLimit("secondary", policy.secondaryMaxWaitSeconds, 0, policy)).toBe(true);
    expect(shouldRetryRateLimit("secondary", policy.secondaryMaxWaitSeconds + 1, 0, policy)).toBe(false);
    expect(shouldRetryRateLimit("primary", policy.primaryMaxWaitSeconds, 0, policy)).toBe(true);
    expect(shouldRetryRateLimit("primary", policy.primaryMaxWaitSeconds + 1, 0, policy)).toBe(false);
    expect(shouldRetryRateLimit("primary", Number.NaN, 0, policy)).toBe(false);
  });
  it("treats no answer and 5xx as 'may have been applied', client errors as not", () => {
    expect(mayHaveApplied({ status: 500 })).toBe(true);
    expect(mayHaveApplied({ status: 502 })).toBe(true);
    expect(mayHaveApplied(new Error("socket hang up"))).toBe(true);
    expect(mayHaveApplied({ status: 403 })).toBe(false);
    expect(mayHaveApplied({ status: 422 })).toBe(false);
    // A GraphQL answer whose fields GitHub refused came back: nothing to look for.
    expect(mayHaveApplied({ errors: [{ type: "NOT_FOUND", path: ["p0"] }], data: { p0: null } })).toBe(false);
  });
});

describe("Octokit and the port under injected GitHub failures", { timeout: 120_000 }, () => {
  let gh: StandIn;
  const REPO = { owner: "acme", repo: "widgets" };
  const Octokit = harnessOctokit();
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const client = () => new Octokit({ auth: { token: gh.installationToken() }, baseUrl: gh.apiUrl, log: quiet });
  const port = () => createOctokitPort(client(), REPO);
  /** Requests of the code under test to routes matching `pattern` since the last reset. */
  const sent = (pattern: RegExp) => gh.requests.entries.filter((e) => pattern.test(e.route));
  const fail = (options: Omit<FaultOptions, "seed" | "rate"> & { rate?: number }) => {
    gh.requests.reset();
    gh.setFaults({ rate: 1, seed: 1, retryAfterSeconds: 60, resetInSeconds: 2, ...options });
  };

  beforeAll(async () => {
    gh = await startStandIn({
      owner: REPO.owner,
      repo: REPO.repo,
      seed: (dir) => writeFiles(dir, { "README.md": "# widgets\n", [`.github/workflows/${WORKER_WORKFLOW_FILE}`]: WORKER_WORKFLOW }),
      app: { id: 1, slug: "orchestrator", installationId: 7, webhookSecret: "s" },
      users: [{ login: "alice", permission: "admin" }],
      workflows: { [WORKER_WORKFLOW_FILE]: async () => ({ exitCode: 0 }) },
    });
    await gh.as("alice").openIssue({ title: "one" });
  });
  afterAll(async () => {
    const violations = [...gh.violations];
    await gh.close();
    expect(violations).toEqual([]);
  });

  it("retries a secondary rate limit after retry-after and succeeds", async () => {
    fail({ kinds: ["secondary-rate-limit"], max: 2 });
    const { data } = await client().rest.issues.get({ ...REPO, issue_number: 1 });
    expect(data.title).toBe("one");
    expect(sent(/issues\/\{issue_number\}$/).map((e) => e.status)).toEqual([expect.any(Number), expect.any(Number), 200]);
    expect(gh.injectedFaults.map((f) => f.kind)).toEqual(["secondary-rate-limit", "secondary-rate-limit"]);
  });

  it("gives up on a secondary rate limit after the policy's retries, with GitHub's error", async () => {
    fail({ kinds: ["secondary-rate-limit"] });
    const error = await client().rest.issues.get({ ...REPO, issue_number: 1 }).catch((e: unknown) => e);
    expect(String(error)).toMatch(/secondary rate limit/);
    expect(sent(/issues\/\{issue_number\}$/)).toHaveLength(1 + TEST_RETRY_POLICY.rateLimitRetries);
  });

  /** A successful GET: 200, or 304 when the client's conditional request found it unchanged. */
  const success = () => expect.toSatisfy((s: number) => s === 200 || s === 304);

  it("waits out a primary rate limit until x-ratelimit-reset, then succeeds", async () => {
    fail({ kinds: ["primary-rate-limit"], max: 1 });
    const { data } = await client().rest.issues.get({ ...REPO, issue_number: 1 });
    expect(data.number).toBe(1);
    expect(sent(/issues\/\{issue_number\}$/).map((e) => e.status)).toEqual([expect.toSatisfy((s: number) => s === 403 || s === 429), success()]);
  });

  it("retries 5xx with backoff, a bounded number of times", async () => {
    fail({ kinds: ["server-error"], max: 2 });
    await client().rest.issues.get({ ...REPO, issue_number: 1 });
    expect(sent(/issues\/\{issue_number\}$/).map((e) => e.status)).toEqual([expect.toSatisfy((s: number) => s >= 502), expect.toSatisfy((s: number) => s >= 502), success()]);
    fail({ kinds: ["server-error"] });
    await expect(client().rest.issues.get({ ...REPO, issue_number: 1 })).rejects.toMatchObject({ status: expect.toSatisfy((s: number) => s >= 502) });
    expect(sent(/issues\/\{issue_number\}$/)).toHaveLength(1 + TEST_RETRY_POLICY.serverErrorRetries);
  });

  it("a comment whose create answer was lost is found, not created twice", async () => {
    const issue = await gh.as("alice").openIssue({ title: "lost comment" });
    fail({ kinds: ["lost-response"], max: 1, routes: /^POST .*\/comments$/ });
    const marker = "<!-- orchestrator:test-lost -->";
    const result = await port().upsertComment(issue, marker, `${marker}\nhello`);
    expect(gh.injectedFaults).toHaveLength(1);
    const comments = [...gh.state.comments.values()].filter((c) => c.issueNumber === issue && c.body.includes(marker));
    expect(comments.map((c) => c.id)).toEqual([result.id]);
  });

  it("dispatches an attempt exactly once: a second dispatch finds the idempotency ref, a lost answer finds the run", async () => {
    const runsOf = (title: string) => [...gh.state.workflowRuns.values()].filter((r) => r.name === title);
    gh.setFaults(undefined);
    const first = await port().dispatchWorkflow(WORKER_WORKFLOW_FILE, "main", { issue: "41", attempt: "1" });
    const again = await Promise.all([port().dispatchWorkflow(WORKER_WORKFLOW_FILE, "main", { issue: "41", attempt: "1" }), port().dispatchWorkflow(WORKER_WORKFLOW_FILE, "main", { issue: "41", attempt: "1" })]);
    // GitHub names the run it started (return_run_details).
    expect(first).toEqual({ ok: true, run: { id: runsOf("orchestrator: #41 attempt 1")[0]!.id, htmlUrl: expect.stringContaining("/actions/runs/") } });
    expect(again).toEqual([{ ok: true, duplicate: true }, { ok: true, duplicate: true }]);
    expect(runsOf("orchestrator: #41 attempt 1")).toHaveLength(1);

    fail({ kinds: ["lost-response"], max: 1, routes: /dispatches$/ });
    // The answer was lost: the run is found by its name, without its details.
    expect(await port().dispatchWorkflow(WORKER_WORKFLOW_FILE, "main", { issue: "41", attempt: "2" })).toEqual({ ok: true });
    expect(gh.injectedFaults).toHaveLength(1);
    expect(runsOf("orchestrator: #41 attempt 2")).toHaveLength(1);

    fail({ kinds: ["lost-response"], max: 1, routes: /git\/refs$/ });
    expect(await port().dispatchWorkflow(WORKER_WORKFLOW_FILE, "main", { issue: "41", attempt: "3" })).toMatchObject({ ok: true });
    expect(runsOf("orchestrator: #41 attempt 3")).toHaveLength(1);

    fail({ kinds: ["server-error"], max: 1, routes: /dispatches$/ });
    expect(await port().dispatchWorkflow(WORKER_WORKFLOW_FILE, "main", { issue: "41", attempt: "4" })).toMatchObject({ ok: true });
    expect(runsOf("orchestrator: #41 attempt 4")).toHaveLength(1);
  });

  it("a refused dispatch releases its idempotency ref, so the same attempt can be sent once fixed", async () => {
    gh.setFaults(undefined);
    const refused = await port().dispatchWorkflow(WORKER_WORKFLOW_FILE, "main", { issue: "42", attempt: "1", unknown: "x" });
    expect(refused).toMatchObject({ ok: false, status: 422 });
    expect(await port().dispatchWorkflow(WORKER_WORKFLOW_FILE, "main", { issue: "42", attempt: "1" })).toMatchObject({ ok: true, run: { id: expect.any(Number) } });
  });
});
