import { describe, expect, it } from "vitest";
import { configSchema, defaultConfig } from "../../src/config/schema.js";
import { parseIssue } from "../../src/domain/parse-issue.js";
import { MISSING_CHILDREN, MISSING_CRITERIA, chooseTrack, trackRequirements } from "../../src/domain/track.js";

const config = defaultConfig();

describe("chooseTrack", () => {
  it("gives standard for the reference example (3.5, size S)", () => {
    expect(chooseTrack([], 3.5, "S", config)).toBe("standard");
  });

  it("lets an explicit track label win over size and score", () => {
    expect(chooseTrack(["track/hotfix"], 1, "XL", config)).toBe("hotfix");
    expect(chooseTrack(["track/standard"], 12, "XS", config)).toBe("standard");
    expect(chooseTrack(["track/project"], 12, "XS", config)).toBe("project");
  });

  it("makes sizes L and XL projects", () => {
    expect(chooseTrack([], 3, "L", config)).toBe("project");
    expect(chooseTrack([], 9, "XL", config)).toBe("project");
    expect(chooseTrack([], null, "L", config)).toBe("project");
  });

  it("gives hotfix at or above the threshold, standard below", () => {
    expect(chooseTrack([], 7, "XS", config)).toBe("hotfix");
    expect(chooseTrack([], 6.99, "XS", config)).toBe("standard");
    expect(chooseTrack([], null, undefined, config)).toBe("standard");
  });

  it("follows configured thresholds and project sizes", () => {
    const custom = configSchema.parse({ tracks: { hotfix_threshold: 4, project_sizes: ["XL"] } });
    expect(chooseTrack([], 4.5, "S", custom)).toBe("hotfix");
    expect(chooseTrack([], 1, "L", custom)).toBe("standard");
  });
});

describe("trackRequirements", () => {
  const empty = parseIssue({ title: "t", body: null, labels: [] }, config);

  it("asks a standard item for criteria and each WSJF input by label and form field", () => {
    expect(trackRequirements("standard", empty, [], config)).toEqual([
      MISSING_CRITERIA,
      "business value (label value/1..value/5 or the form's Business value field)",
      "time criticality (label urgency/1..urgency/5 or the form's Time criticality field)",
      "risk reduction / opportunity enablement (label risk/1..risk/5 or the form's Risk reduction / opportunity enablement field)",
      "job size (label size/XS..size/XL or the form's Job size field)",
    ]);
  });

  it("asks a hotfix only for a problem statement", () => {
    expect(trackRequirements("hotfix", empty, [], config)).toHaveLength(1);
    const withProblem = parseIssue({ title: "t", body: "Login crashes on empty password.", labels: [] }, config);
    expect(trackRequirements("hotfix", withProblem, [], config)).toEqual([]);
  });

  it("asks a project for a goal and child issues", () => {
    const goal = parseIssue({ title: "t", body: "## Goal\nNew billing system", labels: [] }, config);
    expect(trackRequirements("project", goal, [], config)).toEqual([MISSING_CHILDREN]);
    expect(trackRequirements("project", goal, [{ number: 5, state: "open" }], config)).toEqual([]);
    expect(trackRequirements("project", empty, [], config)).toHaveLength(2);
  });
});
