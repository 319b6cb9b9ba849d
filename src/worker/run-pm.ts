import { execa } from "execa";
import type { AgentName, OrchestratorConfig } from "../config/schema.js";
import type { AgentAdapter } from "../agents/adapter.js";
import { redactSecrets } from "../domain/blocker-report.js";
import { decodePmHandoffBlock, encodePmHandoffBlock, pmHandoffMarker } from "../domain/item/markers.js";
import { buildPmEnvelope, renderPmEnvelopeMarkdown, type PmEnvelope } from "../domain/pm/envelope.js";
import type { PmHandoffBlock } from "../domain/pm/handoff-block.js";
import { isAnswerText } from "../domain/pm/refine.js";
import { PM_ENVELOPE_PATH, PM_HANDOFF_PATH, type PmTask } from "../domain/pm/tasks.js";
import { approvedTextFor } from "../domain/trust/approval-digest.js";
import type { CommentSnapshot, GitHubPort, IssueSnapshot } from "../github/port.js";
import { runHandoffAgent } from "./agent-handoff.js";
import { readState, type WorkerLog } from "./run-worker.js";

/**
 * The PM run (issue #13: "Agent work runs through the worker Action with new modes, the same
 * adapters, the scrubbed environment and the budgets; the agent returns a zod-validated JSON
 * handoff"). `orchestrator pm --task refine|plan --issue N --revision R` on an Actions runner,
 * dispatched by the app as the worker workflow with `mode: refine|plan`:
 *
 * 1. reads the issue (title, body: the text a trusted author wrote or a trusted person approved),
 *    the author's comments after the previous PM handoff of this task (the answers to its
 *    questions) and that handoff (to revise), and the repository's file list (`git ls-files`);
 * 2. writes the PM envelope to PM_ENVELOPE_PATH and its Markdown twin: the task's instructions
 *    (src/domain/pm/instructions.ts), the item text marked as untrusted data, the task's JSON Schema;
 * 3. runs `pm.agent` through the same adapters and scrubbed environment as the coder (no token);
 * 4. reads PM_HANDOFF_PATH and posts ONE comment on the issue, found by
 *    `pmHandoffMarker(task, revision)`, ending with the PM handoff block: the raw handoff, or the
 *    problem (no file, not JSON, agent missing or failed). Validation is the app's job.
 * It never commits or pushes.
 */

export interface PmDeps {
  port: GitHubPort;
  /** The checkout (the default branch, as the workflow checks it out). */
  workspace: string;
  task: PmTask;
  issue: number;
  revision: number;
  config: OrchestratorConfig;
  runId?: number;
  env?: Readonly<Record<string, string | undefined>>;
  log?: WorkerLog;
  /** Adapter overrides by name (tests). */
  adapters?: Partial<Record<AgentName, AgentAdapter>>;
}

export interface PmRunResult {
  /** 0: handoff comment posted (whatever it holds); 2: bad input or error, nothing posted. */
  exitCode: 0 | 2;
  block?: PmHandoffBlock;
  error?: string;
}

const defaultLog: WorkerLog = (message, meta) => {
  process.stderr.write(`[orchestrator pm] ${message}${meta !== undefined ? ` ${JSON.stringify(meta)}` : ""}\n`);
};

