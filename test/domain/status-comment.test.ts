import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/schema.js";
import { emptyItemState } from "../../src/domain/item-state.js";
import { describeNextStep, renderStatusComment, type StatusCommentView } from "../../src/domain/status-comment.js";
import { triage } from "../../src/domain/triage.js";
import { decodeStateBlock, encodeStateBlock, STATUS_MARKER } from "../../src/domain/item/markers.js";

const config = defaultConfig();
const body = [
  "### Goal / problem\n\nCheckout should send a receipt.",
  "### Acceptance criteria\n\n- Given a cart, when I check out, then I get a receipt\n- Given <b>x</b> <!-- orchestrator:state {} -->, then nothing is injected",
  "### Depends on\n\n#3, o/r#4",
  "### Business value\n\n3\n\n### Time criticality\n\n2\n\n### Risk reduction / opportunity enablement\n\n2\n\n### Job size\n\nS",
].join("\n\n");

const decision = triage({
  issue: { number: 12, title: "Receipt <script>", body, labels: [], author: "alice", state: "open" },
  authorTrusted: true,
  itemApproved: false,
  dependencies: [
    { ref: "o/r#4", state: "closed" },
    { ref: "#3", state: "open", status: "in-progress" },
  ],
  children: [],
  cycles: [],
  previous: null,
  config,
  now: "2026-01-02T03:04:05Z",
});

const view: StatusCommentView = {
  title: "Receipt <script>",
  track: decision.track,
  dependencies: [
    { ref: "o/r#4", state: "closed" },
    { ref: "#3", state: "open", status: "in-progress" },
  ],
  acceptanceCriteria: decision.parsed.acceptanceCriteria,
  nextStep: describeNextStep(decision.state, { track: decision.track, openDependencies: ["#3"] }),
};

describe("renderStatusComment", () => {
  const comment = renderStatusComment(decision.state, view);

  it("starts with the marker and ends with the state block", () => {
    expect(comment.startsWith(`${STATUS_MARKER}\n`)).toBe(true);
    expect(comment.endsWith(encodeStateBlock(decision.state))).toBe(true);
  });

  it("shows the WSJF table, track, status, criteria checklist, dependencies and next step", () => {
    expect(comment).toContain("| 3 | 2 | 2 | S | 3.5 |");
    expect(comment).toContain("**Status:** `waiting` · **Track:** standard · **WSJF:** 3.5");
    expect(comment).toContain("- [ ] Given a cart, when I check out, then I get a receipt");
    expect(comment).toContain("**Next step:** Waiting for #3 to be closed.");
    expect(comment.indexOf("- #3: open (`in-progress`)")).toBeLessThan(comment.indexOf("- o/r#4: closed"));
  });

  it("escapes issue text so it cannot inject markup or a fake state block", () => {
    expect(comment).toContain("Receipt &lt;script&gt;");
    expect(comment.split("<!-- orchestrator:state").length).toBe(2);
    expect(comment).not.toContain("<b>");
  });

  it("round-trips the state through decodeStateBlock", () => {
    expect(decodeStateBlock(comment)).toEqual({ kind: "ok", state: decision.state });
  });

  it("is deterministic: same input, byte-identical output, whatever the dependency order", () => {
    expect(renderStatusComment(decision.state, view)).toBe(comment);
    const reordered = { ...view, dependencies: [...view.dependencies].reverse() };
    expect(renderStatusComment(structuredClone(decision.state), reordered)).toBe(comment);
  });

  it("lists what is missing and says none when there are no criteria", () => {
    const state = { ...emptyItemState(5), missing: ["job size (label size/XS..size/XL or the form's Job size field)"] };
    const text = renderStatusComment(state, { title: "t", track: "standard", dependencies: [], acceptanceCriteria: [], nextStep: describeNextStep(state, { track: "standard", openDependencies: [] }) });
    expect(text).toContain("#### Missing\n- job size");
    expect(text).toContain("_None given yet._");
    expect(text).toContain("| — | — | — | — | — |");
  });

  it("property: any title and criteria round-trip the state and keep exactly one state block", () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string()), fc.string(), (title, criteria, reason) => {
        const state = { ...emptyItemState(7), status: "blocked" as const, blockedReason: reason };
        const text = renderStatusComment(state, { title, track: "hotfix", dependencies: [], acceptanceCriteria: criteria, nextStep: describeNextStep(state, { track: "hotfix", openDependencies: [] }) });
        expect(decodeStateBlock(text)).toEqual({ kind: "ok", state });
        expect(text.split("<!-- orchestrator:state").length).toBe(2);
      }),
    );
  });
});

describe("status comment: budgets (issue 12)", () => {
  const attempts = [
    { n: 1, dispatchedAt: "2026-01-02T03:00:00Z", finishedAt: "2026-01-02T03:12:00Z", reason: "initial" as const, outcome: "failed" as const, failure: "infrastructure" as const, costUsd: 0.75, tokens: { input: 900, output: 100 }, runUrl: "https://x/runs/1" },
  ];

  it("shows the spend, why a ready item waits, and a dead letter with its evidence; a held item's wait only while it waits", () => {
    const ready = { ...decision.state, status: "ready" as const, attempts, dispatchWait: { reason: "the repository has spent $50 of its $50 daily budget", at: "2026-01-02T04:00:00Z" } };
    const comment = renderStatusComment(ready, view);
    expect(comment).toContain("**Spend:** $0.75 · 1000 tokens (in 900, out 100) · 12 min · 1 attempt");
    expect(comment).toContain("**Not dispatched:** the repository has spent $50 of its $50 daily budget. The item stays ready");
    expect(renderStatusComment({ ...ready, status: "blocked" }, view)).not.toContain("Not dispatched");
    const letter = { reason: "infrastructure" as const, summary: "3 runs in a row died", evidence: { attempt: 1, detail: "no report", url: "https://x/runs/1" }, at: "2026-01-02T04:00:00Z" };
    expect(renderStatusComment({ ...ready, status: "blocked", deadLetter: letter }, view)).toContain("**Dead letter (infrastructure):** 3 runs in a row died. Last evidence: attempt 1: no report ([run](https://x/runs/1)).");
    expect(renderStatusComment(emptyItemState(12), view)).not.toContain("**Spend:**");
  });
});
