import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { GitHubPort } from "../../src/github/port.js";
import { defaultBranchOfRunnerEvent, withDefaultBranch } from "../../src/worker/runner-event.js";

async function eventFile(content: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "runner-event-"));
  const file = path.join(dir, "event.json");
  await writeFile(file, content);
  return file;
}

describe("the runner's event payload", () => {
  it("gives the default branch a workflow_dispatch payload names", async () => {
    const file = await eventFile(JSON.stringify({ inputs: { issue: "1" }, ref: "refs/heads/trunk", repository: { default_branch: "trunk", full_name: "a/b" } }));
    expect(defaultBranchOfRunnerEvent(file)).toBe("trunk");
  });

  it("gives nothing without a path, a file, JSON or the field, so the worker asks GitHub", async () => {
    expect(defaultBranchOfRunnerEvent(undefined)).toBeNull();
    expect(defaultBranchOfRunnerEvent("")).toBeNull();
    expect(defaultBranchOfRunnerEvent(path.join(tmpdir(), "no-such-dir-x", "event.json"))).toBeNull();
    expect(defaultBranchOfRunnerEvent(await eventFile("{not json"))).toBeNull();
    expect(defaultBranchOfRunnerEvent(await eventFile(JSON.stringify({ repository: { name: "b" } })))).toBeNull();
  });

  it("answers getDefaultBranch without the port when known, and through it when not", async () => {
    let asked = 0;
    const port = { getDefaultBranch: async () => (asked++, "main") } as unknown as GitHubPort;
    expect(await withDefaultBranch(port, "trunk").getDefaultBranch()).toBe("trunk");
    expect(asked).toBe(0);
    expect(await withDefaultBranch(port, null).getDefaultBranch()).toBe("main");
    expect(asked).toBe(1);
  });
});
