import type { Permission } from "../github/port.js";
import type { RepoSession } from "./session.js";

/** Permissions that make a person trusted (may steer agents and approve). */
export const TRUSTED_PERMISSIONS: readonly Permission[] = ["admin", "maintain", "write"];

/**
 * Whether `login` is in `trust.approvers`: listed by login, or an active member of a listed
 * `@org/team`. Asked of GitHub now (team membership needs the `members: read` permission).
 */
export async function isApprover(session: RepoSession, login: string): Promise<boolean> {
  const lower = login.toLowerCase();
  for (const entry of session.config.trust.approvers) {
    if (!entry.startsWith("@")) {
      if (entry.toLowerCase() === lower) return true;
      continue;
    }
    const [org, team] = entry.slice(1).split("/");
    if (org && team && (await session.port.isTeamMember(org, team, login))) return true;
  }
  return false;
}

/**
 * Trust of a person, per the foundation issue: write, maintain or admin permission on the
 * repository (the collaborator permission API, asked at the time), or membership in
 * `trust.approvers`. Returns the permission too, for messages.
 */
export async function resolveTrust(session: RepoSession, login: string): Promise<{ trusted: boolean; permission: Permission; approver: boolean }> {
  const permission = await session.port.getPermission(login);
  if (TRUSTED_PERMISSIONS.includes(permission)) return { trusted: true, permission, approver: false };
  const approver = await isApprover(session, login);
  return { trusted: approver, permission, approver };
}
