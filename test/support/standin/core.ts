/**
 * The stand-in's core: holds state and services (it is the StandInContext every route gets), turns
 * ref updates into push / pull_request.synchronize webhooks and CI, and answers HTTP requests:
 * authenticate -> match GitHub's OpenAPI description -> validate -> route -> log.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import type { RefUpdate, StandInContext } from "./context.js";
import type { StandInOptions, TimelineEvent } from "./types.js";
import { StandInState, type UserRecord } from "./state.js";
import type { GitBackend } from "./git-backend.js";
import { parseRefUpdates, ZERO_SHA } from "./git-backend.js";
import { WebhookSender } from "./webhooks.js";
import { SimulatedCi } from "./ci.js";
import { WorkflowEngine } from "./actions.js";
import { Auth, type Identity } from "./auth.js";
import { OpenApiValidator } from "./openapi-validator.js";
import { RequestCounter } from "./request-log.js";
import { conditional } from "./etag.js";
import { DOCS, HttpError, Routes, type RouteRequest, type RouteResult } from "./routing.js";
import { emit, pullPayload } from "./events.js";
import { installationJson, isoNow, nodeId, REPO_ID, simpleCommitJson, userJsonByLogin } from "./shapes.js";
import { appRoutes } from "./routes/apps.js";
import { repoRoutes } from "./routes/repos.js";
import { userRoutes } from "./routes/users.js";
import { labelRoutes } from "./routes/labels.js";
import { issueRoutes } from "./routes/issues.js";
import { relationRoutes } from "./routes/relations.js";
import { mergedByPush, pullRoutes } from "./routes/pulls.js";
import { checkRoutes } from "./routes/checks.js";
import { actionRoutes } from "./routes/actions.js";
import { FaultInjector, type FaultOptions } from "./faults.js";
import { SimulatedMergeQueue } from "./merge-queue.js";
import { answerGraphql, operationOf } from "./routes/graphql.js";

export const API_PREFIX = "/api/v3";
/** GitHub Enterprise's GraphQL endpoint (Octokit maps a `/api/v3` baseUrl to it). */
const GRAPHQL_PATH = "/api/graphql";
const WRITE_METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);
/** Self-check of response bodies against the description; STANDIN_RESPONSE_CHECKS=0 turns it off. */
const RESPONSE_CHECKS = process.env.STANDIN_RESPONSE_CHECKS !== "0";

export function buildRoutes(): Routes {
  const routes = new Routes();
  for (const add of [appRoutes, repoRoutes, userRoutes, labelRoutes, issueRoutes, relationRoutes, pullRoutes, checkRoutes, actionRoutes]) add(routes);
  return routes;
}

export class StandInCore implements StandInContext {
  readonly owner: string;
  readonly repo: string;
  baseUrl = "";
  apiUrl = "";
  readonly state = new StandInState();
  readonly timeline: TimelineEvent[] = [];
  readonly violations: string[] = [];
  readonly requests = new RequestCounter();
  readonly auth: Auth;
  readonly webhooks: WebhookSender;
  readonly ci: SimulatedCi;
  readonly actions: WorkflowEngine;
  readonly mergeQueue: SimulatedMergeQueue = new SimulatedMergeQueue(() => this);
  private gitBackend: GitBackend | null = null;
  private readonly routes = buildRoutes();
  private readonly validator = new OpenApiValidator();
  private webhookUrls: string[] = [];
  /** Injected API faults, or null (the default: none). */
  faults: FaultInjector | null = null;
  /**
   * Decides each request of the app's installation before it is served (tests that kill the app
   * process, null by default): "serve"; "refuse" (the connection is dropped, nothing applied: a
   * dead process sends nothing); "apply-then-drop" (the request is applied, its answer never
   * arrives: the process died while waiting for it).
   */
  appRequestGate: ((route: string) => "serve" | "refuse" | "apply-then-drop") | null = null;
  /** HTTP requests being handled (API and push notifications). */
  inflight = 0;

