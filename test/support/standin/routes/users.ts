/**
 * People, collaborator permissions and team memberships:
 * /users/{username}, /repos/{owner}/{repo}/collaborators/{username}/permission,
 * /orgs/{org}/teams/{team_slug}/memberships/{username}.
 */
import type { StandInContext } from "../context.js";
import { notFound, type Routes } from "../routing.js";
import { userJson } from "../shapes.js";

/** GitHub's legacy `permission` collapses maintain->write and triage->read; `role_name` keeps it. */
const LEGACY: Record<string, string> = { admin: "admin", maintain: "write", write: "write", triage: "read", read: "read", none: "none" };

function knownUser(ctx: StandInContext, login: string) {
  const u = ctx.state.users.get(login) ?? [...ctx.state.users.values()].find((x) => x.login.toLowerCase() === login.toLowerCase());
  if (!u) throw notFound();
  return u;
}

export function userRoutes(routes: Routes): void {
  routes.add("GET", "/users/{username}", async (req, ctx) => {
    const u = knownUser(ctx, req.params.username!);
    return {
      status: 200,
      body: {
        ...userJson(ctx, u),
        name: u.login,
        company: null,
        blog: "",
        location: null,
        email: null,
        hireable: null,
        bio: null,
        twitter_username: null,
        public_repos: 1,
        public_gists: 0,
        followers: 0,
        following: 0,
        created_at: "2020-01-01T00:00:00Z",
        updated_at: "2020-01-01T00:00:00Z",
      },
    };
  });

  routes.add("GET", "/repos/{owner}/{repo}/collaborators/{username}/permission", async (req, ctx) => {
    const u = knownUser(ctx, req.params.username!);
    const p = u.permission;
    return {
      status: 200,
      body: {
        permission: LEGACY[p],
        role_name: p,
        user: {
          ...userJson(ctx, u),
          permissions: {
            admin: p === "admin",
            maintain: p === "admin" || p === "maintain",
            push: ["admin", "maintain", "write"].includes(p),
            triage: ["admin", "maintain", "write", "triage"].includes(p),
            pull: p !== "none",
          },
          role_name: p,
        },
      },
    };
  });

  routes.add("GET", "/orgs/{org}/teams/{team_slug}/memberships/{username}", async (req, ctx) => {
    const members = ctx.state.teams.get(`${req.params.org}/${req.params.team_slug}`);
    if (!members) throw notFound();
    const login = [...members].find((m) => m.toLowerCase() === req.params.username!.toLowerCase());
    if (!login) throw notFound();
    return {
      status: 200,
      body: {
        url: `${ctx.apiUrl}/teams/1/memberships/${login}`,
        role: "member",
        state: "active",
      },
    };
  });
}
