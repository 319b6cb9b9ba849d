/**
 * Checks requests against GitHub's official OpenAPI description (@octokit/openapi,
 * generated/api.github.com.deref.json): the route must exist, required path/query parameters must
 * be present and well-typed, and the JSON body must satisfy the operation's requestBody schema.
 * The spec is read once per process; ajv validators are compiled lazily per operation.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { compileTemplate, matchTemplate, type CompiledTemplate } from "./routing.js";

interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: { type?: string; enum?: unknown[] };
}

export interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: object }> };
  responses: Record<string, unknown>;
}

interface Spec {
  paths: Record<string, Record<string, Operation>>;
  "x-webhooks": Record<string, { post: Operation }>;
}

/** Templates GitHub documents twice; the stand-in answers the first spelling only. */
const SHADOWED = new Set(["/repos/{owner}/{repo}/compare/{base}...{head}"]);

let cached: { spec: Spec; compiled: CompiledTemplate[] } | null = null;

function load(): { spec: Spec; compiled: CompiledTemplate[] } {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const file = require.resolve("@octokit/openapi/generated/api.github.com.deref.json");
  const spec = JSON.parse(readFileSync(file, "utf8")) as Spec;
  const compiled = Object.keys(spec.paths)
    .filter((p) => !SHADOWED.has(p))
    .map(compileTemplate);
  cached = { spec, compiled };
  return cached;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export class OpenApiValidator {
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction | null>();

  constructor() {
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    // Real commit emails ("41898282+github-actions[bot]@users.noreply.github.com") break ajv's strict email format.
    this.ajv.addFormat("email", /^[^\s@]+@[^\s@]+$/);
    // GitHub's own format for "owner/name".
    this.ajv.addFormat("repo.nwo", /^[^/]+\/[^/]+$/);
  }

  /** The documented operation for a method and raw path (without /api/v3), or null. */
  match(
    method: string,
    rawPath: string,
  ): { template: string; params: Record<string, string>; operation: Operation | null } | null {
    const { spec, compiled } = load();
    const m = matchTemplate(compiled, rawPath);
    if (!m) return null;
    const operation = spec.paths[m.template]?.[method.toLowerCase()] ?? null;
    return { ...m, operation };
  }

  /** Human-readable problems with the request; empty when it conforms. */
  check(op: Operation, query: URLSearchParams, body: unknown, hasBody: boolean): string[] {
    const problems: string[] = [];
    for (const p of op.parameters ?? []) {
      if (p.in !== "query") continue;
      const v = query.get(p.name);
      if (v === null) {
        if (p.required) problems.push(`missing required query parameter "${p.name}"`);
        continue;
      }
      const s = p.schema ?? {};
      if (s.enum && !s.enum.map(String).includes(v)) problems.push(`query parameter "${p.name}"=${JSON.stringify(v)} is not one of ${JSON.stringify(s.enum)}`);
      if (s.type === "integer" && !/^-?\d+$/.test(v)) problems.push(`query parameter "${p.name}"=${JSON.stringify(v)} is not an integer`);
      if (s.type === "boolean" && v !== "true" && v !== "false") problems.push(`query parameter "${p.name}"=${JSON.stringify(v)} is not a boolean`);
    }
    const rb = op.requestBody;
    const schema = rb?.content["application/json"]?.schema;
    if (!rb) return problems;
    if (!hasBody) {
      if (rb.required) problems.push("missing required JSON request body");
      return problems;
    }
    if (!schema) return problems;
    const validate = this.validator(op.operationId, schema);
    if (validate && !validate(body)) {
      for (const e of validate.errors ?? []) {
        problems.push(`body${e.instancePath || ""} ${e.message ?? "is invalid"}${e.params && Object.keys(e.params).length ? " " + JSON.stringify(e.params) : ""}`);
      }
    }
    return problems;
  }

  /**
   * Problems of a webhook payload against the description's x-webhooks entry ("issues-opened",
   * "push", ...); empty when it conforms or the event is not described.
   */
  checkWebhook(event: string, action: string | undefined, payload: unknown): string[] {
    const hooks = load().spec["x-webhooks"];
    const key = [event, action].filter(Boolean).join("-").replace(/_/g, "-");
    const op = hooks[key]?.post ?? hooks[event.replace(/_/g, "-")]?.post;
    const schema = op?.requestBody?.content["application/json"]?.schema;
    if (!op || !schema) return [];
    const validate = this.validator(`webhook:${key}`, schema);
    if (!validate || validate(payload)) return [];
    return (validate.errors ?? []).slice(0, 5).map((e) => `payload${e.instancePath || ""} ${e.message ?? "is invalid"}${e.params && Object.keys(e.params).length ? " " + JSON.stringify(e.params) : ""}`);
  }

  /** Problems of a JSON response body against the documented schema for its status (stand-in self-check). */
  checkResponse(op: Operation, status: number, body: unknown): string[] {
    const res = op.responses[String(status)] as { content?: Record<string, { schema?: object }> } | undefined;
    const schema = res?.content?.["application/json"]?.schema;
    if (!schema || body === undefined) return [];
    const validate = this.validator(`${op.operationId}#${status}`, schema);
    if (!validate || validate(body)) return [];
    return (validate.errors ?? []).slice(0, 5).map((e) => `response${e.instancePath || ""} ${e.message ?? "is invalid"}`);
  }

  private validator(key: string, schema: object): ValidateFunction | null {
    if (this.validators.has(key)) return this.validators.get(key)!;
    let fn: ValidateFunction | null = null;
    try {
      fn = this.ajv.compile(toJsonSchema(structuredClone(schema)));
    } catch (e) {
      // A schema ajv cannot compile is a tooling limit, not the caller's fault: skip body checks.
      console.warn(`stand-in: cannot compile request schema of ${key}: ${(e as Error).message}`);
    }
    this.validators.set(key, fn);
    return fn;
  }
}

/**
 * OpenAPI 3.0 `nullable: true` -> JSON Schema: null joins `type` (or `enum`, or a oneOf/anyOf);
 * ajv refuses `nullable` without `type`, which GitHub's description uses.
 */
function toJsonSchema<T>(node: T): T {
  if (Array.isArray(node)) {
    node.forEach(toJsonSchema);
    return node;
  }
  if (!node || typeof node !== "object") return node;
  const s = node as Record<string, unknown>;
  for (const v of Object.values(s)) toJsonSchema(v);
  if (s.nullable === true) {
    delete s.nullable;
    if (typeof s.type === "string") s.type = [s.type, "null"];
    else if (Array.isArray(s.type) && !s.type.includes("null")) s.type = [...s.type, "null"];
    if (Array.isArray(s.enum) && !s.enum.includes(null)) s.enum = [...s.enum, null];
    for (const k of ["oneOf", "anyOf"]) if (Array.isArray(s[k])) (s[k] as unknown[]).push({ type: "null" });
  } else if (s.nullable === false) {
    delete s.nullable;
  }
  return node;
}
