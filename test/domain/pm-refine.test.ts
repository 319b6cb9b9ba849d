import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/schema.js";
import { applyCommands } from "../../src/domain/apply-command.js";
import { emptyItemState } from "../../src/domain/item-state.js";
import type { DecodedBlock } from "../../src/domain/item/markers.js";
import { parseIssue } from "../../src/domain/parse-issue.js";
import type { PmHandoffBlock } from "../../src/domain/pm/handoff-block.js";
import { acceptDraft, decideRefine, isAnswerText, MAX_REFINE_REVISIONS, readStoryHandoff, refineBasis, refineHold, refineRunFailed, type RefineFacts } from "../../src/domain/pm/refine.js";
import { acceptStory, withAcceptedStory } from "../../src/domain/pm/refine-merge.js";
import type { RefineState } from "../../src/domain/pm/refine-state.js";
import { refineQuestionsComment, refineStatusLines } from "../../src/domain/pm/refine-view.js";
import { describeNextStep } from "../../src/domain/status-comment.js";
import { triage } from "../../src/domain/triage.js";
import { readInputs } from "../../src/action/inputs.js";
import { cliArguments } from "../../src/action/main.js";
import { dispatchIdentity } from "../../src/github/dispatch-key.js";

const config = configSchema.parse({ pm: { agent: { name: "claude-code" } } });
const NOW = "2026-03-01T00:00:00Z";
const STORY = {
  kind: "story" as const,
  problem: "Widget totals ignore negative amounts.",
  acceptance_criteria: [{ given: "widgets of 2 and -1", when: "the total is asked", then: "it is 1" }],
  wsjf: { value: { estimate: 4, reason: "wrong totals" }, urgency: { estimate: 2, reason: "no deadline" }, risk: { estimate: 1, reason: "none" }, size: { estimate: "S" as const, reason: "one function" } },
  scope: ["src/total.mjs"],
  questions: [] as string[],
};
const ok = (handoff: unknown, revision = 1): DecodedBlock<PmHandoffBlock> => ({ kind: "ok", value: { v: 1, task: "refine", issue: 3, revision, agent: "claude-code", handoff } });

describe("an accepted story merged into the work item", () => {
  const accepted = acceptStory(STORY, 2, "bob", NOW);

  it("fills only what a person left out: labels and form fields win", () => {
    const body = "### Goal / problem\n\nTotals\n\n### Business value\n\n5\n";
    const parsed = parseIssue({ title: "Totals", body, labels: ["urgency/3"] }, config);
    const merged = withAcceptedStory(parsed, accepted);
    expect(merged.goal).toBe("Totals");
    expect(merged.wsjf).toEqual({ value: 5, urgency: 3, risk: 1, size: "S" });
    expect(merged.acceptanceCriteria).toEqual(["Given widgets of 2 and -1, when the total is asked, then it is 1"]);
    expect(merged.scope).toEqual(["src/total.mjs"]);
    expect(merged.wsjfSources).toEqual(parsed.wsjfSources);
  });

  it("keeps a person's criteria and scope whole", () => {
    const body = "### Acceptance criteria\n\n- totals add up\n\n### Scope\n\nlib/**\n";
    const merged = withAcceptedStory(parseIssue({ title: "T", body, labels: [] }, config), accepted);
    expect(merged.acceptanceCriteria).toEqual(["totals add up"]);
    expect(merged.scope).toEqual(["lib/**"]);
  });

  it("is the parse itself without a story, and never overrides a set WSJF input (property)", () => {
    const parsed = parseIssue({ title: "T", body: "x", labels: [] }, config);
    expect(withAcceptedStory(parsed, undefined)).toBe(parsed);
    fc.assert(
      fc.property(fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }), fc.option(fc.constantFrom("XS", "S", "M", "L", "XL" as const), { nil: undefined }), (value, size) => {
        const merged = withAcceptedStory({ ...parsed, wsjf: { value, size } }, accepted);
        expect(merged.wsjf.value).toBe(value ?? 4);
        expect(merged.wsjf.size).toBe(size ?? "S");
      }),
    );
  });

  it("takes an item from needs-info to ready through normal triage once accepted", () => {
    const input = { number: 3, title: "Totals", body: "Totals are wrong sometimes.", labels: [], author: "alice", state: "open" as const };
    const base = { issue: input, authorTrusted: true, itemApproved: false, dependencies: [], children: [], cycles: [], config, now: NOW };
    const before = triage({ ...base, previous: null });
    expect(before.status).toBe("needs-info");
    const after = triage({ ...base, previous: { ...before.state, refine: { revision: 1, requestedAt: NOW, basis: "b", retried: false, accepted } } });
    expect(after.status).toBe("ready");
    expect(after.missing).toEqual([]);
    expect(after.state.wsjf).toMatchObject({ value: 4, urgency: 2, risk: 1, size: "S" });
  });
});

