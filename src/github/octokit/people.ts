import type { Permission } from "../port.js";
import type { PortContext } from "./types.js";
import { orNotFound } from "./types.js";

const PERMISSIONS: readonly Permission[] = ["admin", "maintain", "write", "triage", "read", "none"];

/** Who may do what: asked of GitHub at the time of the question, never cached across events. */
export function peopleOps({ octokit, repo }: PortContext) {
  return {
    async getPermission(login: string): Promise<Permission> {
      return orNotFound(async () => {
        const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: login });
        // role_name carries "maintain"/"triage", which the legacy `permission` field folds into write/read.
        const role = (data as { role_name?: string }).role_name;
        if (role && (PERMISSIONS as readonly string[]).includes(role)) return role as Permission;
        const legacy = data.permission;
        return (PERMISSIONS as readonly string[]).includes(legacy) ? (legacy as Permission) : "none";
      }, "none" as const);
    },
    async isTeamMember(org: string, teamSlug: string, login: string): Promise<boolean> {
      return orNotFound(async () => {
        const { data } = await octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug: teamSlug, username: login });
        return data.state === "active";
      }, false);
    },
  };
}
