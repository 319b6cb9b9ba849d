/**
 * Checks and commit statuses: /check-runs, /check-runs/{check_run_id}, /commits/{ref}/check-runs,
 * /commits/{ref}/check-suites, /check-suites/{check_suite_id}, /statuses/{sha},
 * /commits/{ref}/status, /commits/{ref}/statuses.
 */
import type { StandInContext } from "../context.js";
import type { AppRecord } from "../state.js";
import { createCheckRun, pullRefsFor, runJson, updateCheckRun } from "../check-runs.js";
import { emit } from "../events.js";
import { HttpError, intParam, notFound, paginate, unprocessable, type RouteRequest, type Routes } from "../routing.js";
import { commitJson } from "./repos.js";
import { ACTIONS_APP, checkSuiteJson, isoNow, mainApp, nodeId, repoApi, repositoryJson, userJsonByLogin } from "../shapes.js";

/** The app behind the caller's token; only apps can write checks ("You must authenticate via a GitHub App."). */
function callerApp(req: RouteRequest, ctx: StandInContext): AppRecord {
  if (req.identity.kind === "installation") return mainApp(ctx);
  if (req.identity.kind === "run") return ACTIONS_APP;
  throw new HttpError(403, "You must authenticate via a GitHub App.");
}

async function shaOf(ctx: StandInContext, ref: string): Promise<string> {
  const sha = await ctx.git.resolve(ref);
  if (!sha) throw unprocessable(`No commit found for SHA: ${ref}`);
  return sha;
}