describe("reading the refine handoff", () => {
  it("accepts a story matching the schema", () => {
    expect(readStoryHandoff(ok(STORY), 1)).toEqual({ ok: true, story: STORY });
  });

  it.each<[DecodedBlock<PmHandoffBlock>, string]>([
    [{ kind: "absent" }, "the PM handoff comment carries no handoff block"],
    [{ kind: "invalid", reason: "the PM handoff block is not JSON" }, "the PM handoff block is not JSON"],
    [ok(STORY, 2), "the handoff block is for refine revision 2, not refine revision 1"],
    [{ kind: "ok", value: { v: 1, task: "refine", issue: 3, revision: 1, agent: "codex", problem: "agent CLI `codex` not found on PATH" } }, "the PM run gave no handoff: agent CLI `codex` not found on PATH"],
    [{ kind: "ok", value: { v: 1, task: "refine", issue: 3, revision: 1, agent: "codex" } }, "the PM run's handoff is empty"],
    [ok({ ...STORY, acceptance_criteria: [] }), "the story handoff does not match its schema: `acceptance_criteria`: Too small: expected array to have >=1 items"],
    [ok({ ...STORY, kind: "plan", questions: ["a", "b", "c", "d"] }), "the story handoff does not match its schema: `kind`: Invalid input: expected \"story\"; `questions`: Too big: expected array to have <=3 items"],
  ])("names the problem of %j", (decoded, message) => {
    expect(readStoryHandoff(decoded, 1)).toEqual({ ok: false, message });
  });

  it("names at most five schema problems and counts the rest", () => {
    const bad = readStoryHandoff(ok({ kind: "plan", problem: "", story: "", acceptance_criteria: [], wsjf: {}, scope: "src", questions: "?" }), 1);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/; and \d+ more$/);
  });
});

describe("the refine step", () => {
  const basis = refineBasis({ title: "Totals", body: "wrong" }, null);
  const facts = (over: Partial<RefineFacts>): RefineFacts => ({ enabled: true, status: "needs-info", track: "standard", trusted: true, refine: undefined, basis, handoff: null, autoAccept: false, now: NOW, ...over });
  const asked: RefineState = { revision: 1, requestedAt: NOW, basis, retried: false };

  it("asks nothing of untrusted, ready, project or PM-less items", () => {
    for (const over of [{ trusted: false }, { status: "ready" as const }, { track: "project" as const }, { enabled: false }]) expect(decideRefine(facts(over))).toEqual({});
  });

  it("asks revision 1, waits for its handoff (asking again is idempotent), then keeps the draft and asks the questions", () => {
    expect(decideRefine(facts({}))).toEqual({ state: asked, dispatch: 1 });
    expect(decideRefine(facts({ refine: asked }))).toEqual({ dispatch: 1 });
    const story = { ...STORY, questions: ["Invoices or carts?"] };
    expect(decideRefine(facts({ refine: asked, handoff: ok(story) }))).toEqual({ state: { ...asked, draft: { revision: 1, story } }, questions: { revision: 1, list: ["Invoices or carts?"] } });
  });

  it("asks the next revision when the author answers or the issue is edited, and nothing while nothing changed", () => {
    const drafted = { ...asked, draft: { revision: 1, story: STORY } };
    expect(decideRefine(facts({ refine: drafted }))).toEqual({});
    const answered = refineBasis({ title: "Totals", body: "wrong" }, 77);
    expect(decideRefine(facts({ refine: drafted, basis: answered }))).toEqual({ state: { ...drafted, revision: 2, basis: answered }, dispatch: 2 });
  });

  it("retries an unusable handoff once, then says it and waits for a change", () => {
    const first = decideRefine(facts({ refine: asked, handoff: ok({ kind: "story" }) }));
    expect(first.dispatch).toBe(2);
    expect(first.state).toMatchObject({ revision: 2, retried: true, problem: { revision: 1 } });
    const second = decideRefine(facts({ refine: first.state!, handoff: ok({ kind: "story" }, 2) }));
    expect(second.dispatch).toBeUndefined();
    expect(second.state?.problem?.revision).toBe(2);
    expect(refineStatusLines(second.state).join("\n")).toContain("the handoff of revision 2 was not usable: the story handoff does not match its schema");
  });

  it("auto-accepts a draft without questions on a `pm.auto_accept` track", () => {
    const { state } = decideRefine(facts({ refine: asked, handoff: ok(STORY), autoAccept: true }));
    expect(state?.accepted).toEqual(acceptStory(STORY, 1, "pm.auto_accept", NOW));
    const withQuestions = decideRefine(facts({ refine: asked, handoff: ok({ ...STORY, questions: ["?"] }), autoAccept: true }));
    expect(withQuestions.state?.accepted).toBeUndefined();
  });

  it("records a run that gives no handoff for the revision awaited only", () => {
    expect(refineRunFailed(asked, 1, "refused")).toEqual({ ...asked, problem: { revision: 1, message: "refused" } });
    expect(refineRunFailed(asked, 2, "refused")).toBeNull();
    expect(refineRunFailed({ ...asked, draft: { revision: 1, story: STORY } }, 1, "refused")).toBeNull();
  });
});

