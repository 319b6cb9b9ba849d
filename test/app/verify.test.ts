/**
 * Verification after landing (issue #13 item 4) through Probot and the stand-in, with the REAL CLI
 * for both the worker and the verify run (`orchestrator verify`, dispatched by the app as the
 * worker workflow with `mode: verify`): two items land; the verify command (a tiny script of the
 * repository) checks each acceptance criterion against the landed commit. The one whose criterion
 * holds records PASSED per criterion; the other is reopened as a hotfix whose next attempt gets the
 * evidence as guidance. With `verify.on: deployment` and `on_failure: revert`, a successful
 * deployment_status starts the verification and a failure opens the revert pull request.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { FIXTURE_TEST_COMMAND, fixtureFiles } from "../support/fixture-repo.js";
import { agentScript, itemState, scriptsDir, statusOf, workItemBody } from "../support/lifecycle.js";
import { APP } from "../support/app-harness.js";
import { useHarness } from "../support/use-harness.js";
import { FAKE_AGENT, workerRunner, type RunnerLog } from "../support/worker-runner.js";

const harness = useHarness();

/** The repository's verify command: `Then <name> is <n>` holds when `<name>.mjs` exports `<name> = n`. */
const VERIFY_SCRIPT = `import fs from "node:fs";
const envelope = JSON.parse(fs.readFileSync(process.env.ORCHESTRATOR_VERIFY_ENVELOPE, "utf8"));
const criteria = [];
for (const criterion of envelope.acceptanceCriteria) {
  const [, name, want] = /Then (\\w+) is (\\d+)/.exec(criterion) ?? [];
  const got = fs.existsSync(name + ".mjs") ? (await import("./" + name + ".mjs"))[name] : undefined;
  criteria.push({ criterion, result: got === Number(want) ? "PASSED" : "FAILED", evidence: name + " is " + got + " at " + envelope.commit.slice(0, 7) });
}
fs.writeFileSync(process.env.ORCHESTRATOR_VERIFICATION, JSON.stringify({ criteria }));
`;

const config = (verify: string[]) => [
  "agent:",
  "  name: command",
  `  command: node ${FAKE_AGENT}`,
  "  env: [FAKE_AGENT_SCRIPT]",
  "worker:",
  `  test_command: ${FIXTURE_TEST_COMMAND}`,
  "  max_iterations: 1",
  "  max_strategy_shifts: 0",
  "merge:",
  "  method: merge",
  "  required_checks: [test]",
  "verify:",
  "  command: node verify.mjs",
  ...verify,
  "",
].join("\n");

/** GitHub's documented `deployment_status` example, pointed at the stand-in and the deployed commit. */
function deploymentStatus(sha: string): Record<string, unknown> {
  const groups = createRequire(import.meta.url)("@octokit/webhooks-examples/api.github.com/index.json") as Array<{ name: string; examples: Array<Record<string, unknown>> }>;
  const payload = structuredClone(groups.find((g) => g.name === "deployment_status")!.examples[0]!) as Record<string, Record<string, unknown>>;
  payload.repository = { ...payload.repository, name: "widgets", full_name: "acme/widgets", default_branch: "main", owner: { ...(payload.repository!.owner as object), login: "acme" } };
  payload.deployment = { ...payload.deployment, sha };
  payload.deployment_status = { ...payload.deployment_status, state: "success" };
  payload.installation = { id: APP.installationId };
  return payload;
}

const feature = (name: string, value: number) => ({
  strategies: [[{ write: { [`${name}.mjs`]: `export const ${name} = ${value};\n`, [`tests/${name}.test.mjs`]: `import assert from "node:assert/strict";\nimport { ${name} } from "../${name}.mjs";\nassert.equal(${name}, ${value});\n` } }]],
});

