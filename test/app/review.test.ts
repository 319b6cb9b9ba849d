/**
 * The PM review through the real app (Probot) and the local GitHub stand-in (issue #5 "PM review",
 * done-when list): verdict, pull request review and both check runs for a passing and a failing
 * pull request; CHANGES REQUESTED sent back to the worker as feedback within the attempt budget;
 * a redelivered event writing nothing; and (domain level; through the app in reviewer-agent.test.ts)
 * a reviewer agent's malformed verdict failing the review.
 *
 * The worker is simulated as in commands.test.ts: it builds the envelope from the item's state,
 * commits the given files on the worker branch, pushes as github-actions[bot], opens the pull
 * request with criteria and evidence and posts the worker report. CI runs `node test.mjs`.
 */
import { execa } from "execa";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { evidenceFromBody, testChecks } from "../../src/app/review.js";
import { configSchema } from "../../src/config/schema.js";
import { buildEnvelope, type TaskEnvelope } from "../../src/domain/envelope.js";
import type { ItemState } from "../../src/domain/item-state.js";
import { parseIssue } from "../../src/domain/parse-issue.js";
import { decodeStateBlock, STATUS_MARKER } from "../../src/domain/state-block.js";
import { reviewPullRequest } from "../../src/domain/verdict.js";
import { encodeWorkerReport, reportMarker } from "../../src/domain/worker-report.js";
import { createOctokitPort } from "../../src/github/octokit-port.js";
import type { Harness } from "../support/app-harness.js";
import type { WorkflowRunner } from "../support/standin/index.js";
import { useHarness } from "../support/use-harness.js";

const harness = useHarness();

const REPO = { owner: "acme", repo: "widgets" };
const CRITERION = "Given two widgets When I ask for the total Then I get their sum";
const WORKFLOW = [
  "name: orchestrator worker",
  'run-name: "orchestrator #${{ inputs.issue }} attempt ${{ inputs.attempt }}"',
  "on:",
  "  workflow_dispatch:",
  "    inputs:",
  "      issue: { required: true, type: string }",
  '      attempt: { required: false, default: "1", type: string }',
  "jobs: {}",
  "",
].join("\n");
/** The sample repository's tests fail while `src/FAIL` exists. */
const TESTS = 'import { existsSync } from "node:fs";\nif (existsSync("src/FAIL")) { console.error("total is wrong"); process.exit(1); }\nconsole.log("ok");\n';

const BODY = [
  "### Goal / problem\n\nWidgets need a total.\n",
  `### Acceptance criteria\n\n${CRITERION}\n`,
  "### Scope\n\nsrc/**\n",
  "### Business value\n\n3\n",
  "### Time criticality\n\n2\n",
  "### Risk reduction / opportunity enablement\n\n2\n",
  "### Job size\n\nS\n",
].join("\n");

interface WorkerRun {
  attempt: number;
  envelope: TaskEnvelope | null;
}

