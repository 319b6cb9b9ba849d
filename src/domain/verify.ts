import { z } from "zod";

/**
 * Verification after landing (issue #13 item 4, "production verification with evidence"). When
 * `verify.command` is set, a landed work item (after its merge, or after a successful
 * `deployment_status` with `verify.on: deployment`) gets a verify run: the worker workflow with
 * `mode: verify` checks out the landed commit, writes {@link VERIFY_ENVELOPE_PATH}, runs the
 * command, reads {@link VERIFICATION_PATH} and posts it RAW in a marked comment on the issue
 * ({@link VerifyRunBlock}). The app validates it here ({@link judgeVerification}), records the
 * evidence (one comment by marker, a line in the status comment) and, on a failed criterion,
 * reopens the item as a hotfix with the evidence as guidance (`verify.on_failure: reopen`) or opens
 * the revert pull request the verify run pushed (`revert`). Pure.
 */

/** The verify envelope the worker writes for the command (git-excluded). */
export const VERIFY_ENVELOPE_PATH = ".orchestrator/verify-envelope.json";
/** Where the verify command writes its result. */
export const VERIFICATION_PATH = ".orchestrator/verification.json";

const text = z.string().trim().min(1);

/** What the verify command gets: the item, the landed commit and the criteria to check. */
export const verifyEnvelopeSchema = z.object({
  v: z.literal(1),
  kind: z.literal("verify"),
  /** `owner/repo`. */
  repository: text,
  issue: z.number().int().positive(),
  title: text,
  /** The landed commit (merge commit, or the deployed sha) checked out in the work tree. */
  commit: text,
  acceptanceCriteria: z.array(text),
  output: z.object({ path: z.literal(VERIFICATION_PATH) }),
});
export type VerifyEnvelope = z.infer<typeof verifyEnvelopeSchema>;

export const VERIFY_RESULTS = ["PASSED", "FAILED"] as const;

/** One criterion as the verify command judged it. */
export const criterionVerificationSchema = z.object({
  criterion: text,
  result: z.enum(VERIFY_RESULTS),
  /** What was checked and seen (command output, URL, measurement); untrusted text, only shown. */
  evidence: z.string().max(4000),
});
export type CriterionVerification = z.infer<typeof criterionVerificationSchema>;

/** The file the verify command writes to {@link VERIFICATION_PATH}. */
export const verificationSchema = z.object({ criteria: z.array(criterionVerificationSchema).min(1) });

/**
 * The verify run's handoff (worker -> app), a hidden block in its comment on the issue: the raw
 * verification (validated by the app, never by the worker), or the problem that kept it from
 * giving one (no file, not JSON, the command failed to start or timed out); the revert branch it
 * pushed when `verify.on_failure` is `revert` and a criterion failed.
 */
export const verifyRunBlockSchema = z.object({
  v: z.literal(1),
  issue: z.number().int().positive(),
  sha: text,
  runId: z.number().int().optional(),
  runUrl: z.string().optional(),
  exitCode: z.number().int().nullable().optional(),
  verification: z.unknown().optional(),
  problem: z.string().optional(),
  /** A non-JSON verification file, cut (shown with the problem). */
  text: z.string().optional(),
  revertBranch: z.string().optional(),
  /** Why no revert branch was pushed although a criterion failed (a conflict, a refused push). */
  revertProblem: z.string().optional(),
});
export type VerifyRunBlock = z.infer<typeof verifyRunBlockSchema>;

/** The verification recorded on the item (`state.verification`). */
export const verificationRecordSchema = z.object({
  sha: z.string(),
  /** PASSED: every criterion passed; FAILED: one failed; INVALID: no usable verification (said why). */
  result: z.enum(["PASSED", "FAILED", "INVALID"]),
  at: z.string(),
  runUrl: z.string().optional(),
  criteria: z.array(criterionVerificationSchema).default([]),
  reason: z.string().optional(),
  /** The pull request the landing came from (kept: a reopened item's `pr` is cleared). */
  pr: z.number().int().optional(),
  /** What the app did about a failure: reopened as a hotfix, or the revert pull request. */
  action: z.union([z.object({ kind: z.literal("reopened") }), z.object({ kind: z.literal("revert"), pr: z.number().int().optional(), problem: z.string().optional() })]).optional(),
});
export type VerificationRecord = z.infer<typeof verificationRecordSchema>;

