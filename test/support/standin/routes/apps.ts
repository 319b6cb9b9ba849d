/**
 * GitHub App endpoints: /app, /app/installations[/{installation_id}[/access_tokens]],
 * /repos/{owner}/{repo}/installation, /installation/repositories.
 */
import { HttpError, notFound, type RouteRequest, type Routes } from "../routing.js";
import { APP_PERMISSIONS, appJsonFor, installationJson, mainApp, repositoryJson } from "../shapes.js";

function requireJwt(req: RouteRequest): void {
  if (req.identity.kind !== "app") throw new HttpError(401, "A JSON web token could not be decoded");
}

export function appRoutes(routes: Routes): void {
  routes.add("GET", "/app", async (req, ctx) => {
    requireJwt(req);
    return { status: 200, body: appJsonFor(ctx, mainApp(ctx)) };
  });

  routes.add("GET", "/app/installations", async (req, ctx) => {
    requireJwt(req);
    return { status: 200, body: [installationJson(ctx)] };
  });

  routes.add("GET", "/app/installations/{installation_id}", async (req, ctx) => {
    requireJwt(req);
    if (Number(req.params.installation_id) !== ctx.opts.app.installationId) throw notFound();
    return { status: 200, body: installationJson(ctx) };
  });

  routes.add("POST", "/app/installations/{installation_id}/access_tokens", async (req, ctx) => {
    requireJwt(req);
    if (Number(req.params.installation_id) !== ctx.opts.app.installationId) throw notFound();
    const { token, expiresAt } = ctx.auth.issueInstallationToken();
    return {
      status: 201,
      body: { token, expires_at: expiresAt, permissions: APP_PERMISSIONS, repository_selection: "selected", repositories: [repositoryJson(ctx)] },
    };
  });

  routes.add("GET", "/repos/{owner}/{repo}/installation", async (req, ctx) => {
    requireJwt(req);
    return { status: 200, body: installationJson(ctx) };
  });

  routes.add("GET", "/installation/repositories", async (req, ctx) => {
    if (req.identity.kind !== "installation") throw new HttpError(403, "This endpoint requires an installation token");
    return { status: 200, body: { total_count: 1, repository_selection: "selected", repositories: [repositoryJson(ctx)] } };
  });
}
