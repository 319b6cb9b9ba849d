/**
 * Helpers of the end-to-end lifecycle test and the demo: scripted fake-agent plans per issue,
 * issue bodies in the work-item form's shape (from work-items.ts), and reads of the stand-in's state.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run } from "./standin/spawner.js";
import type { ItemState } from "../../src/domain/item-state.js";
import type { StandIn } from "./standin/index.js";
import { decodeStateBlock, STATUS_MARKER } from "../../src/domain/item/markers.js";

/** The work-item body builder, also imported from here by the demo, the benchmark and tests. */
export { workItemBody } from "./work-items.js";

/** Writes a fake-agent script (see test/support/fake-agent/README.md) and returns its path. */
export function agentScript(dir: string, name: string, script: object): string {
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(script, null, 2));
  return file;
}

/** A temp dir for agent scripts. */
export function scriptsDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), "orchestrator-e2e-agent-"));
}

/** The item's state as stored in its status comment in the stand-in. */
export function itemState(standIn: StandIn, issue: number): ItemState | null {
  const comment = [...standIn.state.comments.values()].find((c) => c.issueNumber === issue && c.body.includes(STATUS_MARKER));
  if (!comment) return null;
  const decoded = decodeStateBlock(comment.body);
  return decoded.kind === "ok" ? decoded.state : null;
}

/** The status label of an issue in the stand-in. */
export function statusOf(standIn: StandIn, issue: number): string | undefined {
  return standIn.state.issues.get(issue)?.labels.find((l) => l.startsWith("status/"));
}

/** Subjects of the default branch's first-parent log in the bare repository, oldest first. */
export async function mainLog(standIn: StandIn, branch = "main"): Promise<string[]> {
  const { stdout } = await run("git", ["--git-dir", standIn.bareRepo, "log", "--first-parent", "--reverse", "--format=%s", branch]);
  return stdout.split("\n").filter((l) => l !== "");
}

/** Clones the default branch and runs its test command; returns the exit code and output. */
export async function runMainTests(standIn: StandIn, command: string): Promise<{ exitCode: number; output: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "orchestrator-e2e-main-"));
  await run("git", ["clone", "--quiet", standIn.bareRepo, dir]);
  const result = await run("bash", ["-c", command], { cwd: dir, reject: false, all: true });
  return { exitCode: typeof result.exitCode === "number" ? result.exitCode : 1, output: result.all ?? "" };
}
