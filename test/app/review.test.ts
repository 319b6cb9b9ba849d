/**
 * The PM review through the real app (Probot) and the local GitHub stand-in (issue #5 "PM review",
 * done-when list): verdict, pull request review and both check runs for a passing and a failing
 * pull request; CHANGES REQUESTED sent back to the worker as feedback within the attempt budget;
 * a redelivered event writing nothing; and (domain level; through the app in reviewer-agent.test.ts)
 * a reviewer agent's malformed verdict failing the review.
 *
 * The worker is simulated as in commands.test.ts (test/support/simulated-worker.ts), committing the
 * given files on the worker branch. CI runs `node test.mjs`.
 */
import { isWrite } from "../support/standin/request-log.js";
import { describe, expect, it } from "vitest";
import { testChecks } from "../../src/app/review.js";
import { evidenceFromBody } from "../../src/domain/pull-request-text.js";
import type { ItemState } from "../../src/domain/item-state.js";
import { reviewPullRequest } from "../../src/domain/verdict.js";
import type { Harness } from "../support/app-harness.js";
import { simulatedWorker, WORKER_WORKFLOW, WORKER_WORKFLOW_FILE, type WorkerRun } from "../support/simulated-worker.js";
import { useHarness } from "../support/use-harness.js";
import { formBody, REFERENCE_CRITERION as CRITERION, REFERENCE_ITEM } from "../support/work-items.js";
import { decodeStateBlock, STATUS_MARKER } from "../../src/domain/item/markers.js";

const harness = useHarness();

/** The sample repository's tests fail while `src/FAIL` exists. */
const TESTS = 'import { existsSync } from "node:fs";\nif (existsSync("src/FAIL")) { console.error("total is wrong"); process.exit(1); }\nconsole.log("ok");\n';

/** The reference work item, scoped to `src/**`. */
const BODY = formBody({ ...REFERENCE_ITEM, scope: "src/**" });

async function start(runs: WorkerRun[], files: (attempt: number) => Record<string, string>): Promise<Harness> {
  return harness.start({
    files: {
      "README.md": "# widgets\n",
      "test.mjs": TESTS,
      "src/widgets.mjs": "export const widgets = [];\n",
      [`.github/workflows/${WORKER_WORKFLOW_FILE}`]: WORKER_WORKFLOW,
      ".github/orchestrator.yml": "worker:\n  test_command: node test.mjs\n  max_attempts: 2\n",
    },
    ci: { command: "node test.mjs", name: "test" },
    workflows: { [WORKER_WORKFLOW_FILE]: simulatedWorker(runs, { files, branch: (issue) => `orchestrator/${issue}-total`, reportRunId: false }) },
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
    const later = h.standIn.requests.entries.slice(writes).filter(isWrite);
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
