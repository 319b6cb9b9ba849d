import { describe, expect, it } from "vitest";
import { defaultConfig, type Status, type Track } from "../../src/config/schema.js";
import { actionCommand, tickedActions } from "../../src/domain/dashboard/actions.js";
import type { DashboardItem } from "../../src/domain/dashboard/model.js";
import { DASHBOARD_MARKER, renderDashboard } from "../../src/domain/dashboard/render.js";
import { itemStateSchema, type ItemState } from "../../src/domain/item-state.js";

const config = defaultConfig();
const NOW = "2026-01-01T12:00:00Z";

function item(number: number, title: string, status: Status, state: Partial<ItemState> = {}, track: Track = "standard"): DashboardItem {
  return { number, title, status, track, held: false, state: itemStateSchema.parse({ issue: number, status, ...state }) };
}

const items: DashboardItem[] = [
  item(1, "Add a total", "in-progress", { wsjf: { score: 3.5 }, attempts: [{ n: 2, dispatchedAt: "2026-01-01T10:55:00Z", reason: "retry", runUrl: "https://x/actions/runs/9", outcome: "dispatched" }] }),
  item(2, "Parse <b>widgets</b>", "approved", { wsjf: { score: 4 }, pr: { number: 7, branch: "b", gated: [], outOfScope: [] }, queue: { position: 1, reason: "testing against main" } }),
  item(3, "Report", "waiting", { wsjf: { score: 5 }, dependencies: [{ ref: "#2", state: "open", status: "approved" }] }),
  item(4, "Answer", "blocked", { wsjf: { score: 3 }, blockedReason: "strategies exhausted after 4 iterations" }),
  item(5, "Fix prod", "ready", { wsjf: { score: 9 } }, "hotfix"),
  item(6, "Epic", "waiting", { children: [3, 8], childStates: [{ number: 3, state: "open" }, { number: 8, state: "closed" }] }, "project"),
];

describe("dashboard renderer", () => {
  const body = renderDashboard({ items, now: NOW, config });

  it("starts with the marker and is the same for items in any order", () => {
    expect(body.startsWith(DASHBOARD_MARKER)).toBe(true);
    expect(renderDashboard({ items: [...items].reverse(), now: NOW, config })).toBe(body);
  });

  it("ranks the backlog by WSJF within each track, hotfix first, with counts by status", () => {
    expect(body).toContain("By status: 2 waiting · 1 ready · 1 in-progress · 1 approved · 1 blocked.");
    const standard = body.slice(body.indexOf("**standard**"), body.indexOf("**project**"));
    expect([...standard.matchAll(/^\| (\d) \| #(\d)/gm)].map((m) => `${m[1]}:#${m[2]}`)).toEqual(["1:#3", "2:#2", "3:#1", "4:#4"]);
    expect(body.indexOf("**hotfix**")).toBeLessThan(body.indexOf("**standard**"));
  });

  it("shows a worker's attempt, elapsed time and run link, and the queue's position and reason", () => {
    expect(body).toContain("| #1 Add a total | 2 of 3 (retry) | 1 h 5 min | [run](https://x/actions/runs/9) |");
    expect(body).toContain("| 1 | #2 Parse &lt;b&gt;widgets&lt;/b&gt; | #7 | approved | testing against main |");
  });

  it("offers a retry box for a blocked item with its reason, and draws dependencies and epic progress", () => {
    expect(body).toMatch(/^- \[ \] <!-- orchestrator:dashboard-action retry 4 --> Retry #4 Answer — blocked: strategies exhausted after 4 iterations$/m);
    expect(body).toContain("i2 --> i3");
    expect(body).toContain("i3 -.-> i6");
    expect(body).toContain('i6["#6 Epic · epic 1/2 done"]');
    expect(body).toContain("## Spend\n\nToday (");
  });
});

describe("dashboard checkboxes", () => {
  it("reads ticked action boxes once each and ignores unticked boxes and a person's own checklist", () => {
    const body = [
      "- [x] <!-- orchestrator:dashboard-action retry 4 --> Retry #4",
      "- [X] <!-- orchestrator:dashboard-action retry 4 --> Retry #4 again",
      "- [ ] <!-- orchestrator:dashboard-action approve 9 --> Approve #9",
      "  * [x] <!-- orchestrator:dashboard-action approve 12 --> Approve #12",
      "- [x] my own todo",
    ].join("\n");
    expect(tickedActions(body)).toEqual([
      { kind: "retry", item: 4 },
      { kind: "approve", item: 12 },
    ]);
    expect(actionCommand({ kind: "retry", item: 4 })).toEqual({ kind: "retry", guidance: null });
  });
});