/** A simulated worker writing `files(attempt)` (see the module comment). */
function simulatedWorker(runs: WorkerRun[], files: (attempt: number) => Record<string, string>): WorkflowRunner {
  return async ({ inputs, cloneDir, env }) => {
    const issue = Number(inputs.issue);
    const attempt = Number(inputs.attempt);
    const octokit = new ProbotOctokit({ auth: { token: env.GITHUB_TOKEN }, baseUrl: env.GITHUB_API_URL, retry: { enabled: false }, throttle: { enabled: false } });
    const port = createOctokitPort(octokit, REPO);
    const snapshot = (await port.getIssue(issue))!;
    const status = await port.findComment(issue, STATUS_MARKER);
    const decoded = status ? decodeStateBlock(status.body) : null;
    const config = configSchema.parse({ worker: { test_command: "node test.mjs" } });
    const parsed = parseIssue({ title: snapshot.title, body: snapshot.body, labels: snapshot.labels }, config);
    const built = buildEnvelope({ number: issue, title: snapshot.title, htmlUrl: snapshot.htmlUrl }, decoded?.kind === "ok" ? decoded.state : null, parsed, config, { repository: "acme/widgets", attempt });
    runs.push({ attempt, envelope: built.ok ? built.envelope : null });

    const branch = `orchestrator/${issue}-total`;
    const git = (args: string[]) => execa("git", args, { cwd: cloneDir, env: { ...env, GIT_AUTHOR_NAME: "worker", GIT_AUTHOR_EMAIL: "w@example.com", GIT_COMMITTER_NAME: "worker", GIT_COMMITTER_EMAIL: "w@example.com" } });
    const exists = (await git(["ls-remote", "--heads", "origin", branch])).stdout.trim() !== "";
    if (exists) await git(["fetch", "--quiet", "origin", branch]);
    await git(["checkout", "--quiet", "-B", branch, exists ? "FETCH_HEAD" : "HEAD"]);
    for (const [file, content] of Object.entries(files(attempt))) {
      await mkdir(path.dirname(path.join(cloneDir, file)), { recursive: true });
      await writeFile(path.join(cloneDir, file), content);
    }
    await git(["add", "-A"]);
    await git(["commit", "--quiet", "-m", `#${issue} attempt ${attempt}`]);
    await git(["push", "--quiet", "origin", `${branch}:${branch}`]);
    const headSha = (await git(["rev-parse", "HEAD"])).stdout.trim();
    const criteria = parsed.acceptanceCriteria.map((c) => `- [x] ${c} — evidence: \`node test.mjs\` passed (exit 0)`).join("\n");
    const pr = await port.openOrUpdatePullRequest({ head: branch, base: "main", title: snapshot.title, body: `Closes #${issue}\n\n## Acceptance criteria\n\n${criteria}` });
    const report = encodeWorkerReport({ v: 1, issue, attempt, outcome: "pr", pr: { number: pr.number, branch, headSha }, iterations: 1, strategies: [], gated: [], outOfScope: [], deleted: 0, needsPerson: false });
    await port.upsertComment(issue, reportMarker(attempt), `${reportMarker(attempt)}\nAttempt ${attempt}: ${pr.htmlUrl}\n\n${report}`);
    return { exitCode: 0 };
  };
}

async function start(runs: WorkerRun[], files: (attempt: number) => Record<string, string>): Promise<Harness> {
  return harness.start({
    files: {
      "README.md": "# widgets\n",
      "test.mjs": TESTS,
      "src/widgets.mjs": "export const widgets = [];\n",
      ".github/workflows/orchestrator-worker.yml": WORKFLOW,
      ".github/orchestrator.yml": "worker:\n  test_command: node test.mjs\n  max_attempts: 2\n",
    },
    ci: { command: "node test.mjs", name: "test" },
    workflows: { "orchestrator-worker.yml": simulatedWorker(runs, files) },
  });
}

function stateOf(h: Harness, issue: number): ItemState {
  const comment = [...h.standIn.state.comments.values()].find((c) => c.issueNumber === issue && c.body.includes(STATUS_MARKER));
  const decoded = comment ? decodeStateBlock(comment.body) : null;
  if (decoded?.kind !== "ok") throw new Error(`no state on #${issue}\n${h.standIn.formatTimeline()}`);
  return decoded.state;
}

function statusOf(h: Harness, issue: number): string | undefined {
  return h.standIn.state.issues.get(issue)?.labels.find((l) => l.startsWith("status/"));
}

function checksOn(h: Harness, sha: string) {
  return [...h.standIn.state.checkRuns.values()].filter((r) => r.headSha === sha && r.name.startsWith("orchestrator/"));
}

function ourReviews(h: Harness, pr: number) {
  return h.standIn.state.reviews.filter((r) => r.pullNumber === pr && r.user === "orchestrator[bot]");
}