export function checkRoutes(routes: Routes): void {
  routes.add("POST", "/repos/{owner}/{repo}/check-runs", async (req, ctx) => {
    const app = callerApp(req, ctx);
    const b = req.body;
    const sha = await ctx.git.resolve(b.head_sha);
    if (!sha || sha !== b.head_sha) throw unprocessable("No commit found for SHA: " + b.head_sha);
    if (b.status === "completed" && !b.conclusion) throw unprocessable("Invalid request.\n\nconclusion is required when status is completed.");
    const run = await createCheckRun(
      ctx,
      app,
      { name: b.name, headSha: sha, status: b.status, conclusion: b.conclusion, startedAt: b.started_at, completedAt: b.completed_at, detailsUrl: b.details_url, externalId: b.external_id, output: b.output },
      req.caller,
    );
    return { status: 201, body: await runJson(ctx, run) };
  });

  routes.add("GET", "/repos/{owner}/{repo}/check-runs/{check_run_id}", async (req, ctx) => {
    const run = ctx.state.checkRuns.get(intParam(req, "check_run_id"));
    if (!run) throw notFound();
    return { status: 200, body: await runJson(ctx, run) };
  });

  routes.add("PATCH", "/repos/{owner}/{repo}/check-runs/{check_run_id}", async (req, ctx) => {
    const app = callerApp(req, ctx);
    const run = ctx.state.checkRuns.get(intParam(req, "check_run_id"));
    if (!run) throw notFound();
    if (run.app.id !== app.id) throw new HttpError(403, "Invalid app_id `" + app.id + "` - check run can only be modified by the GitHub App that created it.");
    const b = req.body ?? {};
    if (b.status === "completed" && !b.conclusion && !run.conclusion) throw unprocessable("Invalid request.\n\nconclusion is required when status is completed.");
    await updateCheckRun(ctx, run, { name: b.name, status: b.status, conclusion: b.conclusion, startedAt: b.started_at, completedAt: b.completed_at, detailsUrl: b.details_url, externalId: b.external_id, output: b.output }, req.caller);
    return { status: 200, body: await runJson(ctx, run) };
  });

  routes.add("GET", "/repos/{owner}/{repo}/commits/{ref}/check-runs", async (req, ctx) => {
    const sha = await shaOf(ctx, req.params.ref!);
    const name = req.query.get("check_name");
    const status = req.query.get("status");
    const appId = req.query.get("app_id");
    let runs = [...ctx.state.checkRuns.values()].filter((r) => r.headSha === sha);
    if (name) runs = runs.filter((r) => r.name === name);
    if (status) runs = runs.filter((r) => r.status === status);
    if (appId) runs = runs.filter((r) => String(r.app.id) === appId);
    if ((req.query.get("filter") ?? "latest") === "latest") {
      const latest = new Map<string, (typeof runs)[number]>();
      for (const r of runs) latest.set(`${r.app.id}/${r.name}`, r);
      runs = [...latest.values()];
    }
    runs.sort((a, b) => b.id - a.id);
    const json = [];
    for (const r of runs) json.push(await runJson(ctx, r));
    return paginate(req, json, (page) => ({ total_count: json.length, check_runs: page }));
  });

  routes.add("GET", "/repos/{owner}/{repo}/commits/{ref}/check-suites", async (req, ctx) => {
    const sha = await shaOf(ctx, req.params.ref!);
    const appId = req.query.get("app_id");
    const name = req.query.get("check_name");
    let suites = [...ctx.state.checkSuites.values()].filter((s) => s.headSha === sha && (!appId || String(s.app.id) === appId));
    if (name) suites = suites.filter((s) => [...ctx.state.checkRuns.values()].some((r) => r.suiteId === s.id && r.name === name));
    const head = await ctx.git.commitInfo(sha);
    const prs = await pullRefsFor(ctx, sha);
    const json = suites.map((s) => checkSuiteJson(ctx, s, prs, head));
    return paginate(req, json, (page) => ({ total_count: json.length, check_suites: page }));
  });

  routes.add("GET", "/repos/{owner}/{repo}/check-suites/{check_suite_id}", async (req, ctx) => {
    const s = ctx.state.checkSuites.get(intParam(req, "check_suite_id"));
    if (!s) throw notFound();
    return { status: 200, body: checkSuiteJson(ctx, s, await pullRefsFor(ctx, s.headSha), await ctx.git.commitInfo(s.headSha)) };
  });

  routes.add("GET", "/repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs", async (req, ctx) => {
    const s = ctx.state.checkSuites.get(intParam(req, "check_suite_id"));
    if (!s) throw notFound();
    const json = [];
    for (const r of ctx.state.checkRuns.values()) if (r.suiteId === s.id) json.push(await runJson(ctx, r));
    return paginate(req, json, (page) => ({ total_count: json.length, check_runs: page }));
  });

  // Commit statuses --------------------------------------------------------------------------------
  const statusJson = (ctx: StandInContext, s: (typeof ctx.state.statuses)[number]) => ({
    url: `${repoApi(ctx)}/statuses/${s.sha}`,
    avatar_url: null,
    id: s.id,
    node_id: nodeId("StatusContext", s.id),
    state: s.state,
    description: s.description,
    target_url: s.targetUrl,
    context: s.context,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    creator: userJsonByLogin(ctx, s.creator),
  });

  routes.add("POST", "/repos/{owner}/{repo}/statuses/{sha}", async (req, ctx) => {
    const sha = await ctx.git.resolve(req.params.sha!);
    if (!sha) throw unprocessable(`No commit found for SHA: ${req.params.sha}`);
    const b = req.body;
    const now = isoNow();
    const s = { id: ctx.state.ids.take("status"), sha, state: b.state, context: b.context ?? "default", description: b.description ?? null, targetUrl: b.target_url ?? null, creator: req.caller, createdAt: now, updatedAt: now };
    ctx.state.statuses.push(s);
    ctx.note({ kind: "write", actor: req.caller, summary: `status "${s.context}" ${s.state} on ${sha.slice(0, 7)} by ${req.caller}` });
    const branches = (await ctx.git.branches())
      .filter((br) => br.sha === sha)
      .map((br) => ({ name: br.name, commit: { sha: br.sha, url: `${repoApi(ctx)}/commits/${br.sha}` }, protected: false }));
    emit(ctx, "status", req.caller, {
      id: s.id,
      sha,
      name: `${ctx.owner}/${ctx.repo}`,
      target_url: s.targetUrl,
      context: s.context,
      description: s.description,
      state: s.state,
      branches,
      created_at: now,
      updated_at: now,
      commit: commitJson(ctx, await ctx.git.commitInfo(sha)),
    });
    return { status: 201, body: statusJson(ctx, s) };
  });

  routes.add("GET", "/repos/{owner}/{repo}/commits/{ref}/statuses", async (req, ctx) => {
    const sha = await shaOf(ctx, req.params.ref!);
    return paginate(req, ctx.state.statuses.filter((s) => s.sha === sha).reverse().map((s) => statusJson(ctx, s)));
  });

  routes.add("GET", "/repos/{owner}/{repo}/commits/{ref}/status", async (req, ctx) => {
    const sha = await shaOf(ctx, req.params.ref!);
    const latest = new Map<string, (typeof ctx.state.statuses)[number]>();
    for (const s of ctx.state.statuses) if (s.sha === sha) latest.set(s.context, s);
    const list = [...latest.values()];
    const state = list.some((s) => s.state === "error" || s.state === "failure")
      ? "failure"
      : list.length === 0 || list.some((s) => s.state === "pending")
        ? "pending"
        : "success";
    return {
      status: 200,
      body: {
        state,
        statuses: list.map((s) => statusJson(ctx, s)),
        sha,
        total_count: list.length,
        repository: repositoryJson(ctx),
        commit_url: `${repoApi(ctx)}/commits/${sha}`,
        url: `${repoApi(ctx)}/commits/${sha}/status`,
      },
    };
  });
}
