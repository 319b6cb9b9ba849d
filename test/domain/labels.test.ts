import { describe, expect, it } from "vitest";
import { STATUSES, configSchema, defaultConfig } from "../../src/config/schema.js";
import { labelCatalog, statusFromLabels, statusLabel, wsjfInputsFromLabels } from "../../src/domain/labels.js";

const config = defaultConfig();

describe("labelCatalog", () => {
  const catalog = labelCatalog(config);
  const names = catalog.map((l) => l.name);

  it("lists every label the app uses exactly once", () => {
    expect(new Set(names).size).toBe(names.length);
    for (const name of [
      "track/hotfix",
      "track/standard",
      "track/project",
      "value/1",
      "value/5",
      "urgency/3",
      "risk/5",
      "size/XS",
      "size/XL",
      "status/needs-info",
      "status/blocked",
      "hold",
      "orchestrator/ignore",
      "needs-person",
      "dead-letter",
    ]) {
      expect(names).toContain(name);
    }
    expect(catalog).toHaveLength(3 + 5 * 3 + 5 + STATUSES.length + 4);
  });

  it("gives 6-hex colours without # and descriptions within GitHub's 100 characters", () => {
    for (const label of catalog) {
      expect(label.color).toMatch(/^[0-9a-f]{6}$/);
      expect(label.description.length).toBeGreaterThan(0);
      expect(label.description.length).toBeLessThanOrEqual(100);
    }
  });

  it("follows configured names", () => {
    const custom = configSchema.parse({ labels: { value_prefix: "bv:", status: { ready: "go" }, hold: "paused" } });
    const customNames = labelCatalog(custom).map((l) => l.name);
    expect(customNames).toContain("bv:4");
    expect(customNames).toContain("go");
    expect(customNames).toContain("paused");
    expect(customNames).not.toContain("value/4");
  });
});

describe("status labels", () => {
  it("maps statuses to labels and back", () => {
    for (const status of STATUSES) {
      expect(statusFromLabels(["bug", statusLabel(status, config)], config)).toBe(status);
    }
    expect(statusFromLabels(["bug"], config)).toBeNull();
  });

  it("prefers the status latest in the lifecycle when several labels are present", () => {
    expect(statusFromLabels(["status/in-progress", "status/ready"], config)).toBe("in-progress");
  });
});

describe("wsjfInputsFromLabels", () => {
  it("reads value, urgency, risk and size labels", () => {
    expect(wsjfInputsFromLabels(["value/3", "urgency/2", "risk/2", "size/S", "bug"], config)).toEqual({
      value: 3,
      urgency: 2,
      risk: 2,
      size: "S",
    });
  });

  it("ignores malformed labels and takes the largest of duplicates", () => {
    expect(wsjfInputsFromLabels(["value/6", "value/0", "value/x", "urgency/2", "urgency/4", "size/M", "size/xl", "size/huge"], config)).toEqual({
      urgency: 4,
      size: "XL",
    });
  });
});
