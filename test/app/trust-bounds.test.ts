/**
 * Bounded input and output (issue #10) through the real app (Probot) and the GitHub stand-in: a
 * 1,000-command comment gets one short reply and a bounded state; a 65,000-character body is
 * triaged with a status comment under GitHub's limit; an alias-bomb configuration is reported as
 * a broken configuration and every delivery is answered without a 5xx.
 */
import { describe, expect, it } from "vitest";
import { CONFIG_ERROR_MARKER } from "../../src/domain/item/markers.js";
import { GITHUB_COMMENT_LIMIT, MAX_COMMANDS_PER_COMMENT } from "../../src/domain/bounds.js";
import { STATE_BLOCK_BUDGET } from "../../src/domain/state-bounds.js";
import { encodeStateBlock } from "../../src/domain/item/markers.js";
import { useHarness } from "../support/use-harness.js";
import { commentsOn, formBody, itemState, REFERENCE_ITEM, statusText } from "../support/work-items.js";

const harness = useHarness();

const longest = (bodies: string[]) => Math.max(0, ...bodies.map((b) => b.length));

describe("trust: bounded input and output", () => {
  it("a 1,000-command comment and a 65,000-character body: bounded replies and state, every delivery 2xx", async () => {
    const h = await harness.start({ files: { "README.md": "# widgets\n", ".github/orchestrator.yml": "worker:\n  test_command: node test.mjs\n" } });
    const n = await h.standIn.as("alice").openIssue({ title: "Add a total", body: formBody({ ...REFERENCE_ITEM, scope: "**" }), labels: ["hold"] });
    await h.settle();

    const commands = Array.from({ length: 1_000 }, (_, i) => (i % 2 === 0 ? `/wsjf value=${(i % 5) + 1}` : `/retry guidance ${"x".repeat(60)} ${i}`)).join("\n");
    expect(commands.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    const id = await h.standIn.as("walt").comment(n, commands);
    await h.settle();
    const replies = commentsOn(h, n).filter((c) => c.body.includes(`<!-- orchestrator:reply comment=${id} -->`));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(replies[0]!.body).toContain("990 more command lines (from line 11 on) were not executed");
    const state = itemState(h, n);
    expect(state.commands.length).toBeLessThanOrEqual(MAX_COMMANDS_PER_COMMENT);
    expect(encodeStateBlock(state).length).toBeLessThanOrEqual(STATE_BLOCK_BUDGET);

    // An issue body at GitHub's own limit: criteria and all, the status comment stays under it.
    const criteria = Array.from({ length: 2_000 }, (_, i) => `Given widget ${i} When I ask Then I get ${"-".repeat(8)} ${i}`);
    const big = formBody({ ...REFERENCE_ITEM, criteria, scope: "**" }).slice(0, 65_000);
    const m = await h.standIn.as("alice").openIssue({ title: "A big one", body: big, labels: ["hold"] });
    await h.settle();
    expect(big.length).toBe(65_000);
    expect(statusText(h, m).length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(statusText(h, m)).toContain("characters left out here");
    expect(itemState(h, m).issue).toBe(m);
    expect(longest(commentsOn(h, m).map((c) => c.body))).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(h.standIn.deliveries.filter((d) => (d.status ?? 0) >= 500)).toEqual([]);
  });

  it("an alias-bomb configuration is reported as a broken configuration, never a 5xx", async () => {
    const h = await harness.start({ files: { "README.md": "# widgets\n", ".github/orchestrator.yml": "a: &a [*a]\n" } });
    const n = await h.standIn.as("alice").openIssue({ title: "Add a total", body: formBody(REFERENCE_ITEM) });
    await h.settle();
    const reports = commentsOn(h, n).filter((c) => c.body.includes(CONFIG_ERROR_MARKER));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.body).toMatch(/refers to itself|cannot be read/);
    expect(h.standIn.deliveries.filter((d) => (d.status ?? 0) >= 500)).toEqual([]);
  });
});
