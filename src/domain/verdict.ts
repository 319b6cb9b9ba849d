import type { z } from "zod";
import { reviewerVerdictSchema, type ReviewerVerdict } from "./review-envelope.js";
import { tddFindings, type TddEvidence } from "./tdd.js";

/**
 * The PM review of a worker's pull request (issue #5 "PM review"): tests green on the head commit,
 * scope respected, each acceptance criterion backed by evidence, gated paths flagged, and the
 * optional reviewer agent's verdict. Pure: the caller gathers the inputs and posts the outputs
 * (a pull request review and the check runs `orchestrator/review` and `orchestrator/scope`).
 *
 * The verdict NEVER merges anything by itself: APPROVED only means the PM found nothing to send
 * back. Merging needs a trusted `/approve` (or a trusted GitHub review when
 * `merge.accept_github_reviews` is on), checked by the merge queue. That is also why an APPROVED
 * verdict is posted as a COMMENT review: an APPROVE review by the app could satisfy a branch
 * protection's "required approvals" and so approve the merge on the PM's word alone.
 */

/** Names of the check runs the review itself posts; never read back as test results. */
export const REVIEW_CHECK_NAME = "orchestrator/review";
export const SCOPE_CHECK_NAME = "orchestrator/scope";
const OWN_CHECKS: ReadonlySet<string> = new Set([REVIEW_CHECK_NAME, SCOPE_CHECK_NAME]);

/** GitHub's limit on a check run's `summary` and `text`, characters. */
const CHECK_TEXT_LIMIT = 65_535;

/** One check run on the head commit (the port's `CheckRunSnapshot` satisfies it). */
export interface ReviewCheckRun {
  name: string;
  /** "queued" | "in_progress" | "completed" | ... */
  status: string;
  /** Set when completed: "success" | "failure" | "neutral" | "skipped" | "cancelled" | "timed_out" | ... */
  conclusion: string | null;
  appSlug: string | null;
}

export interface ReviewInput {
  headSha: string;
  /** Every check run on `headSha` (all apps). */
  checks: readonly ReviewCheckRun[];
  /** `merge.required_checks`; empty means every check on the head must pass. */
  requiredChecks: readonly string[];
  acceptanceCriteria: readonly string[];
  /** criterion -> evidence text from the worker report or PR body (matched exactly, then ignoring case and spacing). */
  evidence: Readonly<Record<string, string>> | ReadonlyMap<string, string>;
  /** Changed files outside the item's scope, and changed files under gated paths. */
  scope: { outOfScope: readonly string[]; gated: readonly string[] };
  /** The reviewer agent's raw JSON verdict (unvalidated), when one ran. */
  reviewerVerdict?: unknown;
  /**
   * Why the reviewer agent's run gave no verdict to validate (no verdict file, not JSON, an
   * unreadable verdict comment, the run ended without one): a failed review, like an invalid one.
   */
  reviewerProblem?: string;
  /** A reviewer agent is configured and has not answered yet: wait for it (PENDING). */
  reviewerExpected?: boolean;
  /** This app's slug: when given, only OUR runs named like our checks are excluded. */
  appSlug?: string;
  /**
   * `worker.tdd` on (issue #13): the pull request's red-then-green evidence (decoded, the reason it
   * is unreadable, or null when absent); missing evidence for a criterion is a finding.
   */
  tdd?: { evidence: TddEvidence | string | null };
}

export type Verdict = "APPROVED" | "CHANGES_REQUESTED" | "PENDING";

/** A check run to post; structurally a `CheckRunSpec` of the port. */
export interface ReviewCheckSpec {
  name: string;
  headSha: string;
  status: "in_progress" | "completed";
  conclusion?: "success" | "failure" | "neutral";
  title: string;
  summary: string;
  text: string;
}

export interface ScopeCheckSpec extends ReviewCheckSpec {
  annotations: Array<{ path: string; startLine: 1; endLine: 1; level: "failure"; title: string; message: string }>;
}

