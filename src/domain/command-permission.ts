import type { CommandBody } from "./commands.js";

/**
 * Who may give which command.
 *
 * Rule source: issue #5 "Commands / Permission" and DESIGN.md "Bots never act on their own events":
 * 1. commands from bots and from the app itself are ignored silently (a reply to a bot can start a
 *    reply loop between two apps);
 * 2. `/help` is allowed for anyone (it changes nothing);
 * 3. everything else needs write, maintain or admin permission on the repository (GitHub's
 *    collaborator permission API, asked at the time of the command, never cached) or membership in
 *    `trust.approvers` (logins, or `@org/team` resolved by the caller);
 * 4. with `review.require_independent_approval` on, the person who opened the issue cannot
 *    `/approve` the pull request that implements it (withdrawing with `/approve cancel` stays
 *    allowed: it only makes things safer).
 */

/** GitHub's repository permission levels (same union as the port's `Permission`). */
export type RepoPermission = "admin" | "maintain" | "write" | "triage" | "read" | "none";

/** The commenter. `type` is GitHub's account type: "User", "Bot" or "Organization". */
export interface CommandActor {
  login: string;
  type: string;
}

export interface AuthorizeInput {
  command: CommandBody;
  actor: CommandActor;
  /** The actor's permission on the repository, asked now. */
  permission: RepoPermission;
  /** Whether the actor is in `trust.approvers`, directly or through an `@org/team` (caller resolves). */
  approverMatch: boolean;
  /** Whether the comment was written by this app's own bot account. */
  isAppItself: boolean;
  /** Where the comment was written. */
  target: "issue" | "pull_request";
  /** Login of the person who opened the work item's issue ("" when unknown). */
  issueAuthor: string;
  /** `review.require_independent_approval`. */
  requireIndependentApproval: boolean;
  /** `trust.approvers`, only to name them in the refusal. */
  approvers?: readonly string[];
}

/**
 * The decision. `silent: true` means: do nothing at all, not even a reply or a reaction (bots);
 * otherwise a refusal is answered with `reason` and `whoMay`, and changes nothing.
 */
export type Authorization =
  | { allowed: true }
  | { allowed: false; silent: true; reason: string }
  | { allowed: false; silent: false; reason: string; whoMay: string };

const WRITERS: ReadonlySet<RepoPermission> = new Set(["write", "maintain", "admin"]);

/** Decides whether `input.actor` may give `input.command` (rules in the module comment). */
export function authorizeCommand(input: AuthorizeInput): Authorization {
  const { actor, command } = input;
  if (input.isAppItself) return { allowed: false, silent: true, reason: "comment written by this app" };
  if (isBot(actor)) return { allowed: false, silent: true, reason: `comment written by a bot (${actor.login})` };
  if (command.kind === "help") return { allowed: true };
  const trusted = WRITERS.has(input.permission) || input.approverMatch;
  if (!trusted) {
    return {
      allowed: false,
      silent: false,
      reason: `@${actor.login} has ${input.permission === "none" ? "no" : `\`${input.permission}\``} permission on this repository and is not in \`trust.approvers\`.`,
      whoMay: whoMayCommand(input.approvers),
    };
  }
  if (isSelfApproval(input)) {
    return {
      allowed: false,
      silent: false,
      reason: `@${actor.login} opened the issue this pull request implements, and \`review.require_independent_approval\` is on.`,
      whoMay: `someone other than the issue's author: ${whoMayCommand(input.approvers)}`,
    };
  }
  return { allowed: true };
}

/** "Bot" accounts and GitHub App logins (`name[bot]`) never drive the app. */
export function isBot(actor: CommandActor): boolean {
  return actor.type === "Bot" || /\[bot\]$/i.test(actor.login);
}

function isSelfApproval(input: AuthorizeInput): boolean {
  if (!input.requireIndependentApproval) return false;
  if (input.command.kind !== "approve" || input.target !== "pull_request") return false;
  return input.issueAuthor !== "" && sameLogin(input.actor.login, input.issueAuthor);
}

/** Human-readable list of who may give commands other than `/help`. */
export function whoMayCommand(approvers: readonly string[] = []): string {
  const base = "people with write, maintain or admin permission on this repository";
  if (approvers.length === 0) return `${base}, or people listed in \`trust.approvers\` (none configured)`;
  return `${base}, or the approvers in \`trust.approvers\`: ${approvers.map((a) => (a.startsWith("@") ? a : `@${a}`)).join(", ")}`;
}

/** GitHub logins are case-insensitive. */
export function sameLogin(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** `trust.approvers` split into logins and teams, for the app to resolve (teams via the port). */
export interface ApproverEntries {
  /** Logins as written (compare with {@link sameLogin}). */
  users: string[];
  /** `@org/team-slug` entries. */
  teams: Array<{ org: string; slug: string }>;
}

/**
 * Splits `trust.approvers` (config: `octocat` or `@org/team-slug`) into users and teams. Entries
 * that are neither (the config schema already rejects them) are dropped.
 */
export function approverEntries(approvers: readonly string[]): ApproverEntries {
  const users: string[] = [];
  const teams: Array<{ org: string; slug: string }> = [];
  for (const entry of approvers) {
    const team = /^@([^/\s]+)\/([^/\s]+)$/.exec(entry);
    if (team?.[1] && team[2]) {
      teams.push({ org: team[1], slug: team[2] });
      continue;
    }
    if (/^[A-Za-z0-9-]+(\[bot\])?$/.test(entry)) users.push(entry);
  }
  return { users, teams };
}

/** Whether `login` is one of the listed users (teams still need the caller's membership check). */
export function isListedApprover(entries: ApproverEntries, login: string): boolean {
  return entries.users.some((user) => sameLogin(user, login));
}