/** Runs one PM run (see the module comment). Never rejects for agent or handoff problems (they are posted). */
export async function runPm(deps: PmDeps): Promise<PmRunResult> {
  const log = deps.log ?? defaultLog;
  const env = deps.env ?? process.env;
  const { port, config, task, revision } = deps;
  const agent = config.pm.agent;
  if (agent === null) return { exitCode: 2, error: "pm.agent is not set in .github/orchestrator.yml: there is no PM agent to run" };
  // The issue and its comments in one request: the status comment, the history and the handoff comment come from them.
  const issue = (await port.getIssueWithComments(deps.issue))?.issue ?? null;
  if (issue === null || issue.isPullRequest) return { exitCode: 2, error: `issue #${deps.issue} not found in ${port.repo.owner}/${port.repo.repo}` };

  const post = async (fields: Pick<PmHandoffBlock, "handoff" | "problem" | "text">): Promise<PmHandoffBlock> => {
    const block: PmHandoffBlock = { v: 1, task, issue: issue.number, revision, agent: agent.name, ...(deps.runId !== undefined ? { runId: deps.runId } : {}), ...fields };
    const marker = pmHandoffMarker(task, revision);
    const outcome = fields.problem !== undefined ? `no handoff: ${fields.problem}` : "handoff returned; the app validates it";
    const body = [marker, `**PM agent** \`${agent.name}\` (${task}, revision ${revision}): ${outcome.replace(/\s+/g, " ")}`, "", encodePmHandoffBlock(block)].join("\n");
    await port.upsertComment(issue.number, marker, body);
    log("handoff posted", { issue: issue.number, task, revision, problem: fields.problem ?? null });
    return block;
  };

  try {
    const state = await readState(port, issue.number, log);
    // trust (#10): the agent gets only text a trusted person wrote or approved.
    const text = approvedTextFor({ trusted: state?.trusted ?? false, approval: state?.itemApproval }, { title: issue.title, body: issue.body });
    if (!text.ok) return { exitCode: 0, block: await post({ problem: text.reason }) };
    const comments = await port.listComments(issue.number);
    const history = pmHistory(comments, issue, task, revision);
    // Answers count only from an author trusted on their own: an approval covers the issue's text, not later comments.
    const answers = state?.trusted === true && state.itemApproval === undefined ? history.answers : [];
    const built = buildPmEnvelope({
      task,
      revision,
      repository: `${port.repo.owner}/${port.repo.repo}`,
      issue: { number: issue.number, title: text.text.title, url: issue.htmlUrl, author: issue.author.login, labels: [...issue.labels], body: text.text.body ?? "" },
      answers,
      ...(history.previous !== undefined ? { previous: history.previous } : {}),
      files: await repositoryFiles(deps.workspace),
    });
    if (!built.ok) return { exitCode: 0, block: await post({ problem: `the PM envelope could not be built: ${built.errors.join("; ")}` }) };
    log("PM agent run", { issue: issue.number, task, revision, agent: agent.name });
    const result = await runHandoffAgent({
      agent,
      key: "pm.agent",
      role: "PM agent",
      envelope: built.envelope,
      markdown: renderPmEnvelopeMarkdown(built.envelope),
      envelopeName: PM_ENVELOPE_PATH.replace(/^.*\//, "").replace(/\.json$/, ""),
      outputPath: PM_HANDOFF_PATH,
      outputName: "handoff",
      workspace: deps.workspace,
      config,
      env,
      ...(deps.adapters ? { adapters: deps.adapters } : {}),
    });
    return { exitCode: 0, block: await post("value" in result ? { handoff: result.value } : result) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    log("PM run error", { detail });
    return { exitCode: 0, block: await post({ problem: `the PM run failed: ${redactSecrets(detail)}` }) };
  }
}

/**
 * From the issue's comments: the previous revision's raw handoff of `task` (the newest bot comment
 * with a PM handoff marker of an earlier revision) and the author's comments after it (commands and
 * the app's own comments left out), oldest first.
 */
export function pmHistory(comments: readonly CommentSnapshot[], issue: Pick<IssueSnapshot, "author">, task: PmTask, revision: number): { previous?: unknown; answers: PmEnvelope["answers"] } {
  let after = -1;
  let previous: unknown;
  for (let r = revision - 1; r >= 1 && after < 0; r--) {
    const index = comments.findLastIndex((c) => c.author.type === "Bot" && c.body.includes(pmHandoffMarker(task, r)));
    if (index < 0) continue;
    after = index;
    const decoded = decodePmHandoffBlock(comments[index]!.body);
    if (decoded.kind === "ok" && decoded.value.handoff !== undefined) previous = decoded.value.handoff;
  }
  const answers = comments
    .slice(after + 1)
    .filter((c) => c.author.login.toLowerCase() === issue.author.login.toLowerCase() && c.author.type !== "Bot")
    .filter((c) => isAnswerText(c.body))
    .map((c) => ({ author: c.author.login, at: c.createdAt, body: c.body }));
  return { ...(previous !== undefined ? { previous } : {}), answers };
}

/** The repository's tracked files (`git ls-files`); empty when the workspace is not a checkout. */
async function repositoryFiles(workspace: string): Promise<string[]> {
  const listed = await execa("git", ["ls-files", "-z"], { cwd: workspace, reject: false, encoding: "utf8" });
  return listed.exitCode === 0 ? String(listed.stdout).split("\0").filter((f) => f !== "") : [];
}
