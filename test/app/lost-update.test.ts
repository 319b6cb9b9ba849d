/**
 * A lost update between writers without a shared lock (issue #9 "two replicas safe"): a pass that
 * read a work item and then finds, just before writing it, that its status comment changed (a
 * second replica wrote it meanwhile) does not overwrite it: it runs again from fresh reads, so both
 * changes survive (src/app/item-writes.ts `ensureUnchanged`, src/app/route.ts `inRepository`).
 */
import { describe, expect, it } from "vitest";
import { encodeStateBlock, STATE_BLOCK_OPENING } from "../../src/domain/item/markers.js";
import { STALE_ITEM_RERUNS } from "../../src/app/route.js";
import { useHarness } from "../support/use-harness.js";
import { itemState, REFERENCE_BODY, statusComments } from "../support/work-items.js";

const harness = useHarness();

describe("a work item changed by another writer during a pass", () => {
  it("is not overwritten: the pass runs again and keeps the other writer's change", async () => {
    // After `armed`: every app REST GET of an issue's comments. The pass reads the item with its
    // view of the work items (one GraphQL request); its first listing by REST is the check before
    // its write (conditional), which meets the other writer's change.
    let armed: (() => void) | null = null;
    const listings: string[] = [];
    const h = await harness.start({
      beforeAppRequest: async ({ method, url }) => {
        // `url` is the expanded URL or the route template, as the caller gave it.
        if (method !== "GET" || !/\/issues\/(\d+|\{issue_number\})\/comments/.test(url) || armed === null) return;
        listings.push(url);
        if (listings.length === 1) armed();
      },
    });
    const alice = h.standIn.as("alice");
    const n = await alice.openIssue({ title: "Add a total", body: REFERENCE_BODY, labels: ["hold"] });
    await h.settle();
    const before = itemState(h, n);
    expect(before.guidance).toEqual([]);

    // Another replica records guidance on the item after this pass read it, before it writes.
    armed = () => {
      const comment = statusComments(h, n)[0]!;
      const state = itemState(h, n);
      const at = comment.body.lastIndexOf(STATE_BLOCK_OPENING);
      comment.body = comment.body.slice(0, at) + encodeStateBlock({ ...state, guidance: [...state.guidance, "from the other replica"] });
    };
    await alice.comment(n, "/wsjf value=5");
    await h.settle();

    const after = itemState(h, n);
    expect(after.wsjf.value).toBe(5);
    expect(after.guidance).toEqual(["from the other replica"]);
    // Checked (changed: the pass ran again), then checked again on the rerun (unchanged:
    // written); never more runs than STALE_ITEM_RERUNS allows.
    expect(listings.length).toBeGreaterThanOrEqual(2);
    expect(listings.length).toBeLessThanOrEqual(2 * (1 + STALE_ITEM_RERUNS));
    expect(statusComments(h, n)).toHaveLength(1);
  });
});
