import { describe, expect, it } from "vitest";
import { parseConfig, renderConfigProblems } from "../../src/config/parse.js";

describe("parseConfig", () => {
  it("gives every default for no file", () => {
    const result = parseConfig(null);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.worker.max_concurrent).toBe(3);
    expect(result.config.wsjf.sizes).toEqual({ XS: 1, S: 2, M: 3, L: 5, XL: 8 });
    expect(result.config.labels.status.ready).toBe("status/ready");
    expect(result.config.tracks.hotfix_threshold).toBe(7);
  });

  it("keeps overrides and defaults the rest", () => {
    const result = parseConfig({ labels: { status: { ready: "ready-for-agent" } }, worker: { max_concurrent: 2 } });
    expect(result.ok && result.config.labels.status.ready).toBe("ready-for-agent");
    expect(result.ok && result.config.labels.status.done).toBe("status/done");
    expect(result.ok && result.config.worker.max_concurrent).toBe(2);
  });

  it("names the key of an unknown key and of a wrong type", () => {
    const result = parseConfig({ worker: { max_concurent: 2 }, labels: { hold: 5 } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual({ key: "worker.max_concurent", message: "unknown key" });
    expect(result.problems.find((p) => p.key === "labels.hold")?.message).toMatch(/expected string/);
    expect(renderConfigProblems(result.problems)).toContain("`worker.max_concurent`: unknown key");
  });

  it("refuses a malformed approver entry", () => {
    const result = parseConfig({ trust: { approvers: ["@org-without-team"] } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]?.key).toBe("trust.approvers.0");
  });
});