describe("accepting the draft", () => {
  const drafted: RefineState = { revision: 2, requestedAt: NOW, basis: "b", retried: false, draft: { revision: 2, story: STORY } };

  it("a trusted `/approve` on an item with a draft accepts the story and triages again", () => {
    const state = { ...emptyItemState(3), trusted: true, refine: drafted };
    const outcome = applyCommands(state, [{ kind: "approve" }], { actor: { login: "bob", type: "User" }, now: NOW, commentId: 9, target: "issue", labels: [], config });
    expect(outcome.status).toBe("applied");
    expect(outcome.state.refine?.accepted).toEqual(acceptStory(STORY, 2, "bob", NOW));
    expect(outcome.effects).toEqual([{ kind: "retriage" }]);
    expect(outcome.reply).toContain("Story revision 2 accepted by @bob");
  });

  it("is nothing to accept without a draft or once accepted", () => {
    expect(acceptDraft(undefined, "bob", NOW)).toBeNull();
    expect(acceptDraft({ ...drafted, accepted: acceptStory(STORY, 2, "bob", NOW) }, "bob", NOW)).toBeNull();
  });

  it("shows the draft with its estimates and reasons, escaped, and asks the questions once per revision", () => {
    const lines = refineStatusLines({ ...drafted, draft: { revision: 2, story: { ...STORY, problem: "<!-- fake -->" } } }).join("\n");
    expect(lines).toContain("#### Draft story (PM agent, revision 2)");
    expect(lines).toContain("&lt;!-- fake --&gt;");
    expect(lines).toContain("| Business value | 4 | wrong totals |");
    expect(lines).toContain("- **Given** widgets of 2 and -1 **when** the total is asked **then** it is 1");
    const comment = refineQuestionsComment("alice", 2, ["Invoices or carts?"]);
    expect(comment.split("\n")[0]).toBe("<!-- orchestrator:pm-questions revision=2 -->");
    expect(comment).toContain("@alice, the PM agent drafted a story");
    expect(comment).toContain("1. Invoices or carts?");
  });
});

describe("bounds and answers", () => {
  it("a comment with a command, or one of ours, is no answer", () => {
    expect(isAnswerText("Invoices only, in EUR and/or USD.")).toBe(true);
    expect(isAnswerText("Thanks!\n/approve")).toBe(false);
    expect(isAnswerText("<!-- orchestrator:status -->\nstatus")).toBe(false);
  });

  it(`stops after ${MAX_REFINE_REVISIONS} revisions, saying so once`, () => {
    const last: RefineState = { revision: MAX_REFINE_REVISIONS, requestedAt: NOW, basis: "old", retried: false, draft: { revision: MAX_REFINE_REVISIONS, story: STORY } };
    const facts: RefineFacts = { enabled: true, status: "needs-info", track: "standard", trusted: true, refine: last, basis: "new", handoff: null, autoAccept: false, now: NOW };
    const stopped = decideRefine(facts);
    expect(stopped.dispatch).toBeUndefined();
    expect(stopped.state?.problem?.message).toContain(`refined ${MAX_REFINE_REVISIONS} times`);
    expect(decideRefine({ ...facts, refine: stopped.state!, basis: "newer" })).toEqual({});
  });
});

