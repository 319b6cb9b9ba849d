import { describe, expect, it } from "vitest";
import { configSchema, defaultConfig, type Status } from "../../src/config/schema.js";
import { emptyItemState, type ItemState } from "../../src/domain/item-state.js";
import { triage, type TriageInput } from "../../src/domain/triage.js";

const config = defaultConfig();
const NOW = "2026-01-02T03:04:05Z";
const LATER = "2026-01-03T00:00:00Z";

const CRITERIA = "### Acceptance criteria\n\nGiven a cart, when I check out, then I get a receipt";
const WSJF_FORM = [
  "### Business value\n\n3 - medium",
  "### Time criticality\n\n2 - low",
  "### Risk reduction / opportunity enablement\n\n2 - low",
  "### Job size\n\nS - a day or two",
].join("\n\n");
const referenceBody = `### Goal / problem\n\nCheckout should send a receipt.\n\n${CRITERIA}\n\n${WSJF_FORM}`;

function input(overrides: Partial<TriageInput> & { body?: string | null; labels?: string[]; state?: "open" | "closed" } = {}): TriageInput {
  const { body, labels, state, ...rest } = overrides;
  return {
    issue: { number: 12, title: "Receipt", body: body === undefined ? referenceBody : body, labels: labels ?? [], author: "alice", state: state ?? "open" },
    authorTrusted: true,
    itemApproved: false,
    dependencies: [],
    children: [],
    cycles: [],
    previous: null,
    config,
    now: NOW,
    ...rest,
  };
}

const withStatus = (status: Status, extra: Partial<ItemState> = {}): ItemState => ({ ...emptyItemState(12), status, track: "standard", ...extra });

