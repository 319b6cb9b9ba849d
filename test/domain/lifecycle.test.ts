import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { STATUSES, type Status } from "../../src/config/schema.js";
import { EVENT_KINDS, transition, type LifecycleEvent, type LifecycleItem } from "../../src/domain/item/lifecycle.js";

const HEADS = ["a1", "b2", "c3"] as const;
const head = fc.constantFrom(...HEADS);
const status = fc.constantFrom(...STATUSES);

const event: fc.Arbitrary<LifecycleEvent> = fc.oneof(
  fc.constantFrom("needs-info", "needs-approval", "waiting", "ready", "blocked", "done").map((s) => ({ kind: "triaged", status: s }) as LifecycleEvent),
  fc.constant<LifecycleEvent>({ kind: "dispatched" }),
  fc.constant<LifecycleEvent>({ kind: "dispatch-failed" }),
  head.map((h) => ({ kind: "reported-pr", head: h }) as LifecycleEvent),
  fc.constant<LifecycleEvent>({ kind: "reported-blocker" }),
  fc.constant<LifecycleEvent>({ kind: "run-failed" }),
  fc.constant<LifecycleEvent>({ kind: "run-cancelled" }),
  head.map((h) => ({ kind: "approved", head: h }) as LifecycleEvent),
  fc.constant<LifecycleEvent>({ kind: "approval-withdrawn" }),
  fc.record({ head, ownUpdate: fc.boolean() }).map((p) => ({ kind: "pushed", ...p }) as LifecycleEvent),
  fc.constant<LifecycleEvent>({ kind: "queue-updating" }),
  fc.record({ member: fc.boolean(), inFlight: fc.boolean() }).map((p) => ({ kind: "queue-ranked", ...p }) as LifecycleEvent),
  fc.constant<LifecycleEvent>({ kind: "queue-sent-back" }),
  fc.constant<LifecycleEvent>({ kind: "queue-held-back" }),
  head.map((sha) => ({ kind: "merge-ready", sha }) as LifecycleEvent),
  fc.constant<LifecycleEvent>({ kind: "merged" }),
  fc.constant<LifecycleEvent>({ kind: "epic-finished" }),
  fc.constant<LifecycleEvent>({ kind: "approval-voided" }),
  fc.constant<LifecycleEvent>({ kind: "verification-failed" }),
);

const item: fc.Arbitrary<LifecycleItem> = fc.record({ status, prHead: fc.option(head, { nil: null }), approvedHead: fc.constant(null) });

describe("lifecycle state machine", () => {
  it("is total: every status x event kind has a result, a known status and a list of effects", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(item, event, (i, e) => {
        const t = transition(i, e);
        expect(STATUSES).toContain(t.item.status);
        expect(Array.isArray(t.effects)).toBe(true);
        if (t.ignored) expect(t.item).toEqual(i);
        seen.add(`${i.status}/${e.kind}`);
      }),
      { numRuns: 4000 },
    );
    // Every pair was exercised (10 statuses x 19 event kinds).
    expect(seen.size).toBe(STATUSES.length * EVENT_KINDS.length);
  });

  it("done is final: only a triage of a reopened item, or a failed verification (a hotfix), leaves it", () => {
    fc.assert(
      fc.property(event, fc.option(head, { nil: null }), (e, prHead) => {
        const t = transition({ status: "done" as Status, prHead, approvedHead: null }, e);
        if (e.kind !== "triaged" && e.kind !== "verification-failed") expect(t.item.status).toBe("done");
      }),
    );
  });

  it("a failed verification reopens only a done item, as ready with no pull request or approval", () => {
    expect(transition({ status: "done", prHead: "abc", approvedHead: "abc" }, { kind: "verification-failed" })).toEqual({
      item: { status: "ready", prHead: null, approvedHead: null },
      effects: [{ kind: "dependents" }, { kind: "schedule" }],
      ignored: false,
    });
    for (const status of STATUSES.filter((s) => s !== "done")) {
      expect(transition({ status, prHead: null, approvedHead: null }, { kind: "verification-failed" }).ignored).toBe(true);
    }
  });

  it("random event sequences never merge without a valid approval on the tested head", () => {
    fc.assert(
      fc.property(item, fc.array(event, { maxLength: 60 }), (start, events) => {
        let current = start;
        // Oracle, kept apart from the machine: the head a person's approval covers now (an
        // accepted approval of the recorded head, carried only across the queue's own updates).
        let approvedByPerson: string | null = null;
        for (const e of events) {
          const before = current;
          const t = transition(current, e);
          for (const effect of t.effects) {
            if (effect.kind !== "merge") continue;
            expect(approvedByPerson).toBe(effect.sha);
            expect(before.prHead).toBe(effect.sha);
            expect(["approved", "merging"]).toContain(before.status);
          }
          if (!t.ignored) {
            if (e.kind === "approved") approvedByPerson = e.head;
            else if (e.kind === "pushed") approvedByPerson = e.ownUpdate && approvedByPerson === before.prHead ? e.head : null;
            else if (["approval-withdrawn", "dispatched", "dispatch-failed", "reported-pr", "reported-blocker", "queue-sent-back"].includes(e.kind)) approvedByPerson = null;
            else if (e.kind === "queue-ranked" && t.item.approvedHead === null) approvedByPerson = null;
          }
          current = t.item;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("a push by anyone but the queue voids the approval and takes an approved item back to review", () => {
    const approved = transition({ status: "in-review", prHead: "a1", approvedHead: null }, { kind: "approved", head: "a1" }).item;
    expect(approved).toEqual({ status: "approved", prHead: "a1", approvedHead: "a1" });
    const own = transition(approved, { kind: "pushed", head: "b2", ownUpdate: true }).item;
    expect(own).toEqual({ status: "approved", prHead: "b2", approvedHead: "b2" });
    const other = transition(own, { kind: "pushed", head: "c3", ownUpdate: false }).item;
    expect(other).toEqual({ status: "in-review", prHead: "c3", approvedHead: null });
    expect(transition(other, { kind: "merge-ready", sha: "c3" }).effects).toEqual([]);
  });
});
