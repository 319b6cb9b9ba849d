import type { AgentName, OrchestratorConfig } from "../config/schema.js";
import type { AgentAdapter } from "../agents/adapter.js";
import { closingRefs, evidenceFromBody } from "../domain/pull-request-text.js";
import { issueOfBranch } from "../domain/branch-name.js";
import { redactSecrets } from "../domain/blocker-report.js";
import { parseWorkItem } from "../domain/pm/refine-merge.js";
import { buildReviewEnvelope, REVIEW_VERDICT_PATH, type ReviewEnvelope } from "../domain/review-envelope.js";
import { type ReviewerVerdictBlock } from "../domain/reviewer-verdict-block.js";
import { checkScope } from "../domain/scope.js";
import type { GitHubPort } from "../github/port.js";
import { Git, type GitIdentity } from "./git.js";
import { appendJobSummary, renderReviewSummary, type ReviewSummaryInput } from "./job-summary.js";
import { DEFAULT_IDENTITY, readState, type WorkerLog } from "./run-worker.js";
import { Workspace } from "./workspace.js";
import { runHandoffAgent } from "./agent-handoff.js";
import { encodeReviewerVerdictBlock, reviewerVerdictMarker } from "../domain/item/markers.js";

/**
 * The reviewer run (issue #5 "PM review": "a reviewer agent (config `review.agent`) runs on a
 * runner through the same dispatch mechanism with a review envelope and returns a zod-validated
 * JSON verdict"). `orchestrator review --pr N` on an Actions runner, dispatched by the app as the
 * worker workflow with `mode: review`:
 *
 * 1. reads the pull request, its work item (`--issue`, else the worker branch name or `Closes #N`),
 *    the changed files, the item's acceptance criteria and scope, and the worker's evidence;
 * 2. checks out the head commit (detached; nothing is ever committed or pushed);
 * 3. writes the review envelope to `.orchestrator/review-envelope.json` / `.md` and removes any
 *    verdict file the change itself may carry (a pull request must not approve itself);
 * 4. runs `review.agent` through the same adapters as the coder (scrubbed environment: no GitHub
 *    token reaches it);
 * 5. reads {@link REVIEW_VERDICT_PATH} and posts it RAW on the pull request in a comment marked
 *    per head sha, with any problem (no file, not JSON, agent missing or failed) named. Validating
 *    the verdict is the app's job (an invalid one fails the review).
 */

export interface ReviewDeps {
  port: GitHubPort;
  /** The checkout with an `origin` remote. */
  workspace: string;
  pr: number;
  /** The work item; derived from the pull request when absent. */
  issue?: number;
  /** The head commit to review (the dispatch's `head` input); default the pull request's head. */
  headSha?: string;
  config: OrchestratorConfig;
  runId?: number;
  /** GITHUB_TOKEN, for the worker's own fetch only. */
  token?: string;
  env?: Readonly<Record<string, string | undefined>>;
  identity?: GitIdentity;
  log?: WorkerLog;
  /** Adapter overrides by name (tests). */
  adapters?: Partial<Record<AgentName, AgentAdapter>>;
}

export interface ReviewRunResult {
  /** 0: verdict comment posted (whatever the verdict says); 2: bad input or error, nothing posted. */
  exitCode: 0 | 2;
  /** The block posted. */
  block?: ReviewerVerdictBlock;
  error?: string;
}

const defaultLog: WorkerLog = (message, meta) => {
  process.stderr.write(`[orchestrator review] ${message}${meta !== undefined ? ` ${JSON.stringify(meta)}` : ""}\n`);
};

/**
 * Runs one review and writes its Actions job summary (src/worker/job-summary.ts) when
 * `GITHUB_STEP_SUMMARY` is set. Never rejects for agent or verdict problems (they are posted);
 * see {@link ReviewRunResult}.
 */
export async function runReview(deps: ReviewDeps): Promise<ReviewRunResult> {
  const facts: Omit<ReviewSummaryInput, "block" | "error"> = { pr: deps.pr };
  const result = await reviewOnce(deps, facts);
  const summary = renderReviewSummary({ ...facts, ...(result.block ? { block: result.block } : {}), ...(result.error ? { error: result.error } : {}) });
  try {
    await appendJobSummary(deps.env ?? process.env, summary);
  } catch (error) {
    (deps.log ?? defaultLog)("job summary not written", { detail: (error as Error).message });
  }
  return result;
}

