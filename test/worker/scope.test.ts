import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BRANCH, ISSUE_BODY, makeSandbox, remoteFile, reportComment, run, testConfig, testPort, writeScript, type Sandbox } from "./harness.js";

describe("worker: scope and tiered autonomy", () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await makeSandbox();
  });
  afterEach(async () => {
    await sb.cleanup();
  });

  it("never opens a pull request for a scope violation: branch kept, report lists the files", async () => {
    await writeScript(sb, { default: { write: { "src/answer.txt": "42\n", "docs/outside.md": "not in scope\n" } } });
    const port = testPort();
    const result = await run(sb, port, testConfig());

    expect(result.exitCode).toBe(1);
    expect(port.calls.map((c) => c.method)).not.toContain("openOrUpdatePullRequest");
    const { body, report } = reportComment(port);
    expect(report.outcome).toBe("blocked");
    expect(report.blocker?.kind).toBe("out-of-scope");
    expect(report.outOfScope).toEqual(["docs/outside.md"]);
    expect(report.pr).toBeUndefined();
    expect(body).toContain("- `docs/outside.md`");
    expect(await remoteFile(sb, BRANCH, "docs/outside.md")).toBe("not in scope");
  });

  it("names a scope glob that matches no file in the repository (a typo) in the blocker report instead of blocking silently", async () => {
    await writeScript(sb, { default: { write: { "src/answer.txt": "42\n" } } });
    const port = testPort(7, ISSUE_BODY.replace("- `src/**`", "- `scr/**`"));
    const result = await run(sb, port, testConfig());

    expect(result.exitCode).toBe(1);
    const { body, report } = reportComment(port);
    expect(report.blocker?.kind).toBe("out-of-scope");
    expect(report.outOfScope).toEqual(["src/answer.txt"]);
    expect(report.blocker?.summary).toContain("`scr/**` matches no file in the repository");
    expect(report.blocker?.intervention).toContain("Fix the Scope section");
    // `.github/workflows/**` matches a file of the repository, so it is not named.
    expect(body).not.toContain("`.github/workflows/**` matches no file");
  });

  it("reports gated paths as needing a person, and still opens the pull request", async () => {
    await writeScript(sb, { default: { write: { "src/answer.txt": "42\n", ".github/workflows/ci.yml": "on: push\n" } } });
    const port = testPort();
    const result = await run(sb, port, testConfig());

    expect(result.exitCode).toBe(0);
    const { body, report } = reportComment(port);
    expect(report).toMatchObject({ outcome: "pr", gated: [".github/workflows/ci.yml"], needsPerson: true, outOfScope: [] });
    expect(body).toContain("Needs a trusted `/approve`");
    const spec = port.calls.find((c) => c.method === "openOrUpdatePullRequest")?.args[0] as { body: string };
    expect(spec.body).toContain("## Needs a person");
  });

  it("counts deletions beyond autonomy.max_deleted_files as needing a person", async () => {
    await sb.cleanup();
    sb = await makeSandbox({ "src/a.txt": "a", "src/b.txt": "b" });
    await writeScript(sb, { default: { write: { "src/answer.txt": "42\n" }, remove: ["src/a.txt", "src/b.txt"] } });
    const port = testPort();
    const result = await run(sb, port, testConfig({ autonomy: { max_deleted_files: 1 } }));

    expect(result.exitCode).toBe(0);
    expect(reportComment(port).report).toMatchObject({ deleted: 2, needsPerson: true, gated: [] });
  });
});