describe("PM review through the app", () => {
  it("a passing pull request: verdict APPROVED as a COMMENT review, both check runs success, verdict recorded, nothing sent back; a redelivered event writes nothing; a person's pull request is not reviewed", async () => {
    const runs: WorkerRun[] = [];
    const h = await start(runs, () => ({ "src/total.mjs": "export const total = (xs) => xs.reduce((a, b) => a + b, 0);\n" }));
    const issue = await h.standIn.as("alice").openIssue({ title: "Add a total", body: BODY });
    await h.settle();

    const state = stateOf(h, issue);
    const pr = state.pr!.number;
    const head = h.standIn.state.pulls.get(pr)!.headSha;
    expect(statusOf(h, issue)).toBe("status/in-review");
    const checks = checksOn(h, head);
    expect(checks.map((c) => `${c.name} ${c.status} ${c.conclusion}`).sort()).toEqual(["orchestrator/review completed success", "orchestrator/scope completed success"]);
    expect(checks.find((c) => c.name === "orchestrator/review")?.output.title).toBe("Approved: 1/1 criteria backed, tests green");
    const reviews = ourReviews(h, pr);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ state: "COMMENTED", commitId: head });
    expect(reviews[0]!.body).toContain("✅ APPROVED");
    expect(reviews[0]!.body).toContain(`- [x] ${CRITERION} — \`node test.mjs\` passed (exit 0)`);
    expect(reviews[0]!.body).toContain("never merges anything by itself");
    expect(state.reviews).toEqual([expect.objectContaining({ headSha: head, verdict: "APPROVED", findings: [] })]);
    expect(state.attempts).toHaveLength(1);
    expect(state.feedback).toEqual([]);

    // Redelivering the events that reviewed it writes nothing new.
    const writes = h.standIn.requests.entries.length;
    for (const event of ["check_suite", "pull_request", "check_run"]) {
      const delivery = h.standIn.deliveries.find((d) => d.event === event && !d.redelivery && JSON.stringify(d.payload).includes(head) && (d.payload.sender as { login: string }).login !== "orchestrator[bot]");
      expect(delivery, event).toBeDefined();
      h.standIn.redeliver(delivery!.id);
    }
    await h.settle();
    const later = h.standIn.requests.entries.slice(writes).filter((e) => e.method !== "GET");
    expect(later).toEqual([]);
    expect(checksOn(h, head)).toHaveLength(2);
    expect(ourReviews(h, pr)).toHaveLength(1);

    // A person's pull request that only says it closes the item is not the worker's.
    await h.standIn.as("walt").pushCommit("walt-total", { "src/total.mjs": "export const total = () => 0;\n" }, "my total");
    const other = await h.standIn.as("walt").openPullRequest({ head: "walt-total", title: "Total", body: `Closes #${issue}` });
    await h.settle();
    expect(checksOn(h, h.standIn.state.pulls.get(other)!.headSha)).toEqual([]);
    expect(ourReviews(h, other)).toEqual([]);
  });

  it("a failing pull request: CHANGES REQUESTED with a line per finding, failing check runs with an annotation per file outside scope, findings fed back to the worker within the attempt budget", async () => {
    const runs: WorkerRun[] = [];
    const h = await start(runs, (attempt) => ({ "src/total.mjs": `// attempt ${attempt}\n`, "src/FAIL": "", "docs/notes.md": `notes ${attempt}\n` }));
    const issue = await h.standIn.as("alice").openIssue({ title: "Add a total", body: BODY });
    await h.settle();

    const state = stateOf(h, issue);
    const pr = state.pr!.number;
    expect(runs.map((r) => r.attempt)).toEqual([1, 2]);
    expect(state.attempts.map((a) => `${a.n}:${a.reason}`)).toEqual(["1:initial", "2:review"]);
    const [first, second] = state.reviews;
    expect(state.reviews.map((r) => r.verdict)).toEqual(["CHANGES_REQUESTED", "CHANGES_REQUESTED"]);
    expect(first!.findings).toEqual([
      "check `test` failure on the head commit",
      "`docs/notes.md` is outside the item's scope",
      `acceptance criterion not backed: "${CRITERION}" (evidence given, but the tests on the head commit are not green)`,
    ]);
    // The first verdict's findings reached the second attempt's envelope as reviewer feedback.
    expect(runs[1]!.envelope?.reviewerFeedback).toEqual(first!.findings);
    // The budget of 2 attempts is spent: blocked instead of a third dispatch.
    expect(statusOf(h, issue)).toBe("status/blocked");
    expect(state.blockedReason).toContain("all 2 attempts are used");

    for (const review of [first!, second!]) {
      const checks = checksOn(h, review.headSha);
      const byName = new Map(checks.map((c) => [c.name, c]));
      expect(byName.get("orchestrator/review")).toMatchObject({ status: "completed", conclusion: "failure", output: expect.objectContaining({ title: "Changes requested: 3 finding(s)" }) });
      expect(byName.get("orchestrator/scope")).toMatchObject({ status: "completed", conclusion: "failure", output: expect.objectContaining({ annotations_count: 1, title: "1 file(s) outside scope" }) });
      const posted = ourReviews(h, pr).filter((r) => r.commitId === review.headSha);
      expect(posted).toHaveLength(1);
      expect(posted[0]!.state).toBe("CHANGES_REQUESTED");
      expect(posted[0]!.body).toContain("❌ CHANGES REQUESTED");
      expect(posted[0]!.body).toContain("- ❌ `docs/notes.md` is outside the item's scope");
      expect(posted[0]!.body).toContain(`- [ ] ${CRITERION}`);
    }
  });
});

