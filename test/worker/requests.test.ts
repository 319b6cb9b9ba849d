/**
 * The worker's GitHub requests for one attempt (issue #9 "A request budget"): the real worker CLI,
 * dispatched through the stand-in's workflow_dispatch, reads its work item and the item's comments
 * (status comment, earlier reports) in ONE GraphQL request (port.ts `getIssueWithComments`), then
 * finds its status comment and its report comment among them without listing them again.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyItemState } from "../../src/domain/item-state.js";
import { encodeStateBlock, STATUS_MARKER } from "../../src/domain/item/markers.js";
import { createOctokitPort } from "../../src/github/octokit-port.js";
import { harnessOctokit, writeFiles } from "../support/app-harness.js";
import { fixtureFiles } from "../support/fixture-repo.js";
import { startStandIn, type StandIn } from "../support/standin/index.js";
import { workerRunner, type RunnerLog } from "../support/worker-runner.js";

const BODY = `## Goal / problem

Add a test of widgetCount for an empty list.

## Acceptance criteria

- [ ] \`tests/empty.test.mjs\` checks an empty list

## Scope

- \`tests/**\`
`;

describe("worker: GitHub requests of one attempt", { timeout: 120_000 }, () => {
  let gh: StandIn;
  let dir: string;
  const runs: RunnerLog[] = [];
  const REPO = { owner: "acme", repo: "widgets" };
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const port = () => createOctokitPort(new (harnessOctokit())({ auth: { token: gh.installationToken() }, baseUrl: gh.apiUrl, log: quiet }), REPO);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "worker-requests-"));
    const script = path.join(dir, "script.json");
    await writeFile(script, JSON.stringify({ default: { write: { "tests/empty.test.mjs": 'import assert from "node:assert/strict";\nimport { widgetCount } from "../widgets.mjs";\nassert.equal(widgetCount([]), 0);\n' } } }));
    gh = await startStandIn({
      ...REPO,
      seed: (work) => writeFiles(work, fixtureFiles()),
      app: { id: 1, slug: "orchestrator", installationId: 7, webhookSecret: "s" },
      users: [{ login: "alice", permission: "admin" }],
      workflows: { "orchestrator-worker.yml": workerRunner(() => script, runs) },
    });
  });
  afterAll(async () => {
    const violations = [...gh.violations];
    await gh.close();
    await rm(dir, { recursive: true, force: true });
    expect(violations).toEqual([]);
  });

  it("reads its work item and the item's comments in one request, and lists the comments never", async () => {
    const issue = await gh.as("alice").openIssue({ title: "Test the empty list", body: BODY });
    // The app's status comment: a trusted item, in progress.
    const state = { ...emptyItemState(issue), status: "in-progress" as const, trusted: true };
    await port().upsertComment(issue, STATUS_MARKER, `${STATUS_MARKER}\nin progress\n\n${encodeStateBlock(state)}`);
    await gh.as("alice").comment(issue, "a comment by a person");
    await gh.idle();

    gh.requests.reset();
    expect(await port().dispatchWorkflow("orchestrator-worker.yml", "main", { issue: String(issue), attempt: "1" })).toMatchObject({ ok: true });
    await gh.idle();
    expect(runs.map((r) => r.exitCode), runs.map((r) => r.stderr).join("\n")).toEqual([0]);

    const worker = gh.requests.entries.filter((e) => e.caller === "github-actions[bot]").map((e) => e.route.replace("/repos/{owner}/{repo}", ""));
    // The item and its comments in one request (before: the issue, then its comments, by REST), the
    // pull request, the report comment: the status comment and the report's marker were found
    // among the comments read first.
    expect(worker).toEqual(["POST /graphql", "POST /pulls", "POST /issues/{issue_number}/comments"]);
    expect([...gh.state.pulls.values()]).toHaveLength(1);
  });
});
