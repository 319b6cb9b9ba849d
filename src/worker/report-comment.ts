import type { AgentUsage } from "../agents/adapter.js";
import { redactSecrets, renderBlockerReport, type BlockerInput } from "../domain/blocker-report.js";
import type { TaskEnvelope } from "../domain/envelope.js";
import { type WorkerReport } from "../domain/worker-report.js";
import type { CheckResult, CommandRun } from "./checks.js";
import { spendLine } from "./job-summary.js";
import { encodeTddEvidenceBlock, encodeWorkerReport, reportMarker } from "../domain/item/markers.js";
import { renderTddEvidence } from "../domain/tdd.js";

/**
 * Bodies the worker writes to GitHub: the pull request body and the per-attempt report comment
 * (human summary + hidden report block, found by its marker).
 */

const usageLine = spendLine;

function fence(text: string): string {
  return `\`\`\`\`text\n${redactSecrets(text).trimEnd()}\n\`\`\`\``;
}

function commandEvidence(label: string, run: CommandRun): string {
  return `<details><summary>${label}: <code>${run.command.replace(/</g, "&lt;")}</code> exit ${run.exitCode ?? "signal"}</summary>\n\n${fence(run.outputTail || "(no output)")}\n\n</details>`;
}

export interface PrBodyInput {
  issue: number;
  envelope: TaskEnvelope;
  checks: CheckResult;
  acceptanceBefore?: CommandRun;
  report: WorkerReport;
  usage: AgentUsage;
}

/** The pull request body: `Closes #N`, summary, criteria with evidence, iterations, strategies, cost. */
export function renderPrBody(p: PrBodyInput): string {
  const r = p.report;
  const evidence = p.checks.acceptance ?? p.checks.tests;
  const criteria =
    p.envelope.acceptanceCriteria.length === 0
      ? "_The issue lists no acceptance criteria; the test command passes (evidence below)._"
      : p.envelope.acceptanceCriteria.map((c) => `- [x] ${c} — evidence: \`${evidence.command}\` passed (exit 0), output below`).join("\n");
  const parts = [
    `Closes #${p.issue}`,
    `## Summary\n\n${p.envelope.goal.split("\n")[0] ?? p.envelope.title}\n\nAttempt ${r.attempt}: ${r.iterations} agent run(s) over ${r.strategies.length} strateg${r.strategies.length === 1 ? "y" : "ies"}; agent usage: ${usageLine(p.usage)}.`,
    `## Acceptance criteria\n\n${criteria}`,
    `## Evidence\n\n${commandEvidence("Tests", p.checks.tests)}`,
  ];
  if (r.tdd !== undefined) parts.push(`## Red then green (TDD)\n\n${renderTddEvidence(r.tdd)}\n\n${encodeTddEvidenceBlock(r.tdd)}`);
  if (p.checks.acceptance !== undefined) parts.push(commandEvidence("Acceptance test (after)", p.checks.acceptance));
  if (p.acceptanceBefore !== undefined) {
    const note = p.acceptanceBefore.exitCode === 0 ? "It already passed before the change, so it proves little." : "It failed before the change, as it should.";
    parts.push(`${commandEvidence("Acceptance test (before)", p.acceptanceBefore)}\n\n${note}`);
  }
  if (r.strategies.length > 0) {
    parts.push(["## Strategies", "", ...r.strategies.map((s) => `- ${s.index + 1}: ${s.outcome}, ${s.iterations} iteration(s) — ${redactSecrets(s.summary)}`)].join("\n"));
  }
  if (r.needsPerson) {
    const why = [r.gated.length > 0 ? `gated paths: ${r.gated.map((g) => `\`${g}\``).join(", ")}` : "", r.deleted > 0 ? `${r.deleted} file(s) deleted` : ""].filter((x) => x !== "");
    parts.push(`## Needs a person\n\nThis change needs a trusted \`/approve\` before it can merge (${why.join("; ")}).`);
  }
  return parts.join("\n\n");
}

/** The report comment for a pull request outcome. */
export function renderSuccessComment(report: WorkerReport, prUrl: string, usage: AgentUsage): string {
  const lines = [
    reportMarker(report.attempt),
    `### Attempt ${report.attempt}: pull request ${prUrl}`,
    `${report.iterations} agent run(s), ${report.strategies.length} strateg${report.strategies.length === 1 ? "y" : "ies"}; agent usage: ${usageLine(usage)}.`,
  ];
  if (report.needsPerson) lines.push(`Needs a trusted \`/approve\`: ${[...report.gated.map((g) => `\`${g}\``), report.deleted > 0 ? `${report.deleted} deletions` : ""].filter((x) => x !== "").join(", ")}.`);
  lines.push(encodeWorkerReport(report));
  return lines.join("\n\n");
}

/** The report comment for a blocked outcome: the blocker report plus the hidden block. */
export function renderBlockedComment(report: WorkerReport, input: BlockerInput): string {
  const files = report.outOfScope.length > 0 ? `\n\nFiles outside scope:\n${report.outOfScope.map((f) => `- \`${f}\``).join("\n")}` : "";
  return [reportMarker(report.attempt), renderBlockerReport(input) + files, encodeWorkerReport(report)].join("\n\n");
}
