import { describe, expect, it } from "vitest";
import { approverEntries, authorizeCommand, isListedApprover, type AuthorizeInput } from "../../src/domain/command-permission.js";
import type { CommandBody } from "../../src/domain/commands.js";

const ALL: CommandBody[] = [
  { kind: "approve" },
  { kind: "approve-cancel" },
  { kind: "retry", guidance: "try again" },
  { kind: "hold", reason: null },
  { kind: "unhold" },
  { kind: "wsjf", value: 3 },
  { kind: "track", track: "hotfix" },
  { kind: "cancel" },
];

function input(over: Partial<AuthorizeInput> = {}): AuthorizeInput {
  return {
    command: { kind: "approve" },
    actor: { login: "writer", type: "User" },
    permission: "write",
    approverMatch: false,
    isAppItself: false,
    target: "pull_request",
    issueAuthor: "reporter",
    requireIndependentApproval: false,
    ...over,
  };
}

describe("authorizeCommand", () => {
  it.each(["write", "maintain", "admin"] as const)("accepts every command from %s permission", (permission) => {
    for (const command of ALL) expect(authorizeCommand(input({ command, permission }))).toEqual({ allowed: true });
  });

  it("accepts every command from a listed approver without write permission", () => {
    for (const command of ALL) expect(authorizeCommand(input({ command, permission: "read", approverMatch: true }))).toEqual({ allowed: true });
  });

  it.each([
    ["read", /@reader has `read` permission on this repository and is not in `trust.approvers`/],
    ["triage", /`triage` permission/],
    ["none", /@reader has no permission/],
  ] as const)("refuses every command but /help from %s permission, with reason and who may", (permission, reason) => {
    for (const command of ALL) {
      const result = authorizeCommand(input({ command, permission, actor: { login: "reader", type: "User" }, approvers: ["alice", "@acme/leads"] }));
      expect(result).toMatchObject({ allowed: false, silent: false });
      if (result.allowed || result.silent) throw new Error("expected an answered refusal");
      expect(result.reason).toMatch(reason);
      expect(result.whoMay).toMatch(/write, maintain or admin permission/);
      expect(result.whoMay).toMatch(/@alice, @acme\/leads/);
    }
  });

  it("allows /help for anyone, including outsiders", () => {
    expect(authorizeCommand(input({ command: { kind: "help" }, permission: "none" }))).toEqual({ allowed: true });
  });

  it("ignores bots and the app itself silently, even for /help and with admin permission", () => {
    for (const command of [...ALL, { kind: "help" } as const]) {
      expect(authorizeCommand(input({ command, actor: { login: "renovate[bot]", type: "Bot" }, permission: "admin" }))).toMatchObject({ allowed: false, silent: true });
      expect(authorizeCommand(input({ command, actor: { login: "ci[bot]", type: "User" }, permission: "admin" }))).toMatchObject({ allowed: false, silent: true });
      expect(authorizeCommand(input({ command, isAppItself: true, permission: "admin" }))).toMatchObject({ allowed: false, silent: true });
    }
  });

  describe("require_independent_approval", () => {
    const author = { login: "Reporter", type: "User" };

    it("refuses /approve of the pull request by the issue's author (case-insensitive login)", () => {
      const result = authorizeCommand(input({ actor: author, permission: "admin", requireIndependentApproval: true }));
      expect(result).toMatchObject({ allowed: false, silent: false });
      if (result.allowed) throw new Error("expected refusal");
      expect(result.reason).toMatch(/opened the issue.*require_independent_approval/);
    });

    it("still lets the author approve when the setting is off (solo maintainer)", () => {
      expect(authorizeCommand(input({ actor: author, permission: "admin" }))).toEqual({ allowed: true });
    });

    it("lets someone else approve, and the author withdraw or approve the issue itself", () => {
      const on = { requireIndependentApproval: true, permission: "write" as const };
      expect(authorizeCommand(input({ ...on }))).toEqual({ allowed: true });
      expect(authorizeCommand(input({ ...on, actor: author, command: { kind: "approve-cancel" } }))).toEqual({ allowed: true });
      expect(authorizeCommand(input({ ...on, actor: author, target: "issue" }))).toEqual({ allowed: true });
      expect(authorizeCommand(input({ ...on, actor: author, command: { kind: "retry", guidance: null } }))).toEqual({ allowed: true });
    });
  });
});

describe("approverEntries", () => {
  it("splits logins and @org/team entries", () => {
    const entries = approverEntries(["alice", "@acme/release-leads", "deploy-bot[bot]", "@other/team.x"]);
    expect(entries).toEqual({
      users: ["alice", "deploy-bot[bot]"],
      teams: [
        { org: "acme", slug: "release-leads" },
        { org: "other", slug: "team.x" },
      ],
    });
    expect(isListedApprover(entries, "ALICE")).toBe(true);
    expect(isListedApprover(entries, "bob")).toBe(false);
  });
});