export interface ReviewResult {
  verdict: Verdict;
  /** Markdown lines: one per criterion, per finding, and notes (checks, gated paths). */
  lines: string[];
  /** What must change; non-empty exactly when the verdict is CHANGES_REQUESTED. Fed back to the worker. */
  findings: string[];
  reviewCheck: ReviewCheckSpec;
  scopeCheck: ScopeCheckSpec;
  /** The pull request review to post (null while PENDING); see the module comment for the event. */
  review: { event: "COMMENT" | "REQUEST_CHANGES"; body: string } | null;
}

/** Reviews a pull request's head commit (rules in the module comment and on each step below). */
export function reviewPullRequest(input: ReviewInput): ReviewResult {
  const tests = judgeChecks(input);
  const reviewer = input.reviewerProblem !== undefined ? failedReviewer(input.reviewerProblem) : judgeReviewer(input.reviewerVerdict);
  const awaitingReviewer = input.reviewerExpected === true && input.reviewerVerdict === undefined && input.reviewerProblem === undefined;
  const criteria = judgeCriteria(input, tests.state === "green", reviewer.verdict);
  const outOfScope = input.scope.outOfScope.map((path) => `\`${path}\` is outside the item's scope`);
  const tdd = input.tdd !== undefined ? tddFindings(input.acceptanceCriteria, input.tdd.evidence) : [];
  const findings = [...tests.failures, ...outOfScope, ...criteria.findings, ...tdd, ...reviewer.findings];
  const lines = [
    ...criteria.lines,
    ...[...tests.failures, ...outOfScope, ...tdd, ...reviewer.findings].map((f) => `- ❌ ${f}`),
    ...tests.notes.map((n) => `- ${n}`),
    ...reviewer.notes.map((n) => `- ${n}`),
    ...(awaitingReviewer ? ["- ⏳ waiting for the reviewer agent's verdict"] : []),
    ...gatedLines(input.scope.gated),
  ];
  const verdict = decide(tests.state, findings, awaitingReviewer);
  return {
    verdict,
    lines,
    findings: verdict === "CHANGES_REQUESTED" ? findings : [],
    reviewCheck: reviewCheck(input.headSha, verdict, lines, findings, criteria.backed, input.acceptanceCriteria.length),
    scopeCheck: scopeCheck(input.headSha, input.scope),
    review: verdict === "PENDING" ? null : { event: verdict === "APPROVED" ? "COMMENT" : "REQUEST_CHANGES", body: reviewBody(input.headSha, verdict, lines) },
  };
}

/**
 * PENDING while a check still runs (or none has reported) or the reviewer agent is awaited with
 * nothing found yet; CHANGES_REQUESTED on any finding; else APPROVED.
 */
function decide(tests: TestState, findings: readonly string[], awaitingReviewer: boolean): Verdict {
  if (tests === "running" || tests === "none") return "PENDING";
  if (findings.length > 0) return "CHANGES_REQUESTED";
  return awaitingReviewer ? "PENDING" : "APPROVED";
}

// --- checks ------------------------------------------------------------------------------------

type TestState = "green" | "red" | "running" | "none";

const PASSING = new Set(["success", "neutral", "skipped"]);

/** Whether a run is one of ours (avoid judging the review by its own previous result). */
export function isOwnCheck(check: Pick<ReviewCheckRun, "name" | "appSlug">, appSlug?: string): boolean {
  if (!OWN_CHECKS.has(check.name)) return false;
  return appSlug === undefined || check.appSlug === appSlug;
}

/**
 * Tests are green when every relevant check completed with success, neutral or skipped. Relevant:
 * the required checks when configured (a required check that has not reported yet is running),
 * else every check on the head; our own checks are never relevant. Several runs of one name
 * (re-runs) must all pass: conservative, since their order is not given.
 */