describe("PM review inputs and the reviewer agent's verdict", () => {
  it("a reviewer agent's malformed verdict fails the review and is reported, not ignored", () => {
    const result = reviewPullRequest({
      headSha: "a".repeat(40),
      checks: [{ name: "test", status: "completed", conclusion: "success", appSlug: "ci" }],
      requiredChecks: [],
      acceptanceCriteria: [CRITERION],
      evidence: { [CRITERION]: "node test.mjs passed" },
      scope: { outOfScope: [], gated: [] },
      reviewerVerdict: { verdict: "ship it", criteria: "all good" },
    });
    expect(result.verdict).toBe("CHANGES_REQUESTED");
    expect(result.findings[0]).toMatch(/^reviewer agent returned an invalid verdict: /);
    expect(result.reviewCheck).toMatchObject({ conclusion: "failure" });
    expect(result.reviewCheck.summary).toContain("reviewer agent returned an invalid verdict");
    expect(result.review?.event).toBe("REQUEST_CHANGES");
  });

  it("reads the worker's evidence per criterion from the pull request body; unchecked boxes claim nothing", () => {
    const body = [
      "Closes #3",
      "## Acceptance criteria",
      "- [x] Given two   widgets when I ask for the TOTAL then I get their sum — evidence: `node test.mjs` passed",
      "- [ ] It is fast — evidence: trust me",
      "* Errors are reported: see test `errors.test.mjs`",
    ].join("\n");
    expect(evidenceFromBody(body, [CRITERION, "It is fast", "Errors are reported", "Not mentioned"])).toEqual({
      [CRITERION]: "`node test.mjs` passed",
      "Errors are reported": "see test `errors.test.mjs`",
    });
  });

  it("judges other apps' checks and commit statuses, never our own orchestrator/* runs", () => {
    const run = (name: string, appSlug: string) => ({ id: 1, name, headSha: "s", status: "completed", conclusion: "failure", htmlUrl: null, detailsUrl: null, appSlug });
    const checks = testChecks([run("orchestrator/review", "orchestrator"), run("orchestrator/queue", "orchestrator"), run("test", "ci"), run("orchestrator/review", "impostor")], [{ context: "lint", state: "pending", targetUrl: null }], "orchestrator");
    expect(checks.map((c) => `${c.name}:${c.status}`)).toEqual(["test:completed", "orchestrator/review:completed", "lint:in_progress"]);
  });
});
