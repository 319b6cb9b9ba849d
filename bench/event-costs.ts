/**
 * Per-event request costs and their growth with the number of open work items (issue #9, "A request
 * budget": at most 8 requests to triage a new issue, 6 for a command, and growth of at most 1.2x
 * from 10 to 1,000 open items).
 *
 * For each size, a fresh stand-in and app: one warm-up item (labels created, configuration cached),
 * then `size - 1` open work items seeded straight into the stand-in's state (each with its status
 * label and status comment, as the app leaves an item waiting for approval), then measured:
 * - triage: the app's requests from an outsider's new issue to quiet (it waits for approval, so no
 *   worker runs);
 * - command: the app's requests from an admin's `/hold` on that issue to quiet;
 * - queue: the app's requests from a person's push to the default branch to quiet (one evaluation
 *   of the merge queue, which nothing waits in).
 * Counts are the stand-in's request log (the app's installation token; people are not counted).
 */
import { emptyItemState } from "../src/domain/item-state.js";
import { encodeStateBlock, STATUS_MARKER } from "../src/domain/item/markers.js";
import { startHarness, type Harness } from "../test/support/app-harness.js";
import { fixtureFiles } from "../test/support/fixture-repo.js";
import { workItemBody } from "../test/support/lifecycle.js";

export interface EventCost {
  openItems: number;
  triage: number;
  command: number;
  queue: number;
  /** Requests by route for the triage and the command, for finding what grows. */
  byRoute: Record<string, number>;
}

const body = (i: number) => workItemBody({ goal: `Item ${i}.`, criteria: [`Given item ${i} When built Then it works`] });

/** Seeds `count` open work items waiting for approval straight into the stand-in's state. */
function seedOpenItems(h: Harness, count: number): void {
  const state = h.standIn.state;
  const at = new Date().toISOString();
  for (let i = 0; i < count; i++) {
    const { number } = state.seedOpenIssue({ title: `Seeded item ${i}`, body: body(i), labels: ["status/needs-approval"], user: "olga", at });
    const item = { ...emptyItemState(number), status: "needs-approval" as const };
    const id = state.ids.take("comment");
    state.comments.set(id, { id, issueNumber: number, body: `${STATUS_MARKER}\n### Work item #${number}\n\n${encodeStateBlock(item)}`, user: "orchestrator[bot]", createdAt: at, updatedAt: at });
  }
}

/** Measures the triage and the command at `openItems` open work items. */
export async function eventCostAt(openItems: number): Promise<EventCost> {
  const h = await startHarness({ files: fixtureFiles() });
  try {
    // As on GitHub: the app is installed first (its label catalog is created then), then used.
    h.standIn.install();
    await h.settle();
    await h.standIn.as("olga").openIssue({ title: "Warm-up", body: body(0) });
    await h.settle();
    seedOpenItems(h, Math.max(0, openItems - 1));
    h.standIn.requests.reset();
    const n = await h.standIn.as("olga").openIssue({ title: "Measured", body: body(1) });
    await h.settle();
    const triage = h.standIn.requests.charged;
    const byRoute: Record<string, number> = {};
    for (const [route, count] of h.standIn.requests.byRoute) byRoute[`triage ${route}`] = count;
    h.standIn.requests.reset();
    await h.standIn.as("alice").comment(n, "/hold");
    await h.settle();
    const command = h.standIn.requests.charged;
    for (const [route, count] of h.standIn.requests.byRoute) byRoute[`command ${route}`] = count;
    h.standIn.requests.reset();
    await h.standIn.as("alice").pushCommit("main", { "NOTES.md": "a note\n" }, "A note");
    await h.settle();
    const queue = h.standIn.requests.charged;
    for (const [route, count] of h.standIn.requests.byRoute) byRoute[`queue ${route}`] = count;
    return { openItems, triage, command, queue, byRoute };
  } finally {
    await h.close();
  }
}