function judgeChecks(input: ReviewInput): { state: TestState; failures: string[]; notes: string[] } {
  const others = input.checks.filter((c) => !isOwnCheck(c, input.appSlug));
  const required = input.requiredChecks.filter((name) => !OWN_CHECKS.has(name));
  const notes: string[] = [];
  if (required.length < input.requiredChecks.length) notes.push(`ignored \`${REVIEW_CHECK_NAME}\`/\`${SCOPE_CHECK_NAME}\` in the required checks: the review cannot require itself`);
  const relevant = required.length > 0 ? others.filter((c) => required.includes(c.name)) : others;
  const missing = required.filter((name) => !others.some((c) => c.name === name));
  const running = relevant.filter((c) => c.status !== "completed");
  const failures = relevant
    .filter((c) => c.status === "completed" && !PASSING.has(c.conclusion ?? ""))
    .map((c) => `check \`${c.name}\` ${c.conclusion ?? "completed without a conclusion"} on the head commit`);
  if (missing.length > 0 || running.length > 0) {
    const waiting = [...missing.map((n) => `\`${n}\` (not reported yet)`), ...running.map((c) => `\`${c.name}\` (${c.status})`)];
    return { state: "running", failures: [], notes: [...notes, `⏳ waiting for checks: ${waiting.join(", ")}`] };
  }
  if (relevant.length === 0) return { state: "none", failures: [], notes: [...notes, "⏳ no check has reported on the head commit yet"] };
  if (failures.length > 0) return { state: "red", failures, notes };
  return { state: "green", failures: [], notes: [...notes, `✅ ${relevant.length} check(s) passed on the head commit`] };
}

// --- criteria ----------------------------------------------------------------------------------

/**
 * A criterion is backed when evidence exists for it and the tests on the head are green; when the
 * reviewer agent assessed it as not met, it is not backed whatever the evidence.
 */
function judgeCriteria(input: ReviewInput, green: boolean, reviewer: ReviewerVerdict | null): { lines: string[]; findings: string[]; backed: number } {
  const lines: string[] = [];
  const findings: string[] = [];
  let backed = 0;
  if (input.acceptanceCriteria.length === 0) lines.push("- ℹ️ the item has no acceptance criteria; only tests and scope were checked");
  for (const criterion of input.acceptanceCriteria) {
    const evidence = evidenceFor(input.evidence, criterion);
    const assessed = reviewer?.criteria.find((c) => normalize(c.criterion) === normalize(criterion));
    const problem = !evidence ? "no evidence in the worker report or pull request body" : !green ? "evidence given, but the tests on the head commit are not green" : assessed?.met === false ? `the reviewer agent found it not met${assessed.evidence ? `: ${oneLine(assessed.evidence)}` : ""}` : null;
    if (problem) {
      findings.push(`acceptance criterion not backed: "${oneLine(criterion)}" (${problem})`);
      lines.push(`- [ ] ${oneLine(criterion)} — ${problem}`);
      continue;
    }
    backed++;
    lines.push(`- [x] ${oneLine(criterion)} — ${oneLine(evidence ?? "")}`);
  }
  return { lines, findings, backed };
}

function evidenceFor(evidence: ReviewInput["evidence"], criterion: string): string | null {
  const entries: Array<[string, string]> = evidence instanceof Map ? [...evidence.entries()] : Object.entries(evidence);
  const exact = entries.find(([k]) => k === criterion) ?? entries.find(([k]) => normalize(k) === normalize(criterion));
  const text = exact?.[1]?.trim();
  return text ? text : null;
}

// --- reviewer agent ----------------------------------------------------------------------------

/**
 * The reviewer agent's verdict, if any. Invalid JSON shape: one finding (a failed review, never
 * ignored). `request_changes`: each finding of any severity, or the summary when it gave none.
 * `approve`: only `blocker` findings count; the rest are notes.
 */
function judgeReviewer(raw: unknown): { verdict: ReviewerVerdict | null; findings: string[]; notes: string[] } {
  if (raw === undefined) return { verdict: null, findings: [], notes: [] };
  const parsed = reviewerVerdictSchema.safeParse(raw);
  if (!parsed.success) return { verdict: null, findings: [`reviewer agent returned an invalid verdict: ${describeIssues(parsed.error)}`], notes: [] };
  const verdict = parsed.data;
  const blocking = verdict.verdict === "request_changes" ? verdict.findings : verdict.findings.filter((f) => f.severity === "blocker");
  const findings = blocking.map(formatFinding);
  if (verdict.verdict === "request_changes" && findings.length === 0) findings.push(`reviewer agent requested changes${verdict.summary ? `: ${oneLine(verdict.summary)}` : ""}`);
  const notes = verdict.findings.filter((f) => !blocking.includes(f)).map((f) => `ℹ️ ${formatFinding(f)}`);
  return { verdict, findings, notes };
}

