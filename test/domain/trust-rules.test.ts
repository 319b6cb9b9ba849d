/**
 * The pure trust rules of issue #10: approval digests and edits, dispatch authority, status-label
 * repair, report and verdict acceptance, command limits, size bounds and YAML bounds. Unit tests
 * for the named rules, fast-check properties for the invariants.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { configShapeProblem, parseYamlBounded } from "../../src/config/bounded-yaml.js";
import { configSchema } from "../../src/config/schema.js";
import { boundComment, boundWithTrailingBlock, COMMENT_BUDGET, MAX_COMMANDS_PER_COMMENT, truncateMiddle } from "../../src/domain/bounds.js";
import { emptyItemState, type ItemState } from "../../src/domain/item-state.js";
import { decodeStateBlock, encodeStateBlock } from "../../src/domain/item/markers.js";
import { boundItemState, MAX_COMMAND_RECORDS, STATE_BLOCK_BUDGET } from "../../src/domain/state-bounds.js";
import { approvalCovers, approvalDigest, approvedTextFor, bindApproval, decideEdit, describeChange } from "../../src/domain/trust/approval-digest.js";
import { labelChangeDisagrees, mayDispatch, statusLabelRepair } from "../../src/domain/trust/authority.js";
import { limitCommands } from "../../src/domain/trust/command-limit.js";
import { acceptVerdict, acceptWorkerReport, workerIdentities } from "../../src/domain/trust/report-acceptance.js";
import { applyCommand } from "../../src/domain/apply-command.js";

const config = configSchema.parse({});
const TEXT = { title: "Add a total", body: "### Goal\n\nWidgets need a total." };

function readyState(extra: Partial<ItemState> = {}): ItemState {
  return { ...emptyItemState(7), status: "ready", track: "standard", trusted: true, ...extra };
}

describe("approval digest", () => {
  it("ignores line-end style and outer whitespace, but not a changed word", () => {
    expect(approvalDigest({ title: " Add a total ", body: "a\r\nb\n" })).toBe(approvalDigest({ title: "Add a total", body: "a\nb" }));
    expect(approvalDigest(TEXT)).not.toBe(approvalDigest({ ...TEXT, body: `${TEXT.body}\nAlso delete the tests.` }));
    expect(approvalDigest(TEXT)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("keeps a snapshot only when it fits the state block, the digest always", () => {
    expect(bindApproval(TEXT).snapshot).toEqual({ title: TEXT.title, body: TEXT.body });
    const huge = bindApproval({ title: "t", body: "-".repeat(5_000) });
    expect(huge.snapshot).toBeUndefined();
    expect(huge.digest).toBe(approvalDigest({ title: "t", body: "-".repeat(5_000) }));
  });

  it("an untrusted edit voids, a trusted edit re-binds, the same text changes nothing", () => {
    const approval = { by: "alice", at: "t", ...bindApproval(TEXT) };
    const edited = { ...TEXT, body: `${TEXT.body}\nAlso delete the tests.` };
    expect(decideEdit({ approval, after: TEXT, before: TEXT, editorTrusted: false })).toEqual({ kind: "unchanged" });
    const voided = decideEdit({ approval, after: edited, before: TEXT, editorTrusted: false });
    expect(voided).toEqual({ kind: "void", change: "the description changed (1 line added, 0 removed)" });
    const rebound = decideEdit({ approval, after: edited, before: TEXT, editorTrusted: true });
    expect(rebound.kind === "rebind" && rebound.digest).toBe(approvalDigest(edited));
    expect(describeChange({ title: "a", body: "x\ny" }, { title: "b", body: "x" })).toBe("the title changed; the description changed (0 lines added, 1 removed)");
  });

  it("the worker gets the snapshot, the live text only while it matches, and nothing unapproved", () => {
    const approval = { by: "alice", at: "t", ...bindApproval(TEXT) };
    const edited = { ...TEXT, body: "rm -rf tests" };
    expect(approvedTextFor({ trusted: true, approval }, edited)).toEqual({ ok: true, text: { title: TEXT.title, body: TEXT.body }, source: "snapshot" });
    const { snapshot: _s, ...digestOnly } = approval;
    expect(approvedTextFor({ trusted: true, approval: digestOnly }, TEXT)).toMatchObject({ ok: true, source: "live" });
    expect(approvedTextFor({ trusted: true, approval: digestOnly }, edited).ok).toBe(false);
    expect(approvedTextFor({ trusted: false, approval: undefined }, edited).ok).toBe(false);
    expect(approvedTextFor({ trusted: true, approval: undefined }, edited)).toMatchObject({ ok: true, source: "live" });
  });

  it("property: a text is covered by its own approval and by no other text's", () => {
    const text = fc.record({ title: fc.string({ maxLength: 30 }), body: fc.option(fc.string({ maxLength: 200 }), { nil: null }) });
    fc.assert(
      fc.property(text, text, (a, b) => {
        const approval = { by: "x", at: "t", ...bindApproval(a) };
        expect(approvalCovers(approval, a)).toBe(true);
        const same = approvalDigest(a) === approvalDigest(b);
        expect(approvalCovers(approval, b)).toBe(same);
        // Whatever the edit, an untrusted one never leaves an approval that covers unapproved text.
        const decision = decideEdit({ approval, after: b, before: a, editorTrusted: false });
        expect(decision.kind).toBe(same ? "unchanged" : "void");
      }),
      { numRuns: 200 },
    );
  });

  it("/approve records the digest of the text it was given on", () => {
    const state = { ...emptyItemState(7), status: "needs-approval" as const };
    const outcome = applyCommand(state, { kind: "approve" }, { actor: { login: "alice", type: "User" }, now: "t", commentId: 1, target: "issue", labels: [], config, issueText: TEXT });
    expect(outcome.state.itemApproval?.digest).toBe(approvalDigest(TEXT));
    expect(outcome.state.itemApproval?.snapshot?.body).toBe(TEXT.body);
  });
});

describe("dispatch authority", () => {
  const facts = (state: ItemState | null, extra: Partial<Parameters<typeof mayDispatch>[0]> = {}) =>
    mayDispatch({ state, labels: [], text: TEXT, authorTrusted: true, reason: "initial", config, ...extra });

  it("allows a ready, trusted, unblocked item, and nothing a label says", () => {
    expect(facts(readyState())).toEqual({ allowed: true });
    expect(facts(null, { labels: [config.labels.status.ready] }).allowed).toBe(false);
    expect(facts(readyState({ status: "needs-approval" }), { labels: [config.labels.status.ready] }).allowed).toBe(false);
  });

  it("refuses ignored, held, untrusted, epics, cycles, open dependencies and missing information", () => {
    expect(facts(readyState(), { labels: [config.labels.ignore] })).toMatchObject({ allowed: false, reason: expect.stringContaining("ignore") });
    expect(facts(readyState(), { labels: [config.labels.hold] }).allowed).toBe(false);
    expect(facts(readyState(), { authorTrusted: false })).toMatchObject({ allowed: false, reason: expect.stringContaining("not trusted") });
    expect(facts(readyState({ track: "project" })).allowed).toBe(false);
    expect(facts(readyState({ cycles: [["#7", "#7"]] })).allowed).toBe(false);
    expect(facts(readyState({ dependencies: [{ ref: "#7", state: "open" }] })).allowed).toBe(false);
    expect(facts(readyState({ missing: ["Acceptance criteria"] })).allowed).toBe(false);
  });

  it("an approval counts only for the text it covers", () => {
    const itemApproval = { by: "alice", at: "t", ...bindApproval(TEXT) };
    expect(facts(readyState({ itemApproval }), { authorTrusted: false }).allowed).toBe(true);
    expect(facts(readyState({ itemApproval }), { authorTrusted: false, text: { ...TEXT, body: "changed" } })).toMatchObject({ allowed: false, reason: expect.stringContaining("changed") });
  });

  it("property: a dispatch is allowed only for a trusted or covered, unblocked, ready item", () => {
    const status = fc.constantFrom(...(["needs-info", "needs-approval", "waiting", "ready", "in-progress", "in-review", "approved", "merging", "done", "blocked"] as const));
    fc.assert(
      fc.property(status, fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), fc.constantFrom("initial" as const, "retry" as const), (st, trusted, ignored, held, openDep, approved, reason) => {
        const state = readyState({ status: st, ...(openDep ? { dependencies: [{ ref: "#1", state: "open" as const }] } : {}), ...(approved ? { itemApproval: { by: "a", at: "t", ...bindApproval(TEXT) } } : {}) });
        const labels = [...(ignored ? [config.labels.ignore] : []), ...(held ? [config.labels.hold] : []), config.labels.status.ready];
        const decision = mayDispatch({ state, labels, text: TEXT, authorTrusted: trusted, reason, config });
        if (decision.allowed) {
          expect(trusted || approved).toBe(true);
          expect(ignored || held || openDep).toBe(false);
          expect(reason === "initial" ? st === "ready" : ["ready", "in-review", "approved", "merging"].includes(st)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("status labels are repaired to exactly the state's status, or none without a state", () => {
    const labels = [config.labels.status.ready, "bug"];
    expect(statusLabelRepair(labels, "needs-approval", config)).toEqual({ add: [config.labels.status["needs-approval"]], remove: [config.labels.status.ready] });
    expect(statusLabelRepair(labels, "ready", config)).toEqual({ add: [], remove: [] });
    expect(statusLabelRepair(labels, null, config)).toEqual({ add: [], remove: [config.labels.status.ready] });
  });

  it("a label change disagrees with the state when it adds another status or removes the state's own", () => {
    expect(labelChangeDisagrees("labeled", "status/ready", "needs-approval", config)).toBe(true);
    expect(labelChangeDisagrees("labeled", "status/needs-approval", "needs-approval", config)).toBe(false);
    expect(labelChangeDisagrees("unlabeled", "status/needs-approval", "needs-approval", config)).toBe(true);
    expect(labelChangeDisagrees("unlabeled", "status/ready", "needs-approval", config)).toBe(false);
    expect(labelChangeDisagrees("labeled", "bug", "needs-approval", config)).toBe(false);
    expect(labelChangeDisagrees("labeled", "status/ready", null, config)).toBe(true);
  });
});

describe("report acceptance", () => {
  const identities = workerIdentities(["github-actions[bot]"], "orchestrator");
  const inFlight = readyState({ status: "in-progress", attempts: [{ n: 1, dispatchedAt: "t", reason: "initial", outcome: "failed" }, { n: 2, dispatchedAt: "t", reason: "rerun", outcome: "dispatched" }] });
  const accept = (author: { login: string; type: string }, attempt: number, state = inFlight, issue = 7) =>
    acceptWorkerReport({ author, identities, issue, report: { issue: 7, attempt }, state });
  const actions = { login: "github-actions[bot]", type: "Bot" };

  it("accepts the worker identity for the attempt in flight, once", () => {
    expect(accept(actions, 2)).toEqual({ accepted: true });
    expect(accept({ login: "orchestrator[bot]", type: "Bot" }, 2)).toEqual({ accepted: true });
    const settled = { ...inFlight, status: "in-review" as const, attempts: inFlight.attempts.map((a) => ({ ...a, outcome: "pr" as const })) };
    expect(accept(actions, 2, settled).accepted).toBe(false);
  });

  it("ignores other bots, people, another attempt and another issue", () => {
    expect(accept({ login: "dependabot[bot]", type: "Bot" }, 2)).toMatchObject({ accepted: false, reason: expect.stringContaining("dependabot") });
    expect(accept({ login: "github-actions[bot]", type: "User" }, 2).accepted).toBe(false);
    expect(accept({ login: "alice", type: "User" }, 2).accepted).toBe(false);
    expect(accept(actions, 1).accepted).toBe(false);
    expect(accept(actions, 3).accepted).toBe(false);
    expect(accept(actions, 2, inFlight, 8).accepted).toBe(false);
  });

  it("accepts a verdict only for the reviewer run in flight", () => {
    const state = readyState({ status: "in-review", reviewRuns: [{ headSha: "abc", pr: 9, dispatchedAt: "t" }] });
    const verdict = (author: { login: string; type: string }, headSha: string, block = { pr: 9, headSha }) => acceptVerdict({ author, identities, pr: 9, headSha, block, state });
    expect(verdict(actions, "abc")).toEqual({ accepted: true });
    expect(verdict({ login: "renovate[bot]", type: "Bot" }, "abc").accepted).toBe(false);
    expect(verdict(actions, "def").accepted).toBe(false);
    expect(verdict(actions, "abc", { pr: 10, headSha: "abc" }).accepted).toBe(false);
  });
});

describe("bounds", () => {
  it("a 1,000-command comment runs the first N and answers the rest in one sentence", () => {
    const body = Array.from({ length: 1_000 }, (_, i) => `/wsjf value=${(i % 5) + 1}`).join("\n");
    const limited = limitCommands(body);
    expect(limited.kind).toBe("commands");
    if (limited.kind !== "commands") return;
    expect(limited.commands).toHaveLength(MAX_COMMANDS_PER_COMMENT);
    expect(limited.skipped).toMatch(/^990 more command lines \(from line 11 on\) were not executed/);
    expect(limitCommands("x".repeat(70_000) + "\n/approve").kind).toBe("too-long");
  });

  it("property: bounded text fits, keeps its head and tail, and is unchanged when short", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3_000 }), fc.integer({ min: 200, max: 2_000 }), (text, limit) => {
        const out = truncateMiddle(text, limit, "see the issue");
        expect(out.length).toBeLessThanOrEqual(limit);
        if (text.length <= limit) expect(out).toBe(text);
        else {
          expect(text.startsWith(out.slice(0, 20))).toBe(true);
          expect(text.endsWith(out.slice(-20))).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
    expect(boundComment("y".repeat(100_000), "p").length).toBeLessThanOrEqual(COMMENT_BUDGET);
  });

  it("a status comment keeps its state block whole when its summary is cut", () => {
    const block = encodeStateBlock(readyState());
    const body = `<!-- orchestrator:status -->\n${"z".repeat(80_000)}\n${block}`;
    const out = boundWithTrailingBlock(body, body.lastIndexOf("<!-- orchestrator:state "), "see the issue");
    expect(out.length).toBeLessThanOrEqual(COMMENT_BUDGET);
    expect(out.endsWith(block)).toBe(true);
    expect(decodeStateBlock(out).kind).toBe("ok");
  });

  it("property: the state block stays under its budget and old commands still count as run", () => {
    const record = (i: number) => ({ commentId: i + 1, command: `/retry ${"-".repeat(i % 400)}`, by: "alice", at: "t" });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 5_000 }), (commands, guidance, length) => {
        const state = readyState({
          commands: Array.from({ length: commands }, (_, i) => record(i)),
          guidance: Array.from({ length: guidance }, () => "-".repeat(length)),
          itemApproval: { by: "a", at: "t", ...bindApproval({ title: "t", body: "-".repeat(Math.min(length, 1_500)) }) },
        });
        const bounded = boundItemState(state);
        expect(encodeStateBlock(bounded).length).toBeLessThanOrEqual(STATE_BLOCK_BUDGET);
        expect(bounded.commands.length).toBeLessThanOrEqual(MAX_COMMAND_RECORDS);
        expect(bounded.itemApproval?.digest).toBe(state.itemApproval?.digest);
        if (commands > 0) {
          const again = applyCommand(bounded, { kind: "retry", guidance: "-".repeat(0) }, { actor: { login: "alice", type: "User" }, now: "t", commentId: 1, target: "issue", labels: [], config });
          if (commands > MAX_COMMAND_RECORDS) expect(again.status).toBe("duplicate");
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe("configuration bounds", () => {
  it("a self-referring alias, an alias bomb, a huge file and deep nesting are problems, not crashes", () => {
    expect(parseYamlBounded("a: &a [*a]\n")).toMatchObject({ ok: false, problem: expect.stringContaining("refers to itself") });
    const bomb = ["a: &a [x,x,x,x,x,x,x,x,x]", "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]", "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]", "d: [*c,*c,*c,*c,*c,*c,*c,*c,*c]"].join("\n");
    expect(parseYamlBounded(bomb)).toMatchObject({ ok: false, problem: expect.stringMatching(/alias|values/) });
    expect(parseYamlBounded(`x: "${"a".repeat(70_000)}"`)).toMatchObject({ ok: false, problem: expect.stringContaining("over the limit") });
    expect(parseYamlBounded(`${"[".repeat(30)}1${"]".repeat(30)}`)).toMatchObject({ ok: false, problem: expect.stringContaining("deeper") });
    expect(parseYamlBounded("worker:\n  max_concurrent: 2\n")).toEqual({ ok: true, value: { worker: { max_concurrent: 2 } } });
    expect(configShapeProblem({ a: [1, 2, { b: "c" }] })).toBeNull();
  });
});