/** The app's judgement of a verify run's block. */
export type VerificationJudgement =
  | { kind: "PASSED" | "FAILED"; criteria: CriterionVerification[] }
  | { kind: "INVALID"; reason: string };

const key = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();

/**
 * Judges a verify run's raw output against the item's acceptance criteria. Rules: the file must
 * match {@link verificationSchema} (else INVALID, with zod's issues); a criterion of the item the
 * command did not report on counts as FAILED ("not verified": silence is not a pass); results
 * for criteria the item does not have are kept (shown) but judged like the rest. FAILED when any
 * criterion failed, else PASSED. An item without criteria is judged on what the command reported.
 */
export function judgeVerification(block: Pick<VerifyRunBlock, "verification" | "problem">, criteria: readonly string[]): VerificationJudgement {
  if (block.problem !== undefined) return { kind: "INVALID", reason: block.problem };
  const parsed = verificationSchema.safeParse(block.verification);
  if (!parsed.success) {
    return { kind: "INVALID", reason: `\`${VERIFICATION_PATH}\` is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}` };
  }
  const reported = parsed.data.criteria;
  const missing = criteria
    .filter((c) => !reported.some((r) => key(r.criterion) === key(c)))
    .map((criterion): CriterionVerification => ({ criterion, result: "FAILED", evidence: "not verified: the verify command did not report on this criterion" }));
  const all = [...reported, ...missing];
  return { kind: all.some((c) => c.result === "FAILED") ? "FAILED" : "PASSED", criteria: all };
}

/** The branch a verify run pushes the revert of `sha` to (`verify.on_failure: revert`). */
export function revertBranchName(issue: number, sha: string, prefix: string): string {
  return `${prefix}revert-${issue}-${sha.slice(0, 7)}`;
}

/**
 * The guidance a reopened item's next attempt gets (state.feedback): the failed criteria with
 * their evidence, so the hotfix starts from what production showed.
 */
export function hotfixFeedback(record: Pick<VerificationRecord, "sha" | "criteria" | "runUrl">): string[] {
  const failed = record.criteria.filter((c) => c.result === "FAILED");
  return [
    `Verification after landing failed on ${record.sha.slice(0, 7)}${record.runUrl ? ` (${record.runUrl})` : ""}: fix it as a hotfix.`,
    ...failed.map((c) => `Criterion FAILED in verification: "${oneLine(c.criterion)}"; evidence: ${oneLine(c.evidence) || "(none)"}`),
  ];
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim().slice(0, 1000);
}

/** The verification comment's body (without its marker): per criterion PASSED/FAILED, commit, run. */
export function renderVerification(record: VerificationRecord): string {
  const cell = (s: string) => oneLine(s).replace(/\|/g, "\\|");
  const head = `**Verification after landing:** ${record.result} on ${record.sha}${record.runUrl ? ` ([run](${record.runUrl}))` : ""}`;
  const lines = [head, ""];
  if (record.result === "INVALID") lines.push(`No usable verification: ${record.reason ?? "unknown"}. Fix the \`verify.command\` (see docs/verify.md); nothing was reopened or reverted.`);
  else {
    lines.push("| Criterion | Result | Evidence |", "| --- | --- | --- |");
    for (const c of record.criteria) lines.push(`| ${cell(c.criterion)} | ${c.result === "PASSED" ? "✅ PASSED" : "❌ FAILED"} | ${cell(c.evidence) || "—"} |`);
  }
  const action = record.action;
  if (action?.kind === "reopened") lines.push("", "The item is reopened as a hotfix; its next attempt gets this evidence.");
  if (action?.kind === "revert") {
    lines.push("", action.pr !== undefined ? `Revert pull request: #${action.pr} (it needs an \`/approve\` like any other).` : `The revert could not be opened: ${action.problem ?? "no revert branch was pushed"}.`);
  }
  return lines.join("\n");
}

/** The status comment's line for the last verification, or none. */
export function verificationLines(record: VerificationRecord | undefined): string[] {
  if (record === undefined) return [];
  const counts = record.result === "INVALID" ? `no usable verification (${oneLine(record.reason ?? "")})` : `${record.criteria.filter((c) => c.result === "PASSED").length}/${record.criteria.length} criteria passed`;
  return [`**Verification:** ${record.result} on ${record.sha.slice(0, 7)}: ${counts}${record.runUrl ? ` ([run](${record.runUrl}))` : ""}`, ""];
}
