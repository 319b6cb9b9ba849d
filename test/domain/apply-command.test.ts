import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/schema.js";
import { applyCommand, applyCommands, isApprovalValid, type CommandContext } from "../../src/domain/apply-command.js";
import { isCommandError, parseCommands, type CommandBody } from "../../src/domain/commands.js";
import { emptyItemState, itemStateSchema, type ItemState } from "../../src/domain/item-state.js";

const config = defaultConfig();
const NOW = "2026-01-02T03:04:05Z";

function ctx(over: Partial<CommandContext> = {}): CommandContext {
  return { actor: { login: "maintainer", type: "User" }, now: NOW, commentId: 100, target: "issue", labels: [], config, ...over };
}

function state(over: Partial<ItemState> = {}): ItemState {
  return itemStateSchema.parse({ ...emptyItemState(7), trusted: true, status: "in-review", ...over });
}

function cmd(text: string): CommandBody {
  const [parsed] = parseCommands(text);
  if (!parsed || isCommandError(parsed)) throw new Error(`not a command: ${text}`);
  return parsed;
}

const attempt = (n: number, outcome: "dispatched" | "pr" | "blocked" | "failed", runId?: number) => ({
  n,
  dispatchedAt: NOW,
  reason: "initial" as const,
  outcome,
  ...(runId === undefined ? {} : { runId }),
});

describe("/approve on a pull request", () => {
  const pr = ctx({ target: "pull_request", prHeadSha: "aaaaaaa1111" });

  it("records an approval tied to the head commit, records the command, asks the queue to re-evaluate", () => {
    const out = applyCommand(state(), cmd("/approve"), pr);
    expect(out.status).toBe("applied");
    expect(out.state.approval).toEqual({ by: "maintainer", at: NOW, headSha: "aaaaaaa1111", commentId: 100, via: "command" });
    expect(out.state.itemApproval).toBeUndefined();
    expect(out.state.commands).toEqual([{ commentId: 100, command: "/approve", by: "maintainer", at: NOW, headSha: "aaaaaaa1111" }]);
    expect(out.effects).toEqual([{ kind: "evaluate-queue" }]);
    expect(out.reaction).toBe("+1");
    expect(out.reply).toMatch(/Approved `aaaaaaa` for the merge queue/);
    expect(itemStateSchema.safeParse(out.state).success).toBe(true);
  });

  it("refuses without a known head commit, changing nothing", () => {
    const before = state();
    const out = applyCommand(before, cmd("/approve"), ctx({ target: "pull_request" }));
    expect(out).toMatchObject({ status: "refused", reaction: "confused", effects: [], labelsToAdd: [], labelsToRemove: [] });
    expect(out.state).toBe(before);
  });

  it("keeps the first approval time when approved again at the same head", () => {
    const first = applyCommand(state(), cmd("/approve"), pr).state;
    const again = applyCommand(first, cmd("/approve"), { ...pr, commentId: 101, now: "2026-02-01T00:00:00Z" });
    expect(again.status).toBe("unchanged");
    expect(again.state.approval?.at).toBe(NOW);
    expect(again.state.commands).toHaveLength(2);
  });

  it("names gated paths and a hold in the reply", () => {
    const out = applyCommand(state({ pr: { number: 9, branch: "b", gated: ["package.json"], outOfScope: [] } }), cmd("/approve"), { ...pr, labels: ["hold"] });
    expect(out.reply).toMatch(/covers the gated paths: `package.json`/);
    expect(out.reply).toMatch(/on hold/);
  });

  it("/approve cancel withdraws it", () => {
    const approved = applyCommand(state(), cmd("/approve"), pr).state;
    const out = applyCommand(approved, cmd("/approve cancel"), { ...pr, commentId: 101 });
    expect(out.status).toBe("applied");
    expect(out.state.approval).toBeUndefined();
    expect(out.effects).toEqual([{ kind: "evaluate-queue" }]);
    expect(applyCommand(out.state, cmd("/approve cancel"), { ...pr, commentId: 102 }).status).toBe("unchanged");
  });
});

describe("/approve on an issue", () => {
  it("approves an untrusted item for the agents and asks for a retriage", () => {
    const out = applyCommand(state({ trusted: false, status: "needs-approval" }), cmd("/approve"), ctx());
    expect(out.state.trusted).toBe(true);
    expect(out.state.itemApproval).toEqual({ by: "maintainer", at: NOW });
    expect(out.state.approval).toBeUndefined();
    expect(out.effects).toEqual([{ kind: "retriage" }]);
    expect(out.state.commands[0]?.headSha).toBeUndefined();
  });

  it("says so when the author is already trusted", () => {
    const out = applyCommand(state({ trusted: true }), cmd("/approve"), ctx());
    expect(out).toMatchObject({ status: "unchanged", reaction: "eyes", effects: [] });
    expect(out.state.itemApproval).toBeUndefined();
  });

  it("/approve cancel withdraws the item approval", () => {
    const approved = applyCommand(state({ trusted: false }), cmd("/approve"), ctx()).state;
    const out = applyCommand(approved, cmd("/approve cancel"), ctx({ commentId: 101 }));
    expect(out.state.trusted).toBe(false);
    expect(out.state.itemApproval).toBeUndefined();
    expect(out.effects).toEqual([{ kind: "retriage" }]);
  });
});