describe("triage", () => {
  it("triages the reference example (3, 2, 2, S) to 3.5, standard, ready", () => {
    const d = triage(input());
    expect(d.wsjf).toEqual({ score: 3.5, missing: [] });
    expect(d.track).toBe("standard");
    expect(d.status).toBe("ready");
    expect(d.missing).toEqual([]);
    expect(d.questions).toBeNull();
    expect(d.cycleMessage).toBeNull();
    expect(d.labelsToAdd).toEqual(["status/ready", "track/standard"]);
    expect(d.labelsToRemove).toEqual([]);
    expect(d.state).toMatchObject({
      issue: 12,
      status: "ready",
      track: "standard",
      wsjf: { value: 3, urgency: 2, risk: 2, size: "S", score: 3.5 },
      trusted: true,
      missing: [],
      updatedAt: NOW,
    });
  });

  it("asks for missing criteria (needs-info), then moves to ready once the issue is edited", () => {
    const first = triage(input({ body: `### Goal / problem\n\nCheckout should send a receipt.\n\n${WSJF_FORM}` }));
    expect(first.status).toBe("needs-info");
    expect(first.missing).toHaveLength(1);
    expect(first.questions).toContain("@alice");
    expect(first.questions).toContain("acceptance criteria");
    expect(first.questions).toContain("Given/When/Then");
    expect(first.labelsToAdd).toContain("status/needs-info");

    const labels = ["status/needs-info", "track/standard"];
    const second = triage(input({ labels, previous: first.state, now: LATER }));
    expect(second.status).toBe("ready");
    expect(second.questions).toBeNull();
    expect(second.labelsToAdd).toEqual(["status/ready"]);
    expect(second.labelsToRemove).toEqual(["status/needs-info"]);
    expect(second.state.updatedAt).toBe(LATER);
  });

  it("asks for each missing WSJF input by its label and form field", () => {
    const d = triage(input({ body: `### Goal / problem\n\nx\n\n${CRITERIA}`, labels: ["value/4"] }));
    expect(d.status).toBe("needs-info");
    expect(d.questions).toContain("time criticality (label urgency/1..urgency/5 or the form's Time criticality field)");
    expect(d.questions).toContain("job size (label size/XS..size/XL");
    expect(d.questions).not.toContain("business value");
  });

  it("stops an untrusted author's item at needs-approval, even when complete, until approved", () => {
    const d = triage(input({ authorTrusted: false }));
    expect(d.status).toBe("needs-approval");
    expect(d.state.trusted).toBe(false);
    expect(triage(input({ authorTrusted: false, itemApproved: true })).status).toBe("ready");
  });

  it("keeps needs-approval ahead of needs-info but still asks for what is missing", () => {
    const d = triage(input({ authorTrusted: false, body: "Some idea" }));
    expect(d.status).toBe("needs-approval");
    expect(d.questions).not.toBeNull();
  });

  it("waits for an open dependency and is ready once it is closed", () => {
    const open = triage(input({ dependencies: [{ ref: "#3", state: "open" }] }));
    expect(open.status).toBe("waiting");
    expect(open.state.dependsOn).toEqual(["#3"]);
    expect(triage(input({ dependencies: [{ ref: "#3", state: "closed" }] })).status).toBe("ready");
  });

  it("records parsed and native dependencies together, sorted and deduplicated", () => {
    const d = triage(input({ body: `${referenceBody}\n\nBlocked by #9, o/r#1`, dependencies: [{ ref: "#9", state: "closed" }, { ref: "#2", state: "closed" }] }));
    expect(d.state.dependsOn).toEqual(["#2", "#9", "o/r#1"]);
    const same = triage(input({ body: `${referenceBody}\n\nDepends on Me/App#9`, repository: "me/app", dependencies: [{ ref: "#9", state: "closed" }] }));
    expect(same.state.dependsOn).toEqual(["#9"]);
  });

  it("records dependencies, cycles and child states in the state; a dependency closing is a change", () => {
    const open = triage(input({ dependencies: [{ ref: "o/r#1", state: "open" }, { ref: "#3", state: "open", status: "in-progress" }] }));
    expect(open.state.dependencies).toEqual([
      { ref: "#3", state: "open", status: "in-progress" },
      { ref: "o/r#1", state: "open" },
    ]);
    const closed = triage(input({ labels: open.labelsToAdd, previous: open.state, now: LATER, dependencies: [{ ref: "o/r#1", state: "closed" }, { ref: "#3", state: "closed", status: "done" }] }));
    expect(closed.status).toBe("ready");
    expect(closed.state.dependencies.map((d) => d.state)).toEqual(["closed", "closed"]);
    expect(closed.state.updatedAt).toBe(LATER);
    const cyc = triage(input({ cycles: [["#12", "#13"]], children: [{ number: 4, state: "closed" }] }));
    expect(cyc.state.cycles).toEqual([["#12", "#13"]]);
    expect(cyc.state.childStates).toEqual([{ number: 4, state: "closed" }]);
  });

  it("reports a cycle by name and waits", () => {
    const d = triage(input({ cycles: [["#12", "#13"]], dependencies: [{ ref: "#13", state: "open" }] }));
    expect(d.status).toBe("waiting");
    expect(d.cycleMessage).toContain("#12 -> #13 -> #12");
  });

  it("lets labels override form fields", () => {
    const d = triage(input({ labels: ["value/5", "urgency/5", "risk/5", "size/XS"] }));
    expect(d.wsjf.score).toBe(15);
    expect(d.track).toBe("hotfix");
    expect(d.state.wsjf).toEqual({ value: 5, urgency: 5, risk: 5, size: "XS", score: 15 });
  });

  it("gives hotfix at the threshold and standard below it", () => {
    expect(triage(input({ labels: ["value/3", "urgency/2", "risk/2", "size/XS"] })).track).toBe("hotfix"); // 7
    expect(triage(input({ labels: ["value/2", "urgency/2", "risk/2", "size/XS"] })).track).toBe("standard"); // 6
    const lowered = configSchema.parse({ tracks: { hotfix_threshold: 3.5 } });
    expect(triage(input({ config: lowered })).track).toBe("hotfix");
  });

  it("lets an explicit track label win and never removes it", () => {
    const d = triage(input({ labels: ["track/hotfix", "value/1", "urgency/1", "risk/1", "size/XL"] }));
    expect(d.track).toBe("hotfix");
    expect(d.labelsToAdd).toEqual(["status/ready"]);
    expect(d.labelsToRemove).toEqual([]);
  });

  it("makes size L a project that needs child issues, then waits for open children", () => {
    const labels = ["size/L"];
    const d = triage(input({ labels }));
    expect(d.track).toBe("project");
    expect(d.status).toBe("needs-info");
    expect(d.questions).toContain("child issues");
    const withChildren = triage(input({ labels, children: [{ number: 20, state: "open" }, { number: 21, state: "closed" }] }));
    expect(withChildren.status).toBe("waiting");
    expect(withChildren.state.children).toEqual([20, 21]);
  });

  it("recomputes its own track label when WSJF changes, but not a person's", () => {
    const first = triage(input());
    const labels = ["status/ready", "track/standard", "value/5", "urgency/5", "risk/5", "size/XS"];
    const second = triage(input({ labels, previous: first.state }));
    expect(second.track).toBe("hotfix");
    expect(second.labelsToAdd).toEqual(["track/hotfix"]);
    expect(second.labelsToRemove).toEqual(["track/standard"]);

    const human = triage(input({ labels: ["track/standard"] }));
    const again = triage(input({ labels: ["status/ready", "track/project", ...labels.slice(1)], previous: { ...human.state, track: "project" } }));
    expect(again.labelsToRemove).not.toContain("track/project");
  });

  it("preserves statuses past ready on re-triage but recomputes WSJF, track and criteria", () => {
    for (const status of ["in-progress", "in-review", "approved", "merging", "done", "blocked"] as const) {
      const previous = withStatus(status, { wsjf: { value: 1, urgency: 1, risk: 1, size: "S", score: 1.5 } });
      const d = triage(input({ labels: [`status/${status}`, "track/standard"], previous }));
      expect(d.status).toBe(status);
      expect(d.labelsToAdd).toEqual([]);
      expect(d.labelsToRemove).toEqual([]);
      expect(d.state.wsjf.score).toBe(3.5);
    }
    const noCriteria = triage(input({ body: `### Goal / problem\n\nx\n\n${WSJF_FORM}`, previous: withStatus("in-progress") }));
    expect(noCriteria.status).toBe("in-progress");
    expect(noCriteria.missing).toHaveLength(1);
  });

  it("marks a closed issue done only when a merge is recorded", () => {
    const merged = withStatus("merging", { merged: { sha: "abc1234", at: NOW, pr: 40 } });
    expect(triage(input({ state: "closed", previous: merged })).status).toBe("done");
    expect(triage(input({ state: "closed", previous: withStatus("in-review") })).status).toBe("in-review");
    expect(triage(input({ state: "closed", previous: withStatus("ready") })).status).toBe("ready");
  });

  it("keeps exactly one status label", () => {
    const d = triage(input({ labels: ["status/waiting", "status/needs-info", "status/ready"] }));
    expect(d.labelsToAdd).toEqual(["track/standard"]);
    expect(d.labelsToRemove).toEqual(["status/needs-info", "status/waiting"]);
  });

  it("never touches WSJF input labels", () => {
    const d = triage(input({ labels: ["value/1", "urgency/1", "risk/1", "size/M", "value/2"] }));
    for (const name of [...d.labelsToAdd, ...d.labelsToRemove]) expect(name).toMatch(/^(status|track)\//);
  });

  it("is idempotent: the same input with the resulting state changes nothing, not even updatedAt", () => {
    const first = triage(input());
    const labels = [...first.labelsToAdd];
    const second = triage(input({ labels, previous: first.state, now: LATER }));
    expect(second.labelsToAdd).toEqual([]);
    expect(second.labelsToRemove).toEqual([]);
    expect(second.state).toEqual(first.state);
    expect(JSON.stringify(second.state)).toBe(JSON.stringify(first.state));
  });

  it("leaves an ignored issue alone", () => {
    const d = triage(input({ labels: ["orchestrator/ignore", "status/ready"], authorTrusted: false }));
    expect(d.ignored).toBe(true);
    expect(d.labelsToAdd).toEqual([]);
    expect(d.labelsToRemove).toEqual([]);
  });
});