  constructor(readonly opts: StandInOptions) {
    this.owner = opts.owner;
    this.repo = opts.repo;
    this.webhookUrls = opts.app.webhookUrl ? [opts.app.webhookUrl] : [];
    if (opts.faults) this.setFaults(opts.faults);
    this.auth = new Auth(opts.app);
    this.webhooks = new WebhookSender({
      secret: opts.app.webhookSecret,
      urls: () => this.webhookUrls,
      appId: opts.app.id,
      installationId: opts.app.installationId,
      note: (e) => this.note(e),
      inspect: (d) => {
        if (!RESPONSE_CHECKS) return;
        const bad = this.validator.checkWebhook(d.event, d.action, d.payload);
        if (bad.length) this.violation(`stand-in bug: webhook ${d.event}${d.action ? "." + d.action : ""} breaks GitHub's description: ${bad.join("; ")}`);
      },
    });
    this.ci = new SimulatedCi(() => this);
    this.actions = new WorkflowEngine(() => this);
    const owner = opts.users.find((u) => u.login === opts.owner);
    if (!owner) this.addUser(opts.owner, "admin", "User");
    for (const u of opts.users) this.addUser(u.login, u.permission, u.type ?? (u.login.endsWith("[bot]") ? "Bot" : "User"));
    for (const [team, members] of Object.entries(opts.teams ?? {})) this.state.teams.set(team, new Set(members));
  }

  private addUser(login: string, permission: UserRecord["permission"], type: "User" | "Bot"): void {
    this.state.users.set(login, { login, id: this.state.ids.take("user"), type, permission });
  }

  get git(): GitBackend {
    if (!this.gitBackend) throw new Error("stand-in: git backend not ready");
    return this.gitBackend;
  }

  attach(urls: { baseUrl: string }, git?: GitBackend): void {
    this.baseUrl = urls.baseUrl;
    this.apiUrl = `${urls.baseUrl}${API_PREFIX}`;
    if (git) this.gitBackend = git;
  }

  setWebhookUrl(url: string | undefined): void {
    this.webhookUrls = url ? [url] : [];
  }

  /** Every delivery goes to each of `urls` at once (two app replicas behind one GitHub App). */
  setWebhookUrls(urls: string[]): void {
    this.webhookUrls = [...urls];
  }

  /** Turns injected API faults on (`options`) or off (undefined). */
  setFaults(options: FaultOptions | undefined): void {
    this.faults = options ? new FaultInjector({ installationId: this.opts.app.installationId, ...options }) : null;
  }

  note(e: Omit<TimelineEvent, "seq" | "at">): void {
    this.timeline.push({ seq: this.timeline.length + 1, at: new Date().toISOString(), ...e });
  }

  user(login: string): UserRecord {
    const known = this.state.users.get(login);
    if (known) return known;
    if (login.endsWith("[bot]")) {
      // App bots act with the permissions of their installation.
      const bot: UserRecord = { login, id: login === "github-actions[bot]" ? 41898282 : this.state.ids.take("user"), type: "Bot", permission: "write" };
      this.state.users.set(login, bot);
      return bot;
    }
    return { login, id: 0, type: "User", permission: "none" };
  }

  private violation(message: string): void {
    this.violations.push(message);
    this.note({ kind: "violation", summary: message });
  }

  get busy(): boolean {
    return this.inflight > 0 || this.webhooks.pending > 0 || this.ci.pending > 0 || this.actions.pending > 0;
  }

  // Pushes -----------------------------------------------------------------------------------------

  async onPush(updates: RefUpdate[], pusherLogin: string): Promise<void> {
    const pusher = pusherLogin || this.owner;
    for (const u of updates) {
      if (!u.ref.startsWith("refs/heads/")) continue;
      this.state.pushedAt = isoNow();
      const branch = u.ref.slice("refs/heads/".length);
      const created = u.before === ZERO_SHA;
      const deleted = u.after === ZERO_SHA;
      const forced = !created && !deleted && !(await this.git.isAncestor(u.before, u.after));
      this.note({ kind: "push", actor: pusher, summary: `push ${branch} ${u.before.slice(0, 7)}..${u.after.slice(0, 7)}${forced ? " (forced)" : ""} by ${pusher}` });
      const commits = deleted ? [] : await this.pushedCommits(u, branch);
      const head = deleted ? null : await this.git.commitInfo(u.after);
      emit(this, "push", pusher, {
        ref: u.ref,
        before: u.before,
        after: u.after,
        created,
        deleted,
        forced,
        base_ref: null,
        compare: `${this.baseUrl}/${this.owner}/${this.repo}/compare/${u.before.slice(0, 12)}...${u.after.slice(0, 12)}`,
        commits,
        head_commit: head ? { ...simpleCommitJson(head), distinct: true, url: `${this.baseUrl}/${this.owner}/${this.repo}/commit/${head.sha}` } : null,
        pusher: { name: pusher, email: `${pusher}@users.noreply.127.0.0.1` },
      });
      if (deleted) continue;
      for (const pr of this.state.pulls.values()) {
        const issue = this.state.issues.get(pr.number)!;
        if (pr.headRef !== branch || issue.state !== "open" || pr.headSha === u.after) continue;
        const before = pr.headSha;
        pr.headSha = u.after;
        issue.updatedAt = isoNow();
        this.note({ kind: "write", actor: pusher, item: pr.number, summary: `PR #${pr.number} head moved ${before.slice(0, 7)} -> ${u.after.slice(0, 7)}` });
        emit(this, "pull_request", pusher, { action: "synchronize", number: pr.number, before, after: u.after, pull_request: await pullPayload(this, pr) });
      }
      if (!created) await mergedByPush(this, { branch, before: u.before, after: u.after }, pusher);
      this.ci.enqueue(u.after, branch);
    }
  }