describe("isApprovalValid", () => {
  const approval = { headSha: "A" };

  it("holds on the approved head", () => {
    expect(isApprovalValid(approval, "A", [])).toBe(true);
  });

  it("is voided by a new commit", () => {
    expect(isApprovalValid(approval, "B", [])).toBe(false);
  });

  it("is kept across the app's own updates from the base branch, also chained", () => {
    expect(isApprovalValid(approval, "C", [{ from: "A", to: "C" }])).toBe(true);
    expect(isApprovalValid(approval, "D", [{ from: "C", to: "D" }, { from: "A", to: "C" }])).toBe(true);
  });

  it("is voided when someone pushed before the app's update", () => {
    expect(isApprovalValid(approval, "C", [{ from: "B", to: "C" }])).toBe(false);
  });

  it("is not fooled by a cycle, and there is nothing valid without an approval", () => {
    expect(isApprovalValid(approval, "Z", [{ from: "A", to: "B" }, { from: "B", to: "A" }])).toBe(false);
    expect(isApprovalValid(undefined, "A", [])).toBe(false);
  });
});

describe("/retry", () => {
  it("appends the guidance and asks for a new attempt", () => {
    const out = applyCommand(state({ guidance: ["earlier"], attempts: [attempt(1, "pr")] }), cmd("/retry use the date helper in src/util"), ctx());
    expect(out.state.guidance).toEqual(["earlier", "use the date helper in src/util"]);
    expect(out.effects).toEqual([{ kind: "dispatch", reason: "retry" }]);
    expect(out.state.attemptBudgetFrom).toBe(0);
    expect(out.state.commands[0]?.command).toBe("/retry use the date helper in src/util");
  });

  it("on a blocked item grants a fresh attempt budget and makes it ready", () => {
    const blocked = state({ status: "blocked", blockedReason: "tests fail", attempts: [attempt(1, "failed"), attempt(2, "blocked"), attempt(3, "blocked")] });
    const out = applyCommand(blocked, cmd("/retry"), ctx({ labels: ["status/blocked"] }));
    expect(out.state.attemptBudgetFrom).toBe(3);
    expect(out.state.status).toBe("ready");
    expect(out.state.blockedReason).toBeUndefined();
    expect(out.labelsToRemove).toEqual(["status/blocked"]);
    expect(out.labelsToAdd).toEqual(["status/ready"]);
    expect(out.effects).toEqual([{ kind: "dispatch", reason: "retry" }]);
    expect(out.reply).toMatch(/fresh budget of 3 attempts/);
  });

  it("does not start a second attempt while one runs, but keeps the guidance", () => {
    const out = applyCommand(state({ attempts: [attempt(1, "dispatched", 55)] }), cmd("/retry smaller steps"), ctx());
    expect(out.effects).toEqual([]);
    expect(out.state.guidance).toEqual(["smaller steps"]);
    expect(out.reply).toMatch(/still running/);
  });

  it("waits for /unhold on a held item", () => {
    const out = applyCommand(state(), cmd("/retry"), ctx({ labels: ["hold"] }));
    expect(out.effects).toEqual([]);
    expect(out.reply).toMatch(/starts after `\/unhold`/);
  });

  it("is refused on an untrusted or done item, without recording", () => {
    for (const s of [state({ trusted: false }), state({ status: "done" })]) {
      const out = applyCommand(s, cmd("/retry"), ctx());
      expect(out).toMatchObject({ status: "refused", effects: [], reaction: "confused" });
      expect(out.state).toBe(s);
    }
  });
});

describe("/hold, /unhold", () => {
  it("adds and removes the hold label", () => {
    const held = applyCommand(state(), cmd("/hold legal review"), ctx());
    expect(held.labelsToAdd).toEqual(["hold"]);
    expect(held.reply).toMatch(/Reason: legal review/);
    expect(held.effects).toEqual([{ kind: "evaluate-queue" }]);
    const released = applyCommand(held.state, cmd("/unhold"), ctx({ commentId: 101, labels: ["hold"] }));
    expect(released.labelsToRemove).toEqual(["hold"]);
    expect(released.effects).toEqual([{ kind: "retriage" }, { kind: "evaluate-queue" }]);
  });

  it("uses the configured label and says when there is nothing to do", () => {
    const custom = { ...config, labels: { ...config.labels, hold: "on-ice" } };
    expect(applyCommand(state(), cmd("/hold"), ctx({ config: custom })).labelsToAdd).toEqual(["on-ice"]);
    expect(applyCommand(state(), cmd("/hold"), ctx({ labels: ["hold"] })).status).toBe("unchanged");
    expect(applyCommand(state(), cmd("/unhold"), ctx()).status).toBe("unchanged");
  });
});

