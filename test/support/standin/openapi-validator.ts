/**
 * Checks traffic against GitHub's official OpenAPI description (@octokit/openapi,
 * generated/api.github.com.json): the route must exist, required path/query parameters must be
 * present and well-typed, and JSON request bodies must satisfy the operation's requestBody schema.
 * The stand-in also checks its own 2xx response bodies and webhook payloads (x-webhooks).
 *
 * The spec is read once per process and shared by every stand-in in it. Schemas keep their
 * `$ref`s into `components` (one shared ajv instance), so each component compiles once instead of
 * once per inline copy as the dereferenced file would need.
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

type Ref = { $ref: string };

export interface Operation {
  operationId: string;
  parameters?: Array<Parameter | Ref>;
  requestBody?: { required?: boolean; content: Record<string, { schema?: object }> } | Ref;
  responses: Record<string, { content?: Record<string, { schema?: object }> } | Ref>;
}

interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, unknown>>;
  "x-webhooks": Record<string, { post: Operation }>;
}

/** Templates GitHub documents twice; the stand-in answers the first spelling only. */
const SHADOWED = new Set(["/repos/{owner}/{repo}/compare/{base}...{head}"]);
const SPEC_ID = "github";

interface Loaded {
  spec: Spec;
  compiled: CompiledTemplate[];
  ajv: Ajv;
  validators: Map<string, ValidateFunction | null>;
}

let cached: Loaded | null = null;

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function load(): Loaded {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const file = require.resolve("@octokit/openapi/generated/api.github.com.json");
  const spec = toJsonSchema(JSON.parse(readFileSync(file, "utf8")) as Spec);
  const compiled = Object.keys(spec.paths)
    .filter((p) => !SHADOWED.has(p))
    .map(compileTemplate);
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, code: { optimize: false } });
  addFormats(ajv);
  // Real commit emails ("41898282+github-actions[bot]@users.noreply.github.com") break ajv's strict email format.
  ajv.addFormat("email", /^[^\s@]+@[^\s@]+$/);
  // GitHub's own format for "owner/name".
  ajv.addFormat("repo.nwo", /^[^/]+\/[^/]+$/);
  ajv.addSchema({ components: spec.components }, SPEC_ID);
  cached = { spec, compiled, ajv, validators: new Map() };
  return cached;
}

/** Follows a local `$ref` ("#/components/parameters/owner") to its target. */
function resolve<T>(node: T | Ref): T {
  let n: unknown = node;
  for (let i = 0; i < 10 && n && typeof n === "object" && "$ref" in n; i++) {
    const path = (n as Ref).$ref.replace(/^#\//, "").split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
    n = path.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], load().spec);
  }
  return n as T;
}

export class OpenApiValidator {
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
    for (const ref of op.parameters ?? []) {
      const p = resolve<Parameter>(ref);
      if (p.in !== "query") continue;
      const v = query.get(p.name);
      if (v === null) {
        if (p.required) problems.push(`missing required query parameter "${p.name}"`);
        continue;
      }
      const s = p.schema ?? {};
      if (s.enum && !s.enum.map(String).includes(v)) problems.push(`query parameter "${p.name}"=${JSON.stringify(v)} is not one of ${JSON.stringify(s.enum.filter((e) => e !== null))}`);
      if (s.type === "integer" && !/^-?\d+$/.test(v)) problems.push(`query parameter "${p.name}"=${JSON.stringify(v)} is not an integer`);
      if (s.type === "boolean" && v !== "true" && v !== "false") problems.push(`query parameter "${p.name}"=${JSON.stringify(v)} is not a boolean`);
    }
    if (!op.requestBody) return problems;
    const rb = resolve(op.requestBody);
    const schema = rb.content["application/json"]?.schema;
    if (!hasBody) {
      if (rb.required) problems.push("missing required JSON request body");
      return problems;
    }
    if (!schema) return problems;
    return problems.concat(this.run(`request:${op.operationId}`, schema, body, "body"));
  }

  /** Problems of a JSON response body against the documented schema for its status (stand-in self-check). */
  checkResponse(op: Operation, status: number, body: unknown): string[] {
    const res = op.responses[String(status)];
    const schema = res && resolve(res).content?.["application/json"]?.schema;
    if (!schema || body === undefined) return [];
    return this.run(`response:${op.operationId}#${status}`, schema, body, "response").slice(0, 5);
  }

  /**
   * Problems of a webhook payload against the description's x-webhooks entry ("issues-opened",
   * "push", ...); empty when it conforms or the event is not described.
   */
  checkWebhook(event: string, action: string | undefined, payload: unknown): string[] {
    const hooks = load().spec["x-webhooks"];
    const key = [event, action].filter(Boolean).join("-").replace(/_/g, "-");
    const op = hooks[key]?.post ?? hooks[event.replace(/_/g, "-")]?.post;
    const schema = op?.requestBody && resolve(op.requestBody).content["application/json"]?.schema;
    if (!schema) return [];
    return this.run(`webhook:${key}`, schema, payload, "payload").slice(0, 5);
  }

  private run(key: string, schema: object, data: unknown, what: string): string[] {
    const validate = this.validator(key, schema);
    if (!validate || validate(data)) return [];
    return (validate.errors ?? []).map(
      (e) => `${what}${e.instancePath || ""} ${e.message ?? "is invalid"}${e.params && Object.keys(e.params).length ? " " + JSON.stringify(e.params) : ""}`,
    );
  }

  private validator(key: string, schema: object): ValidateFunction | null {
    const { ajv, validators } = load();
    if (validators.has(key)) return validators.get(key)!;
    let fn: ValidateFunction | null = null;
    try {
      // Point local refs at the shared components document registered under SPEC_ID.
      fn = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${SPEC_ID}#/`)));
    } catch (e) {
      // A schema ajv cannot compile is a tooling limit, not the caller's fault: skip that check.
      console.warn(`stand-in: cannot compile schema ${key}: ${(e as Error).message}`);
    }
    validators.set(key, fn);
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