  private async pushedCommits(u: RefUpdate, branch: string): Promise<Record<string, unknown>[]> {
    let shas: string[];
    if (u.before === ZERO_SHA) {
      const others = (await this.git.branches()).filter((b) => b.name !== branch).map((b) => `^${b.sha}`);
      shas = (await this.git.git(["rev-list", "--reverse", "--max-count=20", u.after, ...others])).stdout.split("\n").filter(Boolean);
    } else {
      shas = (await this.git.git(["rev-list", "--reverse", "--max-count=20", `${u.before}..${u.after}`])).stdout.split("\n").filter(Boolean);
    }
    const out = [];
    for (const sha of shas) {
      const info = await this.git.commitInfo(sha);
      const tree = await this.git.git(["diff-tree", "--no-commit-id", "--name-status", "-r", "--root", sha]);
      const added: string[] = [], removed: string[] = [], modified: string[] = [];
      for (const line of tree.stdout.split("\n").filter(Boolean)) {
        const [status, file] = line.split("\t") as [string, string];
        (status === "A" ? added : status === "D" ? removed : modified).push(file);
      }
      const login = /^(.+)@users\.noreply\./.exec(info.authorEmail)?.[1];
      out.push({
        ...simpleCommitJson(info),
        distinct: true,
        url: `${this.baseUrl}/${this.owner}/${this.repo}/commit/${sha}`,
        author: { name: info.authorName, email: info.authorEmail, ...(login ? { username: login } : {}) },
        added,
        removed,
        modified,
      });
    }
    return out;
  }

  /** installation.created, as GitHub sends when the app is installed on the repository. */
  install(): void {
    this.webhooks.enqueue("installation", {
      action: "created",
      installation: installationJson(this),
      repositories: [{ id: REPO_ID, node_id: nodeId("Repository", REPO_ID), name: this.repo, full_name: `${this.owner}/${this.repo}`, private: false }],
      requester: null,
      sender: userJsonByLogin(this, this.owner),
    });
  }

