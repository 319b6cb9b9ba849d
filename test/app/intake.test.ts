import { afterEach, describe, expect, it } from "vitest";
import { decodeStateBlock, STATUS_MARKER } from "../../src/domain/state-block.js";
import { startHarness, type Harness } from "../support/app-harness.js";

let h: Harness | undefined;
afterEach(async () => {
  if (h) {
    expect(h.standIn.violations).toEqual([]);
    await h.close();
    h = undefined;
  }
});

const REFERENCE_BODY = [
  "### Goal / problem",
  "",
  "Widgets need a total.",
  "",
  "### Acceptance criteria",
  "",
  "Given two widgets When I ask for the total Then I get their sum",
  "",
  "### Business value",
  "",
  "3",
  "",
  "### Time criticality",
  "",
  "2",
  "",
  "### Risk reduction / opportunity enablement",
  "",
  "2",
  "",
  "### Job size",
  "",
  "S",
].join("\n");

function statusComments(h: Harness, issue: number) {
  return [...h.standIn.state.comments.values()].filter((c) => c.issueNumber === issue && c.body.includes(STATUS_MARKER));
}

describe("intake through Probot and the stand-in", () => {
  it("triages the reference example (3, 2, 2, S) to 3.5 / standard / ready", async () => {
    h = await startHarness();
    // Held so the scheduler leaves it at ready (dispatch is covered by the scheduler tests).
    const n = await h.standIn.as("alice").openIssue({ title: "Add a total", body: REFERENCE_BODY, labels: ["hold"] });
    await h.settle();
    const issue = h.standIn.state.issues.get(n)!;
    const labels = issue.labels;
    expect(labels).toContain("status/ready");
    expect(labels).toContain("track/standard");
    const comments = statusComments(h, n);
    expect(comments).toHaveLength(1);
    const decoded = decodeStateBlock(comments[0]!.body);
    expect(decoded.kind).toBe("ok");
    if (decoded.kind !== "ok") return;
    expect(decoded.state.wsjf.score).toBe(3.5);
    expect(decoded.state.track).toBe("standard");
    expect(decoded.state.status).toBe("ready");
  });
});