/** A reviewer run that gave no verdict: one finding naming the problem (a failed review). */
function failedReviewer(problem: string): { verdict: null; findings: string[]; notes: string[] } {
  return { verdict: null, findings: [`reviewer agent gave no valid verdict: ${oneLine(problem)}`], notes: [] };
}

function formatFinding(f: ReviewerVerdict["findings"][number]): string {
  const where = f.file ? ` \`${f.file}${f.line ? `:${f.line}` : ""}\`` : "";
  return `reviewer (${f.severity})${where}: ${oneLine(f.message)}`;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join(".") : "(root)"}: ${i.message}`).join("; ");
}

// --- outputs -----------------------------------------------------------------------------------

function gatedLines(gated: readonly string[]): string[] {
  if (gated.length === 0) return [];
  return [`- ⚠️ gated paths changed, merging needs a trusted \`/approve\`: ${gated.map((p) => `\`${p}\``).join(", ")}`];
}

const NEVER_MERGES = "This verdict never merges anything by itself: merging needs a trusted `/approve`.";

function reviewCheck(headSha: string, verdict: Verdict, lines: readonly string[], findings: readonly string[], backed: number, total: number): ReviewCheckSpec {
  const text = clip(lines.join("\n"));
  const base = { name: REVIEW_CHECK_NAME, headSha, text };
  if (verdict === "PENDING") return { ...base, status: "in_progress", title: "Review pending", summary: "Waiting for checks on the head commit (or the reviewer agent) before judging." };
  if (verdict === "APPROVED") {
    return { ...base, status: "completed", conclusion: "success", title: `Approved: ${backed}/${total} criteria backed, tests green`, summary: `The PM review found nothing to change. ${NEVER_MERGES}` };
  }
  const summary = clip([`The PM review found ${findings.length} thing(s) to change; the worker gets them as feedback.`, "", ...findings.map((f) => `- ${f}`)].join("\n"));
  return { ...base, status: "completed", conclusion: "failure", title: `Changes requested: ${findings.length} finding(s)`, summary };
}

function scopeCheck(headSha: string, scope: ReviewInput["scope"]): ScopeCheckSpec {
  const gated = scope.gated.length > 0 ? `Gated paths changed (need a trusted \`/approve\`): ${scope.gated.map((p) => `\`${p}\``).join(", ")}.` : "";
  const base = { name: SCOPE_CHECK_NAME, headSha, status: "completed" as const, text: "" };
  if (scope.outOfScope.length > 0) {
    const annotations = scope.outOfScope.map((path) => ({ path, startLine: 1 as const, endLine: 1 as const, level: "failure" as const, title: "Outside scope", message: `${path} is outside the work item's scope.` }));
    const summary = clip([`${scope.outOfScope.length} file(s) outside the item's scope; a pull request with files outside scope is never queued.`, gated].filter((s) => s).join("\n\n"));
    return { ...base, conclusion: "failure", title: `${scope.outOfScope.length} file(s) outside scope`, summary, annotations };
  }
  if (gated) return { ...base, conclusion: "neutral", title: "In scope; gated paths need a trusted /approve", summary: clip(gated), annotations: [] };
  return { ...base, conclusion: "success", title: "All changed files are in scope", summary: "Every changed file is within the item's scope.", annotations: [] };
}

function reviewBody(headSha: string, verdict: Exclude<Verdict, "PENDING">, lines: readonly string[]): string {
  const head = verdict === "APPROVED" ? "✅ APPROVED" : "❌ CHANGES REQUESTED";
  return clip([`### PM review: ${head} for \`${headSha.slice(0, 7)}\``, "", ...lines, "", `_${NEVER_MERGES}_`].join("\n"));
}

function normalize(s: string): string {
  return s.trim().replace(/\s+/g, " ").toLowerCase();
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

/** Cuts text to GitHub's check run limit, saying so. */
function clip(text: string): string {
  if (text.length <= CHECK_TEXT_LIMIT) return text;
  const note = "\n\n… (truncated)";
  return text.slice(0, CHECK_TEXT_LIMIT - note.length) + note;
}