  // HTTP -----------------------------------------------------------------------------------------

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inflight++;
    try {
      await this.handleInner(req, res);
    } catch (e) {
      this.violation(`stand-in crashed on ${req.method} ${req.url}: ${(e as Error).stack ?? String(e)}`);
      if (!res.headersSent) send(res, { status: 500, body: { message: "stand-in internal error", documentation_url: DOCS } });
    } finally {
      this.inflight--;
    }
  }

  private async handleInner(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", this.baseUrl);
    const rawBody = await readBody(req);
    if (url.pathname === "/_standin/push" && method === "POST") {
      await this.onPush(parseRefUpdates(rawBody), header(req, "x-standin-pusher") ?? "");
      return send(res, { status: 200, body: { ok: true } });
    }
    if (url.pathname === GRAPHQL_PATH && method === "POST") return this.handleGraphql(req, res, rawBody);
    if (!url.pathname.startsWith(API_PREFIX + "/") && url.pathname !== API_PREFIX) {
      this.violation(`${method} ${url.pathname}: not under ${API_PREFIX} (the stand-in serves GitHub Enterprise-style URLs)`);
      return send(res, { status: 404, body: { message: `Not Found (stand-in does not serve ${method} ${url.pathname})`, documentation_url: DOCS } });
    }
    const rawPath = url.pathname.slice(API_PREFIX.length) || "/";
    let body: unknown = undefined;
    const hasBody = rawBody.trim().length > 0;
    if (hasBody) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        return send(res, { status: 400, body: { message: "Problems parsing JSON", documentation_url: DOCS } });
      }
    }
    const identity = this.auth.identify(header(req, "authorization"));
    const caller = callerLogin(identity, this.opts.app.slug);
    const matched = this.validator.match(method, rawPath);
    const countable = identity !== "bad" && identity.kind !== "person";
    const finish = (route: string, result: RouteResult, item?: number) => {
      if (countable) this.requests.record({ method, route, path: rawPath, caller, status: result.status, ...(item !== undefined ? { item } : {}) });
      send(res, result);
    };
    if (!matched || !matched.operation) {
      this.violation(`${method} ${rawPath}: no such route in GitHub's REST API (OpenAPI description)`);
      return finish(`${method} ${rawPath}`, { status: 404, body: { message: `Not Found (stand-in does not serve ${method} ${rawPath}: not in GitHub's OpenAPI description)`, documentation_url: DOCS } });
    }
    const route = `${method} ${matched.template}`;
    const item = this.itemOf(matched.params, body);
    if (identity === "bad") return send(res, { status: 401, body: { message: "Bad credentials", documentation_url: DOCS } });
    if (WRITE_METHODS.has(method) && identity.kind === "anonymous") {
      return finish(route, { status: 401, body: { message: "Requires authentication", documentation_url: DOCS } }, item);
    }
    const problems = this.validator.check(matched.operation, url.searchParams, body, hasBody);
    if (problems.length) {
      const msg = `stand-in: request breaks GitHub's OpenAPI description (${matched.operation.operationId}): ${problems.join("; ")}`;
      this.violation(`${route} (${rawPath}) by ${caller || "anonymous"}: ${problems.join("; ")}`);
      return finish(route, { status: 422, body: { message: msg, documentation_url: DOCS } }, item);
    }
    // Another repository (e.g. the org's `.github` repo Probot reads config from) does not exist here.
    if ((matched.params.owner !== undefined && matched.params.owner !== this.owner) || (matched.params.repo !== undefined && matched.params.repo !== this.repo)) {
      return finish(route, { status: 404, body: { message: "Not Found", documentation_url: DOCS } }, item);
    }
    const def = this.routes.get(method, matched.template);
    if (!def) {
      this.violation(`${route}: documented by GitHub but not served by the stand-in`);
      return finish(route, { status: 404, body: { message: `Not Found (stand-in does not serve ${route})`, documentation_url: DOCS } }, item);
    }
    const gate = identity.kind === "installation" && this.appRequestGate ? this.appRequestGate(route) : "serve";
    if (gate === "refuse") return void res.destroy();
    const fault = this.faults?.decide(method, route, rawPath, identity.kind) ?? null;
    if (fault) this.note({ kind: "fault", actor: caller, summary: `injected ${fault.fault.kind}${fault.fault.status ? ` ${fault.fault.status}` : ""} on ${route}`, ...(item !== undefined ? { item } : {}) });
    if (fault?.kind === "answer") return finish(route, { status: fault.status, headers: fault.headers, body: fault.body }, item);
    const rr: RouteRequest = { method, template: matched.template, params: matched.params, query: url.searchParams, body, headers: req.headers, identity, caller, url: new URL(url.href) };
    let result: RouteResult;
    try {
      result = await def.handler(rr, this);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      result = { status: e.status, body: { message: e.message, documentation_url: DOCS, ...e.extra } };
    }
    if (result.status >= 200 && result.status < 300 && !(String(result.status) in matched.operation.responses)) {
      this.violation(`${route}: stand-in answered ${result.status}, which GitHub's description does not list (${Object.keys(matched.operation.responses).join(", ")})`);
    }
    if (RESPONSE_CHECKS && result.status >= 200 && result.status < 300 && result.body !== undefined) {
      const bad = this.validator.checkResponse(matched.operation, result.status, result.body);
      if (bad.length) this.violation(`stand-in bug: ${route} answered a ${result.status} body that breaks GitHub's description: ${bad.join("; ")}`);
    }
    if (fault?.kind === "drop" || gate === "apply-then-drop") {
      // The write is applied; its answer never arrives (counted: GitHub saw the request).
      if (countable) this.requests.record({ method, route, path: rawPath, caller, status: result.status, ...(item !== undefined ? { item } : {}) });
      res.destroy();
      return;
    }
    finish(route, conditional(method, result, caller, header(req, "accept") ?? "", header(req, "if-none-match")), item);
  }

  /** `POST /api/graphql` (routes/graphql.ts): authenticated like REST, counted as `POST /graphql`. */
  private async handleGraphql(req: IncomingMessage, res: ServerResponse, rawBody: string): Promise<void> {
    const identity = this.auth.identify(header(req, "authorization"));
    if (identity === "bad" || identity.kind === "anonymous") return send(res, { status: 401, body: { message: "This endpoint requires you to be authenticated.", documentation_url: DOCS } });
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      return send(res, { status: 400, body: { message: "Problems parsing JSON", documentation_url: DOCS } });
    }
    const caller = callerLogin(identity, this.opts.app.slug);
    const route = "POST /graphql";
    const operation = operationOf(body);
    const record = (status: number) => {
      if (identity.kind !== "person") this.requests.record({ method: "POST", route, path: "/graphql", caller, status, ...(operation ? { operation } : {}) });
    };
    // The same crash points and injected faults as a REST request (a mutation is a write).
    const gate = identity.kind === "installation" && this.appRequestGate ? this.appRequestGate(route) : "serve";
    if (gate === "refuse") return void res.destroy();
    const fault = this.faults?.decide("POST", route, "/graphql", identity.kind) ?? null;
    if (fault) this.note({ kind: "fault", actor: caller, summary: `injected ${fault.fault.kind}${fault.fault.status ? ` ${fault.fault.status}` : ""} on ${route}` });
    if (fault?.kind === "answer") {
      record(fault.status);
      return send(res, { status: fault.status, headers: fault.headers, body: fault.body });
    }
    const result = await answerGraphql(this, this.mergeQueue, body, caller);
    if (result.invalid) this.violation(`POST /graphql by ${caller}: the document breaks GitHub's schema: ${result.invalid}`);
    record(result.status);
    if (fault?.kind === "drop" || gate === "apply-then-drop") return void res.destroy();
    send(res, result);
  }

  /** Issue/PR number a request is about: path number, a comment's issue, a dispatch input, a sha's PR. */
  private itemOf(params: Record<string, string>, body: unknown): number | undefined {
    const n = Number(params.issue_number ?? params.pull_number);
    if (Number.isInteger(n) && n > 0) return n;
    if (params.comment_id) return this.state.comments.get(Number(params.comment_id))?.issueNumber;
    const b = (body ?? {}) as Record<string, unknown>;
    const sha = (params.sha ?? params.ref ?? b.head_sha) as string | undefined;
    if (sha) {
      const pr = [...this.state.pulls.values()].find((p) => p.headSha === sha || p.headRef === sha);
      if (pr) return pr.number;
    }
    if (params.check_run_id) {
      const run = this.state.checkRuns.get(Number(params.check_run_id));
      const pr = run && [...this.state.pulls.values()].find((p) => p.headSha === run.headSha);
      if (pr) return pr.number;
    }
    const inputs = b.inputs as Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(inputs ?? {})) {
      if (/issue|item|number|pr/i.test(k) && /^\d+$/.test(String(v))) return Number(v);
    }
    if (typeof b.head === "string") {
      const branch = b.head.split(":").pop();
      const pr = [...this.state.pulls.values()].find((p) => p.headRef === branch);
      if (pr) return pr.number;
    }
    return undefined;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function callerLogin(identity: Identity | "bad", slug: string): string {
  if (identity === "bad") return "";
  switch (identity.kind) {
    case "app":
      return slug;
    case "installation":
    case "run":
    case "person":
      return identity.login;
    default:
      return "";
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, result: RouteResult): void {
  const headers: Record<string, string> = {
    "x-github-request-id": randomUUID(),
    "x-ratelimit-limit": "5000",
    "x-ratelimit-remaining": "4999",
    "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
    "x-ratelimit-resource": "core",
    "x-github-media-type": "github.v3; format=json",
    ...result.headers,
  };
  if (result.raw) {
    res.writeHead(result.status, { ...headers, "content-type": result.raw.contentType });
    res.end(result.raw.data);
    return;
  }
  if (result.body === undefined || result.status === 204) {
    res.writeHead(result.status, headers);
    res.end();
    return;
  }
  res.writeHead(result.status, { ...headers, "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(result.body));
}
