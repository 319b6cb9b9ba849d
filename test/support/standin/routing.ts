/**
 * Route plumbing shared by the server, the OpenAPI matcher and the route modules:
 * path templates, handler types, GitHub-style errors and Link-header pagination.
 */
import type { StandInContext } from "./context.js";
import type { Identity } from "./auth.js";

export interface RouteRequest {
  method: string;
  /** OpenAPI path template, e.g. "/repos/{owner}/{repo}/issues/{issue_number}". */
  template: string;
  /** Decoded path parameters. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body (undefined when none). */
  body: any;
  headers: Record<string, string | string[] | undefined>;
  identity: Identity;
  /** Login of the caller (the bot for app tokens); "" when anonymous. */
  caller: string;
  /** Absolute URL of the request (for Link headers). */
  url: URL;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as-is instead of JSON (e.g. raw file contents). */
  raw?: { data: Buffer | string; contentType: string };
}

export type Handler = (req: RouteRequest, ctx: StandInContext) => Promise<RouteResult>;

export interface RouteDef {
  method: string;
  template: string;
  handler: Handler;
}

/** Collects route definitions; each route module exports a function that fills one. */
export class Routes {
  readonly defs = new Map<string, RouteDef>();
  add(method: string, template: string, handler: Handler): this {
    this.defs.set(`${method.toUpperCase()} ${template}`, { method: method.toUpperCase(), template, handler });
    return this;
  }
  get(method: string, template: string): RouteDef | undefined {
    return this.defs.get(`${method.toUpperCase()} ${template}`);
  }
}

export const DOCS = "https://docs.github.com/rest";

/** An error answered with GitHub's error body `{message, documentation_url, ...}`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notFound = (what = "Not Found") => new HttpError(404, what);
export const unprocessable = (message: string, errors?: unknown[]) =>
  new HttpError(422, message, errors ? { errors, status: "422" } : { status: "422" });

/** Params whose values may contain "/" (contents paths, refs, branch names, base...head). */
const GREEDY = new Set(["path", "ref", "branch", "basehead"]);

export interface CompiledTemplate {
  template: string;
  regex: RegExp;
  names: string[];
  literals: number;
  greedy: number;
}

export function compileTemplate(template: string): CompiledTemplate {
  const names: string[] = [];
  let literals = 0;
  let greedy = 0;
  const parts = template.split("/").map((seg) => {
    if (!seg.includes("{")) {
      if (seg) literals++;
      return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }
    return seg.replace(/\{([^}]+)\}|([^{]+)/g, (_m, name: string | undefined, lit: string | undefined) => {
      if (lit) return lit.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(name!);
      if (GREEDY.has(name!)) {
        greedy++;
        return "(.+)";
      }
      return "([^/]+)";
    });
  });
  return { template, regex: new RegExp(`^${parts.join("/")}$`), names, literals, greedy };
}

/** Best template for a raw (still percent-encoded) path: most literal segments, then fewest greedy params. */
export function matchTemplate(
  compiled: CompiledTemplate[],
  rawPath: string,
): { template: string; params: Record<string, string> } | null {
  let best: { c: CompiledTemplate; m: RegExpExecArray } | null = null;
  for (const c of compiled) {
    const m = c.regex.exec(rawPath);
    if (!m) continue;
    if (!best || c.literals > best.c.literals || (c.literals === best.c.literals && c.greedy < best.c.greedy)) best = { c, m };
  }
  if (!best) return null;
  const params: Record<string, string> = {};
  best.c.names.forEach((n, i) => {
    const v = best!.m[i + 1] ?? "";
    try {
      params[n] = decodeURIComponent(v);
    } catch {
      params[n] = v;
    }
  });
  return { template: best.c.template, params };
}

/**
 * One page of `items` per GitHub's rules (per_page default 30, max 100; page from 1) with a
 * Link header (rel next/last/first/prev) so octokit.paginate follows it.
 */
export function paginate<T>(req: RouteRequest, items: T[], wrap?: (page: T[]) => unknown): RouteResult {
  const perPage = Math.min(100, Math.max(1, Number(req.query.get("per_page") ?? 30) || 30));
  const page = Math.max(1, Number(req.query.get("page") ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = (p: number, rel: string) => {
    const u = new URL(req.url.href);
    u.searchParams.set("per_page", String(perPage));
    u.searchParams.set("page", String(p));
    return `<${u.href}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, "prev"), link(1, "first"));
  if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
  return { status: 200, body: wrap ? wrap(slice) : slice, headers: links.length ? { link: links.join(", ") } : {} };
}

/** Parses a path parameter that must be a positive integer, else 404 like GitHub. */
export function intParam(req: RouteRequest, name: string): number {
  const v = Number(req.params[name]);
  if (!Number.isInteger(v) || v <= 0) throw notFound();
  return v;
}