describe("a change while the run was going", () => {
  const basis = refineBasis({ title: "T", body: "b" }, null);
  const asked: RefineState = { revision: 1, requestedAt: NOW, basis, retried: false };
  const facts: RefineFacts = { enabled: true, status: "needs-info", track: "standard", trusted: true, refine: asked, basis: refineBasis({ title: "T", body: "b" }, 5), handoff: ok({ ...STORY, questions: ["?"] }), autoAccept: true, now: NOW };

  it("keeps the stale draft, asks no stale question, accepts nothing and asks the next revision", () => {
    const decision = decideRefine(facts);
    expect(decision.questions).toBeUndefined();
    expect(decision.dispatch).toBe(2);
    expect(decision.state).toMatchObject({ revision: 2, basis: facts.basis, retried: false, draft: { revision: 1 } });
    expect(decision.state?.accepted).toBeUndefined();
  });

  it("gives an unusable handoff a fresh retry on the new text", () => {
    const decision = decideRefine({ ...facts, refine: { ...asked, retried: true }, handoff: { kind: "absent" } });
    expect(decision.dispatch).toBe(2);
    expect(decision.state).toMatchObject({ revision: 2, retried: false, problem: { revision: 1 } });
  });
});

describe("the status comment's next step", () => {
  it("points at the answer or `/approve` while a draft waits, and at the form otherwise", () => {
    const base = { ...emptyItemState(3), status: "needs-info" as const };
    const drafted = { ...base, refine: { revision: 1, requestedAt: NOW, basis: "b", retried: false, draft: { revision: 1, story: STORY } } };
    expect(describeNextStep(drafted, { track: "standard", openDependencies: [] })).toContain("accepts its draft story below with `/approve`");
    expect(describeNextStep(base, { track: "standard", openDependencies: [] })).toMatch(/^Add the missing information/);
  });
});

describe("a PM run's dispatch", () => {
  it("has one idempotency key and run name per task and revision, apart from attempts and reviews", () => {
    expect(dispatchIdentity({ issue: "12", mode: "refine", revision: "2", agent: "codex" })).toEqual({ ref: "refs/orchestrator/dispatch/12/pm-refine-2", runTitle: "orchestrator: #12 pm refine revision 2" });
    expect(dispatchIdentity({ issue: "12", mode: "plan", revision: "1" })?.ref).toBe("refs/orchestrator/dispatch/12/pm-plan-1");
    expect(dispatchIdentity({ issue: "12", mode: "refine", revision: "0" })).toBeNull();
    expect(dispatchIdentity({ issue: "12", attempt: "2" })?.ref).toBe("refs/orchestrator/dispatch/12/2");
  });

  it("the Action's refine and plan modes run `orchestrator pm` with the task and revision", () => {
    const inputs = (mode: "refine" | "plan") => readInputs({ INPUT_MODE: mode, "INPUT_GITHUB-TOKEN": "t", INPUT_ISSUE: "12", INPUT_REVISION: "3" });
    const refine = inputs("refine");
    const plan = inputs("plan");
    expect(refine.ok && cliArguments(refine.inputs)).toEqual(["pm", "--task", "refine", "--issue", "12", "--revision", "3"]);
    expect(plan.ok && cliArguments(plan.inputs)).toEqual(["pm", "--task", "plan", "--issue", "12", "--revision", "3"]);
    const bad = readInputs({ INPUT_MODE: "refine", "INPUT_GITHUB-TOKEN": "t", INPUT_ISSUE: "12", INPUT_REVISION: "x" });
    expect(bad).toEqual({ ok: false, error: "input revision: must be a positive integer" });
  });
});

describe("the dispatch gate holding a refine run", () => {
  const asked: RefineState = { revision: 2, requestedAt: NOW, basis: "b", retried: false };

  it("holds the revision awaited with the gate's reason, once, and releases it", () => {
    const held = refineHold(asked, 2, "claude-code: the circuit breaker is open", NOW);
    expect(held).toEqual({ ...asked, held: { reason: "claude-code: the circuit breaker is open", at: NOW } });
    expect(refineHold(held!, 2, "claude-code: the circuit breaker is open", NOW)).toBeNull();
    expect(refineStatusLines(held!).join("\n")).toContain("**PM agent:** revision 2 waits: claude-code: the circuit breaker is open. It runs once that is over.");
    expect(refineHold(held!, 2, null, NOW)).toEqual(asked);
    expect(refineHold(asked, 2, null, NOW)).toBeNull();
  });

  it("leaves a settled or superseded revision alone", () => {
    expect(refineHold(asked, 1, "cap", NOW)).toBeNull();
    expect(refineHold({ ...asked, draft: { revision: 2, story: STORY } }, 2, "cap", NOW)).toBeNull();
  });
});