describe("verification after landing", { timeout: 300_000 }, () => {
  it("records PASSED per criterion for a good landing and reopens a bad one as a hotfix whose next attempt gets the evidence", async () => {
    const dir = scriptsDir();
    const log = `${dir}/agent-log.jsonl`;
    // #1 meets its criterion; #2's own test passes, but its criterion does not hold on the landed commit.
    const plans = new Map([
      [1, agentScript(dir, "total", feature("total", 3))],
      [2, agentScript(dir, "count", { ...feature("count", 5), log })],
    ]);
    const runs: RunnerLog[] = [];
    const h = await harness.start({
      files: { ...fixtureFiles({ config: config([]) }), "verify.mjs": VERIFY_SCRIPT },
      ci: { command: FIXTURE_TEST_COMMAND, name: "test" },
      workflows: { "orchestrator-worker.yml": workerRunner((issue) => plans.get(issue)!, runs) },
    });
    const alice = h.standIn.as("alice");
    const good = await alice.openIssue({ title: "Add a total", body: workItemBody({ goal: "A total.", criteria: ["Given the library When imported Then total is 3"] }) });
    const criterion = "Given the library When imported Then count is 6";
    const bad = await alice.openIssue({ title: "Add a count", body: workItemBody({ goal: "A count.", criteria: [criterion] }) });
    await h.settle();
    const firstPr = itemState(h.standIn, bad)!.pr!.number;
    for (const n of [good, bad]) await alice.comment(itemState(h.standIn, n)!.pr!.number, "/approve");
    await h.settle();

    // One verify run per landed commit, through the real CLI.
    expect(runs.filter((r) => r.stderr.includes("verification of #")).map((r) => r.exitCode), JSON.stringify(runs)).toEqual([0, 0]);
    const evidence = (n: number) => [...h.standIn.state.comments.values()].filter((c) => c.issueNumber === n && c.body.startsWith("<!-- orchestrator:verification -->"));

    // The good landing: PASSED per criterion, with the commit and the run; done and closed.
    const passed = itemState(h.standIn, good)!;
    const goodSha = passed.merged!.sha;
    expect(statusOf(h.standIn, good)).toBe("status/done");
    expect(h.standIn.state.issues.get(good)?.state).toBe("closed");
    expect(passed.verification).toMatchObject({
      result: "PASSED",
      sha: goodSha,
      runUrl: expect.stringMatching(/\/actions\/runs\/\d+$/),
      criteria: [{ criterion: "Given the library When imported Then total is 3", result: "PASSED", evidence: `total is 3 at ${goodSha.slice(0, 7)}` }],
    });
    expect(evidence(good)).toHaveLength(1);
    expect(evidence(good)[0]!.body).toContain(`| Given the library When imported Then total is 3 | ✅ PASSED | total is 3 at ${goodSha.slice(0, 7)} |`);
    const status = [...h.standIn.state.comments.values()].find((c) => c.issueNumber === good && c.body.includes("orchestrator:status"))!;
    expect(status.body).toContain(`**Verification:** PASSED on ${goodSha.slice(0, 7)}: 1/1 criteria passed`);

    // The bad landing: reopened on the hotfix track, the evidence recorded and handed to its next attempt.
    const reopened = itemState(h.standIn, bad)!;
    const badSha = reopened.verification!.sha;
    expect(h.standIn.state.issues.get(bad)?.state).toBe("open");
    expect(h.standIn.state.issues.get(bad)?.labels).toContain("track/hotfix");
    expect(reopened.track).toBe("hotfix");
    expect(reopened.merged).toBeUndefined();
    expect(reopened.verification).toMatchObject({ result: "FAILED", pr: firstPr, action: { kind: "reopened" }, criteria: [{ criterion, result: "FAILED", evidence: `count is 5 at ${badSha.slice(0, 7)}` }] });
    expect(evidence(bad)).toHaveLength(1);
    expect(evidence(bad)[0]!.body).toContain(`| ${criterion} | ❌ FAILED | count is 5 at ${badSha.slice(0, 7)} |`);
    expect(evidence(bad)[0]!.body).toContain("reopened as a hotfix");
    const envelopes = readFileSync(log, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { attempt: number; reviewerFeedback: string[] });
    expect(envelopes.map((e) => e.attempt)).toEqual([1, 2]);
    expect(envelopes[0]!.reviewerFeedback).toEqual([]);
    expect(envelopes[1]!.reviewerFeedback).toContain(`Criterion FAILED in verification: "${criterion}"; evidence: count is 5 at ${badSha.slice(0, 7)}`);
  });

  it("verifies after a successful deployment and opens the revert pull request of a failed landing", async () => {
    const runs: RunnerLog[] = [];
    const h = await harness.start({
      files: { ...fixtureFiles({ config: config(["  on: deployment", "  on_failure: revert"]) }), "verify.mjs": VERIFY_SCRIPT },
      ci: { command: FIXTURE_TEST_COMMAND, name: "test" },
      workflows: { "orchestrator-worker.yml": workerRunner(() => "", runs) },
    });
    // A person's change (held: no worker), merged by hand: the deployed commit names its pull request.
    const alice = h.standIn.as("alice");
    const criterion = "Given the library When imported Then count is 6";
    const n = await alice.openIssue({ title: "Add a count", body: workItemBody({ goal: "A count.", criteria: [criterion] }), labels: ["hold"] });
    await alice.pushCommit("count", { "count.mjs": "export const count = 5;\n" }, "Add a count");
    const pr = await alice.openPullRequest({ head: "count", title: "Add a count", body: `Closes #${n}` });
    await h.settle();
    const octokit = new ProbotOctokit({ auth: { token: h.standIn.installationToken() }, baseUrl: h.standIn.apiUrl, throttle: { enabled: false } });
    const merged = await octokit.rest.pulls.merge({ owner: "acme", repo: "widgets", pull_number: pr, merge_method: "merge" });
    await h.settle();
    // verify.on: deployment: nothing runs at the merge.
    expect(runs).toEqual([]);

    await h.probot.receive({ id: "deployment-status-1", name: "deployment_status", payload: deploymentStatus(merged.data.sha) as never });
    await h.settle();

    expect(runs.map((r) => [r.exitCode, r.stderr.includes(`verification of #${n}`)]), JSON.stringify(runs)).toEqual([[0, true]]);
    const revertRef = `orchestrator/revert-${n}-${merged.data.sha.slice(0, 7)}`;
    const revert = [...h.standIn.state.pulls.values()].find((p) => p.headRef === revertRef);
    expect(revert).toMatchObject({ baseRef: "main", merged: false });
    expect(itemState(h.standIn, n)!.verification).toMatchObject({ sha: merged.data.sha, result: "FAILED", action: { kind: "revert", pr: revert!.number } });
    const evidence = [...h.standIn.state.comments.values()].find((c) => c.issueNumber === n && c.body.startsWith("<!-- orchestrator:verification -->"));
    expect(evidence?.body).toContain(`| ${criterion} | ❌ FAILED | count is 5 at ${merged.data.sha.slice(0, 7)} |`);
    expect(evidence?.body).toContain(`Revert pull request: #${revert!.number}`);
  });
});