async function reviewOnce(deps: ReviewDeps, facts: Omit<ReviewSummaryInput, "block" | "error">): Promise<ReviewRunResult> {
  const log = deps.log ?? defaultLog;
  const env = deps.env ?? process.env;
  const { port, config } = deps;
  const reviewer = config.review.agent;
  if (reviewer === null) return { exitCode: 2, error: "review.agent is not set in .github/orchestrator.yml: there is no reviewer agent to run" };
  const pr = await port.getPullRequest(deps.pr);
  if (pr === null) return { exitCode: 2, error: `pull request #${deps.pr} not found in ${port.repo.owner}/${port.repo.repo}` };
  const issueNumber = deps.issue ?? issueOfBranch(pr.headRef, config.worker.branch_prefix) ?? closingRefs(pr.body)[0];
  if (issueNumber === undefined) return { exitCode: 2, error: `pull request #${pr.number} names no work item (no --issue, worker branch or \`Closes #N\`)` };
  // The work item and its comments in one request: its status comment (readState) is found among them.
  const issue = (await port.getIssueWithComments(issueNumber))?.issue ?? null;
  if (issue === null || issue.isPullRequest) return { exitCode: 2, error: `issue #${issueNumber} (the work item of pull request #${pr.number}) not found` };
  const headSha = deps.headSha ?? pr.headSha;
  facts.headSha = headSha;

  const post = async (fields: Pick<ReviewerVerdictBlock, "verdict" | "problem" | "text">): Promise<ReviewerVerdictBlock> => {
    const block: ReviewerVerdictBlock = { v: 1, pr: pr.number, headSha, agent: reviewer.name, ...(deps.runId !== undefined ? { runId: deps.runId } : {}), ...fields };
    const marker = reviewerVerdictMarker(headSha);
    const outcome = fields.problem !== undefined ? `no verdict: ${fields.problem}` : "verdict returned; the app validates it and posts the review";
    const body = [marker, `**Reviewer agent** \`${reviewer.name}\` on \`${headSha.slice(0, 7)}\`: ${outcome.replace(/\s+/g, " ")}`, "", encodeReviewerVerdictBlock(block)].join("\n");
    await port.upsertComment(pr.number, marker, body);
    log("verdict posted", { pr: pr.number, head: headSha, problem: fields.problem ?? null });
    return block;
  };

  // Checking out the head: a moved head (a newer commit) is not reviewed here; the app dispatches
  // a run for the new head, and this run ends without a verdict for the old one.
  const git = new Git({ cwd: deps.workspace, identity: deps.identity ?? DEFAULT_IDENTITY, baseEnv: env, ...(deps.token !== undefined ? { token: deps.token } : {}) });
  const ws = new Workspace(git, pr.headRef, pr.baseRef);
  try {
    await ws.sanitize();
    await git.run(["fetch", "--no-tags", "origin", `+refs/heads/${pr.baseRef}:refs/remotes/origin/${pr.baseRef}`, `+refs/heads/${pr.headRef}:refs/remotes/origin/${pr.headRef}`], { remote: true });
    await git.run(["checkout", "--force", "--detach", headSha]);
    await git.run(["clean", "-fd"]);
  } catch (error) {
    return { exitCode: 2, error: `cannot check out ${headSha} of pull request #${pr.number}: ${(error as Error).message}` };
  }

  try {
    // issue #13: the item's accepted story counts (its criteria are what the review checks).
    const parsed = parseWorkItem({ title: issue.title, body: issue.body, labels: issue.labels }, await readState(port, issue.number, log), config);
    const files = await port.listPullRequestFiles(pr.number);
    const globs = parsed.scope.length > 0 ? parsed.scope : config.scope.default;
    const scope = checkScope(files, globs, config.autonomy.gate, config.autonomy.max_deleted_files);
    facts.issue = { number: issue.number, title: issue.title, ...(parsed.goal ? { goal: parsed.goal } : {}) };
    facts.acceptanceCriteria = parsed.acceptanceCriteria;
    facts.scope = { outOfScope: scope.outOfScope, gated: scope.gated };
    const built = buildReviewEnvelope({
      repository: `${port.repo.owner}/${port.repo.repo}`,
      issue: { number: issue.number, title: issue.title, ...(parsed.goal ? { goal: parsed.goal } : {}) },
      pullRequest: { number: pr.number, url: pr.htmlUrl, baseRef: pr.baseRef, baseSha: pr.baseSha, headRef: pr.headRef, headSha },
      files,
      acceptanceCriteria: parsed.acceptanceCriteria,
      scope: { allowed: globs, outOfScope: scope.outOfScope, gated: scope.gated },
      evidence: evidenceFromBody(pr.body, parsed.acceptanceCriteria),
    });
    if (!built.ok) return { exitCode: 0, block: await post({ problem: `the review envelope could not be built: ${built.errors.join("; ")}` }) };
    const block = await runReviewer(deps, built.envelope, reviewer, env, log);
    return { exitCode: 0, block: await post(block) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    log("review error", { detail });
    return { exitCode: 0, block: await post({ problem: `the reviewer run failed: ${redactSecrets(detail)}` }) };
  }
}

/** Runs the reviewer agent and reads its verdict file (raw JSON or the problem), as src/worker/agent-handoff.ts does. */
async function runReviewer(
  deps: ReviewDeps,
  envelope: ReviewEnvelope,
  reviewer: NonNullable<OrchestratorConfig["review"]["agent"]>,
  env: Readonly<Record<string, string | undefined>>,
  log: WorkerLog,
): Promise<Pick<ReviewerVerdictBlock, "verdict" | "problem" | "text">> {
  log("reviewer run", { pr: envelope.pullRequest.number, head: envelope.pullRequest.headSha, agent: reviewer.name });
  const result = await runHandoffAgent({
    agent: reviewer,
    key: "review.agent",
    role: "reviewer agent",
    envelope,
    markdown: renderReviewEnvelopeMarkdown(envelope),
    envelopeName: "review-envelope",
    outputPath: REVIEW_VERDICT_PATH,
    outputName: "verdict",
    workspace: deps.workspace,
    config: deps.config,
    env,
    ...(deps.adapters ? { adapters: deps.adapters } : {}),
  });
  return "value" in result ? { verdict: result.value } : result;
}

/** The review envelope for agents that read Markdown; the JSON file is authoritative. */
export function renderReviewEnvelopeMarkdown(envelope: ReviewEnvelope): string {
  const pr = envelope.pullRequest;
  const list = (items: readonly string[], empty: string) => (items.length > 0 ? items.map((i) => `- ${i}`) : [`- ${empty}`]);
  return [
    `# Review of pull request #${pr.number} (issue #${envelope.issue.number}: ${envelope.issue.title})`,
    "",
    "## Instructions",
    ...list(envelope.instructions, ""),
    "",
    "## Goal (data)",
    envelope.issue.goal,
    "",
    "## Acceptance criteria",
    ...list(envelope.acceptanceCriteria, "(none)"),
    "",
    "## Claimed evidence (untrusted data to verify)",
    ...list(envelope.claimedEvidence.map((c) => `${c.criterion}: ${c.evidence || "(none)"}`), "(none)"),
    "",
    "## Scope",
    ...list(envelope.scope.allowed.map((g) => `\`${g}\``), "(any)"),
    ...(envelope.scope.outOfScope.length > 0 ? ["", "Outside scope:", ...list(envelope.scope.outOfScope, "")] : []),
    ...(envelope.scope.gated.length > 0 ? ["", "Gated paths:", ...list(envelope.scope.gated, "")] : []),
    "",
    `## Change: ${envelope.diff.filesChanged} file(s), +${envelope.diff.additions} -${envelope.diff.deletions} (\`git diff ${pr.baseSha}...${pr.headSha}\`)`,
    ...envelope.diff.files.map((f) => `- ${f.status} \`${f.path}\` (+${f.additions} -${f.deletions})`),
    ...(envelope.diff.truncated ? ["- … more files: use `git diff`"] : []),
    "",
    "## Output",
    `Write the verdict JSON to \`${envelope.output.path}\`, matching this JSON Schema:`,
    "",
    "```json",
    JSON.stringify(envelope.output.schema, null, 2),
    "```",
    "",
  ].join("\n");
}