describe("/wsjf and /track", () => {
  it("replaces the WSJF labels named and asks for a rescore", () => {
    const out = applyCommand(state(), cmd("/wsjf value=4 size=s"), ctx({ labels: ["value/2", "size/L", "urgency/3", "bug"] }));
    expect(out.labelsToRemove.sort()).toEqual(["size/L", "value/2"]);
    expect(out.labelsToAdd.sort()).toEqual(["size/S", "value/4"]);
    expect(out.effects).toEqual([{ kind: "retriage" }]);
  });

  it("uses the configured prefixes, and is unchanged when the labels already agree", () => {
    const custom = { ...config, labels: { ...config.labels, risk_prefix: "rr:" } };
    expect(applyCommand(state(), cmd("/wsjf risk=5"), ctx({ config: custom, labels: ["rr:1"] }))).toMatchObject({ labelsToAdd: ["rr:5"], labelsToRemove: ["rr:1"] });
    expect(applyCommand(state(), cmd("/wsjf value=2"), ctx({ labels: ["value/2"] })).status).toBe("unchanged");
  });

  it("swaps the track label", () => {
    const out = applyCommand(state(), cmd("/track hotfix"), ctx({ labels: ["track/standard", "track/project"] }));
    expect(out.labelsToAdd).toEqual(["track/hotfix"]);
    expect(out.labelsToRemove.sort()).toEqual(["track/project", "track/standard"]);
    expect(out.effects).toEqual([{ kind: "retriage" }]);
  });
});

describe("/cancel", () => {
  it("cancels the running attempt's run and holds the item", () => {
    const out = applyCommand(state({ attempts: [attempt(1, "pr"), attempt(2, "dispatched", 4242)] }), cmd("/cancel"), ctx());
    expect(out.effects).toEqual([{ kind: "cancel-run", attempt: 2, runId: 4242 }]);
    expect(out.labelsToAdd).toEqual(["hold"]);
    expect(out.state.attempts[1]).toMatchObject({ outcome: "cancelled", finishedAt: NOW });
    expect(out.state.attempts[0]?.outcome).toBe("pr");
  });

  it("holds the item when nothing runs, and says so", () => {
    const out = applyCommand(state(), cmd("/cancel"), ctx());
    expect(out.effects).toEqual([]);
    expect(out.labelsToAdd).toEqual(["hold"]);
    expect(out.reply).toMatch(/No attempt is running/);
  });

  it("cancels an attempt whose run id is not known by the attempt (its run is found by its run name)", () => {
    const out = applyCommand(state({ attempts: [attempt(1, "dispatched")] }), cmd("/cancel"), ctx());
    expect(out.effects).toEqual([{ kind: "cancel-run", attempt: 1 }]);
    expect(out.state.attempts[0]?.outcome).toBe("cancelled");
    expect(out.reply).toMatch(/Cancelling attempt 1\./);
  });
});

describe("/help", () => {
  it("replies with every command and who may use them", () => {
    const out = applyCommand(state(), cmd("/help"), ctx());
    for (const word of ["/approve", "/approve cancel", "/retry", "/hold", "/unhold", "/wsjf", "/track", "/cancel", "/help"]) expect(out.reply).toContain(`\`${word}`);
    expect(out.reply).toMatch(/write, maintain or admin/);
  });
});

describe("idempotency", () => {
  it("a redelivered comment runs once: no effects, no reply, no reaction, same state", () => {
    const first = applyCommand(state({ attempts: [attempt(1, "pr")] }), cmd("/retry more tests"), ctx());
    const again = applyCommand(first.state, cmd("/retry more tests"), ctx());
    expect(again).toEqual({ status: "duplicate", state: first.state, labelsToAdd: [], labelsToRemove: [], reply: "", reaction: null, effects: [] });
    expect(again.state.guidance).toEqual(["more tests"]);
  });

  it("runs each command of a multi-command comment once, netting labels", () => {
    const commands = parseCommands("/hold\n/wsjf value=5\n/track project\n/unhold").filter((c) => !isCommandError(c)) as CommandBody[];
    const out = applyCommands(state(), commands, ctx({ labels: ["value/1"] }));
    expect(out.labelsToAdd.sort()).toEqual(["track/project", "value/5"]);
    expect(out.labelsToRemove).toEqual(["value/1"]);
    expect(out.state.commands.map((c) => c.command)).toEqual(["/hold", "/wsjf value=5", "/track project", "/unhold"]);
    expect(out.effects).toEqual([{ kind: "evaluate-queue" }, { kind: "retriage" }]);
    expect(out.reaction).toBe("+1");
    const again = applyCommands(out.state, commands, ctx({ labels: ["track/project", "value/5"] }));
    expect(again).toMatchObject({ status: "duplicate", reaction: null, effects: [], reply: "", labelsToAdd: [], labelsToRemove: [] });
  });
});
