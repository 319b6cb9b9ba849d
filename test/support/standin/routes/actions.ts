/**
 * Actions: workflow dispatch and runs. /actions/workflows[/{workflow_id}[/dispatches|/runs]],
 * /actions/runs[/{run_id}[/cancel]]. A workflow is a file in .github/workflows/ at the ref.
 */
import { renderExpressions } from "../expressions.js";
import { parse as parseYaml } from "yaml";
import type { StandInContext } from "../context.js";
import type { WorkflowRunRecord } from "../state.js";
import { requireRole } from "../mutations.js";
import { HttpError, intParam, notFound, paginate, unprocessable, type RouteRequest, type Routes } from "../routing.js";
import { workflowJson } from "../shapes.js";

/** Workflow file name for a workflow_id that is either a file name or a numeric id. */
function workflowFile(ctx: StandInContext, id: string): string | null {
  if (/^\d+$/.test(id)) {
    for (const [file, wid] of ctx.state.workflowIds) if (String(wid) === id) return file;
    return null;
  }
  return id;
}

async function workflowsAt(ctx: StandInContext, ref: string): Promise<string[]> {
  const dir = await ctx.git.content(ref, ".github/workflows");
  if (!dir || dir.type !== "dir") return [];
  return dir.entries.filter((e) => e.type === "file" && /\.ya?ml$/.test(e.name)).map((e) => e.name);
}

function filterRuns(req: RouteRequest, runs: WorkflowRunRecord[]): WorkflowRunRecord[] {
  const q = req.query;
  let out = runs;
  const event = q.get("event"), status = q.get("status"), branch = q.get("branch"), actor = q.get("actor"), sha = q.get("head_sha");
  if (event) out = out.filter((r) => r.event === event);
  if (branch) out = out.filter((r) => r.headBranch === branch);
  if (actor) out = out.filter((r) => r.actor === actor);
  if (sha) out = out.filter((r) => r.headSha === sha);
  if (status) out = out.filter((r) => r.status === status || r.conclusion === status);
  return out.sort((a, b) => b.id - a.id);
}

async function runsPage(req: RouteRequest, ctx: StandInContext, runs: WorkflowRunRecord[]) {
  const json = [];
  for (const r of runs) json.push(await ctx.actions.runJson(r));
  return paginate(req, json, (page) => ({ total_count: json.length, workflow_runs: page }));
}

export function actionRoutes(routes: Routes): void {
  routes.add("GET", "/repos/{owner}/{repo}/actions/workflows", async (req, ctx) => {
    const files = await workflowsAt(ctx, "main");
    const json = files.map((f) => workflowJson(ctx, f));
    return paginate(req, json, (page) => ({ total_count: json.length, workflows: page }));
  });

  routes.add("GET", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}", async (req, ctx) => {
    const file = workflowFile(ctx, req.params.workflow_id!);
    if (!file || !(await workflowsAt(ctx, "main")).includes(file)) throw notFound();
    return { status: 200, body: workflowJson(ctx, file) };
  });

  routes.add("POST", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", async (req, ctx) => {
    requireRole(ctx, req.caller, "write");
    const b = req.body as { ref: string; inputs?: Record<string, unknown>; return_run_details?: boolean };
    const file = workflowFile(ctx, req.params.workflow_id!);
    if (!file) throw notFound();
    const sha = await ctx.git.branchSha(b.ref.replace(/^refs\/heads\//, ""));
    if (!sha) throw unprocessable(`No ref found for: ${b.ref}`);
    const branch = b.ref.replace(/^refs\/heads\//, "");
    const found = await ctx.git.content(sha, `.github/workflows/${file}`);
    if (!found || found.type !== "file") throw notFound();
    let doc: any;
    try {
      doc = parseYaml(found.content.toString("utf8"));
    } catch {
      throw unprocessable(`Invalid workflow file: .github/workflows/${file}`);
    }
    const on = doc?.on ?? doc?.true; // YAML 1.1 readers turn `on` into true
    const trigger = typeof on === "string" ? (on === "workflow_dispatch" ? {} : undefined) : Array.isArray(on) ? (on.includes("workflow_dispatch") ? {} : undefined) : on && "workflow_dispatch" in on ? (on.workflow_dispatch ?? {}) : undefined;
    if (trigger === undefined) throw unprocessable("Workflow does not have 'workflow_dispatch' trigger");
    const declared: Record<string, { required?: boolean; default?: unknown }> = trigger.inputs ?? {};
    const given = b.inputs ?? {};
    const unexpected = Object.keys(given).filter((k) => !(k in declared));
    if (unexpected.length) throw unprocessable(`Unexpected inputs provided: ${JSON.stringify(unexpected)}`);
    const inputs: Record<string, string> = {};
    for (const [k, spec] of Object.entries(declared)) {
      const v = given[k] ?? spec?.default;
      if (v === undefined) {
        if (spec?.required) throw unprocessable(`Required input '${k}' not provided`);
        continue;
      }
      inputs[k] = typeof v === "string" ? v : JSON.stringify(v);
    }
    // GitHub shows `run-name` (expressions over `inputs` rendered) as the run's display title.
    const runName = typeof doc?.["run-name"] === "string" ? renderExpressions(doc["run-name"], inputs) : undefined;
    const run = await ctx.actions.dispatch({ workflowFile: file, name: runName ?? (typeof doc?.name === "string" ? doc.name : `.github/workflows/${file}`), ref: branch, sha, inputs, actor: req.caller });
    if (b.return_run_details) {
      return { status: 200, body: { workflow_run_id: run.id, run_url: `${ctx.apiUrl}/repos/${ctx.owner}/${ctx.repo}/actions/runs/${run.id}`, html_url: `${ctx.baseUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${run.id}` } };
    }
    return { status: 204 };
  });

  routes.add("GET", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs", async (req, ctx) => {
    const file = workflowFile(ctx, req.params.workflow_id!);
    if (!file) throw notFound();
    return runsPage(req, ctx, filterRuns(req, [...ctx.state.workflowRuns.values()].filter((r) => r.workflowFile === file)));
  });

  routes.add("GET", "/repos/{owner}/{repo}/actions/runs", async (req, ctx) => {
    return runsPage(req, ctx, filterRuns(req, [...ctx.state.workflowRuns.values()]));
  });

  routes.add("GET", "/repos/{owner}/{repo}/actions/runs/{run_id}", async (req, ctx) => {
    const run = ctx.state.workflowRuns.get(intParam(req, "run_id"));
    if (!run) throw notFound();
    return { status: 200, body: await ctx.actions.runJson(run) };
  });

  routes.add("POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/cancel", async (req, ctx) => {
    requireRole(ctx, req.caller, "write");
    const run = ctx.state.workflowRuns.get(intParam(req, "run_id"));
    if (!run) throw notFound();
    if (!ctx.actions.cancel(run, req.caller)) throw new HttpError(409, "Cannot cancel a workflow run that is completed.");
    return { status: 202, body: {} };
  });
}
