/**
 * Every REST route the code calls has its GitHub App permission in src/github/permissions.ts, and
 * app.yml asks for exactly those permissions. The routes are found in the source itself
 * (`rest.<scope>.<method>` calls, `request("METHOD /path")` calls and the config plugin's read) and
 * resolved to `METHOD /path` with Octokit's own endpoint table, so a new call fails here until its
 * permission is recorded.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { requiredPermissions, ROUTE_PERMISSIONS } from "../../src/github/permissions.js";

const SRC = fileURLToPath(new URL("../../src", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}

type Endpoint = { endpoint: { DEFAULTS: { method: string; url: string } } };
const octokit = new ProbotOctokit({ auth: { token: "none" } }) as unknown as { rest: Record<string, Record<string, Endpoint>> };

/** `METHOD /path` of every REST call in the source, with the files calling it. */
function routesInSource(): Map<string, Set<string>> {
  const routes = new Map<string, Set<string>>();
  const add = (route: string, file: string) => routes.set(route, (routes.get(route) ?? new Set()).add(path.relative(SRC, file)));
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, "utf8");
    for (const [, scope, method] of text.matchAll(/\brest\.(\w+)\.(\w+)\b/g)) {
      const endpoint = octokit.rest[scope!]?.[method!];
      if (!endpoint) throw new Error(`${file}: rest.${scope}.${method} is not an Octokit REST method`);
      add(`${endpoint.endpoint.DEFAULTS.method} ${endpoint.endpoint.DEFAULTS.url}`, file);
    }
    for (const [, route] of text.matchAll(/request\(\s*["'`]((?:GET|POST|PUT|PATCH|DELETE) \/[^"'`]+)["'`]/g)) add(route!, file);
    // @probot/octokit-plugin-config reads files with the contents API.
    if (/\.config\.get\(/.test(text)) add("GET /repos/{owner}/{repo}/contents/{path}", file);
  }
  return routes;
}

describe("GitHub App permissions", () => {
  const routes = routesInSource();

  it("finds the port's routes in the source", () => {
    expect(routes.size).toBeGreaterThan(30);
    expect(routes.get("PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge")).toBeDefined();
  });

  it("records a permission for every route the code calls", () => {
    const missing = [...routes].filter(([route]) => !(route in ROUTE_PERMISSIONS)).map(([route, files]) => `${route} (${[...files].join(", ")})`);
    expect(missing, "add these routes to src/github/permissions.ts with the permission GitHub documents").toEqual([]);
  });

  it("keeps no route the code no longer calls", () => {
    expect(Object.keys(ROUTE_PERMISSIONS).filter((route) => !routes.has(route))).toEqual([]);
  });

  it("app.yml asks for exactly the permissions the routes need, no more, no less", () => {
    const manifest = parse(readFileSync(new URL("../../app.yml", import.meta.url), "utf8")) as { default_permissions: Record<string, string> };
    expect(manifest.default_permissions).toEqual(requiredPermissions());
  });
});
