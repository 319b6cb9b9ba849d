/**
 * Check runs and suites as GitHub keeps them: one suite per (app, head sha); a suite completes
 * when all its runs have, with the worst conclusion. Sends check_run created/completed and
 * check_suite completed webhooks (to every listener, like an app with checks:read).
 */
import type { StandInContext } from "./context.js";
import type { AppRecord, CheckRunRecord, CheckSuiteRecord } from "./state.js";
import { emit } from "./events.js";
import { checkRunJson, checkSuiteJson, isoNow, pullRefJson } from "./shapes.js";

export async function pullRefsFor(ctx: StandInContext, sha: string): Promise<Record<string, unknown>[]> {
  const out = [];
  for (const pr of ctx.state.openPullsWithHead(sha)) out.push(pullRefJson(ctx, pr, await ctx.git.branchSha(pr.baseRef)));
  return out;
}

export interface CheckRunInput {
  name: string;
  headSha: string;
  status?: CheckRunRecord["status"];
  conclusion?: string | null;
  startedAt?: string;
  completedAt?: string;
  detailsUrl?: string;
  externalId?: string;
  output?: { title?: string | null; summary?: string | null; text?: string | null; annotations?: unknown[] };
}

function suiteFor(ctx: StandInContext, app: AppRecord, sha: string, branch: string | null): CheckSuiteRecord {
  for (const s of ctx.state.checkSuites.values()) if (s.app.id === app.id && s.headSha === sha) return s;
  const now = isoNow();
  const suite: CheckSuiteRecord = { id: ctx.state.ids.take("checkSuite"), headSha: sha, headBranch: branch, app, status: "queued", conclusion: null, createdAt: now, updatedAt: now };
  ctx.state.checkSuites.set(suite.id, suite);
  return suite;
}

async function headBranchOf(ctx: StandInContext, sha: string): Promise<string | null> {
  for (const b of await ctx.git.branches()) if (b.sha === sha) return b.name;
  return null;
}

export async function runJson(ctx: StandInContext, run: CheckRunRecord): Promise<Record<string, unknown>> {
  return checkRunJson(ctx, run, await pullRefsFor(ctx, run.headSha));
}

export async function createCheckRun(ctx: StandInContext, app: AppRecord, input: CheckRunInput, sender: string): Promise<CheckRunRecord> {
  const suite = suiteFor(ctx, app, input.headSha, await headBranchOf(ctx, input.headSha));
  const now = isoNow();
  const completed = input.status === "completed" || !!input.conclusion;
  const run: CheckRunRecord = {
    id: ctx.state.ids.take("checkRun"),
    name: input.name,
    headSha: input.headSha,
    status: completed ? "completed" : (input.status ?? "queued"),
    conclusion: completed ? (input.conclusion ?? null) : null,
    startedAt: input.startedAt ?? now,
    completedAt: completed ? (input.completedAt ?? now) : null,
    output: {
      title: input.output?.title ?? null,
      summary: input.output?.summary ?? null,
      text: input.output?.text ?? null,
      annotations_count: input.output?.annotations?.length ?? 0,
    },
    detailsUrl: input.detailsUrl ?? null,
    externalId: input.externalId ?? null,
    app,
    suiteId: suite.id,
  };
  ctx.state.checkRuns.set(run.id, run);
  suite.status = "in_progress";
  suite.conclusion = null;
  suite.updatedAt = now;
  ctx.note({ kind: "write", actor: sender, summary: `check run "${run.name}" ${run.status}${run.conclusion ? " " + run.conclusion : ""} on ${run.headSha.slice(0, 7)} by ${sender}` });
  emit(ctx, "check_run", sender, { action: "created", check_run: await runJson(ctx, run) });
  if (run.status === "completed") await afterCompletion(ctx, run, sender);
  return run;
}

export async function updateCheckRun(ctx: StandInContext, run: CheckRunRecord, input: Partial<CheckRunInput>, sender: string): Promise<void> {
  const wasCompleted = run.status === "completed";
  if (input.name) run.name = input.name;
  if (input.detailsUrl !== undefined) run.detailsUrl = input.detailsUrl;
  if (input.externalId !== undefined) run.externalId = input.externalId;
  if (input.startedAt) run.startedAt = input.startedAt;
  if (input.output) {
    run.output = {
      title: input.output.title ?? run.output.title,
      summary: input.output.summary ?? run.output.summary,
      text: input.output.text ?? run.output.text,
      annotations_count: run.output.annotations_count + (input.output.annotations?.length ?? 0),
    };
  }
  if (input.conclusion || input.status === "completed") {
    run.status = "completed";
    run.conclusion = input.conclusion ?? run.conclusion;
    run.completedAt = input.completedAt ?? isoNow();
  } else if (input.status) {
    run.status = input.status;
  }
  ctx.note({ kind: "write", actor: sender, summary: `check run "${run.name}" updated: ${run.status}${run.conclusion ? " " + run.conclusion : ""} on ${run.headSha.slice(0, 7)} by ${sender}` });
  if (!wasCompleted && run.status === "completed") {
    emit(ctx, "check_run", sender, { action: "completed", check_run: await runJson(ctx, run) });
    await afterCompletion(ctx, run, sender, false);
  }
}

/** Worst-first order GitHub uses to roll run conclusions up into a suite conclusion. */
const SEVERITY = ["action_required", "cancelled", "timed_out", "failure", "neutral", "stale", "skipped", "success"];

async function afterCompletion(ctx: StandInContext, run: CheckRunRecord, sender: string, emitRun = true): Promise<void> {
  if (emitRun) emit(ctx, "check_run", sender, { action: "completed", check_run: await runJson(ctx, run) });
  const suite = ctx.state.checkSuites.get(run.suiteId)!;
  const runs = [...ctx.state.checkRuns.values()].filter((r) => r.suiteId === suite.id);
  if (runs.some((r) => r.status !== "completed")) return;
  const conclusions = runs.map((r) => r.conclusion ?? "neutral");
  suite.status = "completed";
  suite.conclusion = SEVERITY.find((c) => conclusions.includes(c)) ?? "success";
  suite.updatedAt = isoNow();
  const head = await ctx.git.commitInfo(suite.headSha).catch(() => null);
  emit(ctx, "check_suite", sender, { action: "completed", check_suite: checkSuiteJson(ctx, suite, await pullRefsFor(ctx, suite.headSha), head) });
}
