import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/schema.js";
import { applyCommand, isApprovalValid } from "../../src/domain/apply-command.js";
import type { CommandBody } from "../../src/domain/commands.js";
import { helpText } from "../../src/domain/help-text.js";
import { itemStateSchema } from "../../src/domain/item-state.js";

const config = defaultConfig();

const command: fc.Arbitrary<CommandBody> = fc.oneof(
  fc.constant({ kind: "approve" as const }),
  fc.constant({ kind: "approve-cancel" as const }),
  fc.option(fc.string({ minLength: 1 }), { nil: null }).map((guidance) => ({ kind: "retry" as const, guidance })),
  fc.option(fc.string({ minLength: 1 }), { nil: null }).map((reason) => ({ kind: "hold" as const, reason })),
  fc.constant({ kind: "unhold" as const }),
  fc.record({ value: fc.integer({ min: 1, max: 5 }) }).map((r) => ({ kind: "wsjf" as const, ...r })),
  fc.constantFrom("hotfix", "standard", "project").map((track) => ({ kind: "track" as const, track })),
  fc.constant({ kind: "cancel" as const }),
  fc.constant({ kind: "help" as const }),
  fc.constant({ kind: "approve-plan" as const }),
  fc.constant({ kind: "plan" as const }),
);

const item = fc.record({
  status: fc.constantFrom("ready", "in-progress", "in-review", "blocked", "done", "needs-approval"),
  trusted: fc.boolean(),
  attempts: fc.array(fc.constantFrom("dispatched", "pr", "blocked", "failed"), { maxLength: 4 }),
}).map((s) =>
  itemStateSchema.parse({
    issue: 1,
    status: s.status,
    trusted: s.trusted,
    attempts: s.attempts.map((outcome, i) => ({ n: i + 1, dispatchedAt: "2026-01-01T00:00:00Z", outcome, runId: 100 + i })),
  }),
);

describe("applyCommand (properties)", () => {
  it("a redelivered comment never acts twice, and every result is a valid state", () => {
    fc.assert(
      fc.property(item, command, fc.constantFrom("issue", "pull_request"), fc.subarray(["hold", "value/2", "track/standard"]), (state, cmd, target, labels) => {
        const context = { actor: { login: "m", type: "User" }, now: "2026-01-02T00:00:00Z", commentId: 9, target, prHeadSha: "abc", labels, config } as const;
        const first = applyCommand(state, cmd, context);
        expect(itemStateSchema.safeParse(first.state).success).toBe(true);
        if (first.status === "refused") expect(first.state).toBe(state);
        const nextLabels = [...labels.filter((l) => !first.labelsToRemove.includes(l)), ...first.labelsToAdd];
        const again = applyCommand(first.state, cmd, { ...context, labels: nextLabels });
        if (first.status === "refused") return;
        expect(again).toEqual({ status: "duplicate", state: first.state, labelsToAdd: [], labelsToRemove: [], reply: "", reaction: null, effects: [] });
      }),
      { numRuns: 400 },
    );
  });

  it("an approval is valid only on its head or through the app's own updates from it", () => {
    const sha = fc.constantFrom("A", "B", "C", "D");
    fc.assert(
      fc.property(sha, sha, fc.array(fc.record({ from: sha, to: sha }), { maxLength: 5 }), (approved, head, updates) => {
        const valid = isApprovalValid({ headSha: approved }, head, updates);
        if (approved === head) expect(valid).toBe(true);
        if (updates.length === 0 && approved !== head) expect(valid).toBe(false);
        if (!updates.some((u) => u.from === approved) && approved !== head) expect(valid).toBe(false);
      }),
    );
  });
});

describe("helpText", () => {
  it("names the configured hold label, the approvers and the independent-approval rule when on", () => {
    const custom = { ...config, labels: { ...config.labels, hold: "on-ice" }, trust: { ...config.trust, approvers: ["alice", "@acme/leads"] }, review: { ...config.review, require_independent_approval: true } };
    const text = helpText(custom);
    expect(text).toContain("`on-ice`");
    expect(text).toContain("@alice, @acme/leads");
    expect(text).toMatch(/require_independent_approval` is on/);
    expect(helpText(config)).not.toMatch(/require_independent_approval/);
  });
});
