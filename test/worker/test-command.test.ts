/**
 * `worker.test_command` unset: the worker detects the checkout's test command, and with none found
 * the item is blocked with a report naming the key to set. Also the `agent.env` default.
 */
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli.js";
import { AGENT_KEY_VARIABLES, configSchema } from "../../src/config/schema.js";
import { detectTestCommand } from "../../src/worker/test-command.js";
import type { WorkerDeps } from "../../src/worker/run-worker.js";
import { cliIo, reportComment, testPort } from "./harness.js";

async function checkout(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "orchestrator-detect-"));
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
  return dir;
}

describe("test command detection", () => {
  it.each([
    [{ "package.json": '{ "scripts": { "test": "vitest run" } }' }, "npm test", "package.json"],
    [{ "pyproject.toml": '[project]\nname = "w"\n[tool.pytest.ini_options]\naddopts = "-q"\n' }, "python -m pytest", "pyproject.toml"],
    [{ "pyproject.toml": '[project]\nname = "w"\n[project.optional-dependencies]\ntest = ["pytest>=8"]\n' }, "python -m pytest", "pyproject.toml"],
    [{ "pytest.ini": "[pytest]\n" }, "python -m pytest", "pytest.ini"],
    [{ "setup.cfg": "[metadata]\nname = w\n[tool:pytest]\ntestpaths = tests\n" }, "python -m pytest", "setup.cfg"],
    [{ "go.mod": "module example.com/w\n\ngo 1.22\n" }, "go test ./...", "go.mod"],
    [{ "Cargo.toml": '[package]\nname = "w"\n' }, "cargo test", "Cargo.toml"],
    [{ Makefile: "build:\n\tcc w.c\n\ntest: build\n\t./run-tests\n" }, "make test", "Makefile"],
    // The first match wins: a JavaScript project with a Makefile runs npm test.
    [{ "package.json": '{ "scripts": { "test": "node test.mjs" } }', Makefile: "test:\n\tmake check\n" }, "npm test", "package.json"],
    // npm init's placeholder is no test command; the Makefile's is.
    [{ "package.json": '{ "scripts": { "test": "echo \\"Error: no test specified\\" && exit 1" } }', Makefile: "test:\n\t./t\n" }, "make test", "Makefile"],
  ])("%j -> %s", async (files, command, source) => {
    expect(await detectTestCommand(await checkout(files))).toEqual({ command, source });
  });

  it.each([
    [{ "README.md": "# w\n" }],
    [{ "package.json": "{ not json" }],
    [{ "package.json": '{ "scripts": { "build": "tsc" } }' }],
    [{ "pyproject.toml": '[project]\nname = "w"\n' }],
    [{ Makefile: "TEST := 1\nbuild:\n\tcc w.c\n" }],
  ])("finds none in %j", async (files) => {
    expect(await detectTestCommand(await checkout(files))).toBeNull();
  });

  it("the worker CLI uses the detected command when the config sets none, and says so", async () => {
    let deps: WorkerDeps | undefined;
    const cli = cliIo({
      cwd: await checkout({ "go.mod": "module example.com/w\n" }),
      runWorker: async (d) => {
        deps = d;
        return { exitCode: 0 };
      },
    });
    expect(await main(["worker", "--issue", "7"], cli)).toBe(0);
    expect(deps?.config.worker.test_command).toBe("go test ./...");
    expect(cli.lines).toContain("orchestrator: worker.test_command not set; using `go test ./...` (from go.mod)");
  });

  it("an explicit worker.test_command wins over detection", async () => {
    let deps: WorkerDeps | undefined;
    const cli = cliIo({
      cwd: await checkout({ "go.mod": "module w\n", ".github/orchestrator.yml": "worker:\n  test_command: ./check.sh\n" }),
      runWorker: async (d) => {
        deps = d;
        return { exitCode: 0 };
      },
    });
    await main(["worker", "--issue", "7"], cli);
    expect(deps?.config.worker.test_command).toBe("./check.sh");
  });

  it("none found: the item is blocked with a report naming worker.test_command", async () => {
    const port = testPort();
    const cli = cliIo({ cwd: await checkout({ "README.md": "# w\n" }), createPort: () => port });
    expect(await main(["worker", "--issue", "7"], cli)).toBe(2);
    const { report, body } = reportComment(port);
    expect(report.outcome).toBe("blocked");
    expect(report.blocker?.kind).toBe("bad-input");
    expect(body).toContain("worker.test_command");
  });
});

describe("agent.env default", () => {
  it("is the chosen agent's key variables, plus the reviewer agent's", () => {
    expect(configSchema.parse({}).agent.env).toEqual(["ANTHROPIC_API_KEY", "CLAUDE_CODE_OAUTH_TOKEN"]);
    expect(configSchema.parse({ agent: { name: "gemini" } }).agent.env).toEqual(["GEMINI_API_KEY", "GOOGLE_API_KEY"]);
    expect(configSchema.parse({ agent: { name: "claude-code" }, review: { agent: { name: "codex" } } }).agent.env).toEqual([...AGENT_KEY_VARIABLES["claude-code"], ...AGENT_KEY_VARIABLES.codex]);
    expect(configSchema.parse({ agent: { name: "command", command: "x" } }).agent.env).toEqual([]);
  });

  it("a configured list replaces the default (an empty one passes nothing)", () => {
    expect(configSchema.parse({ agent: { env: ["MY_KEY"] } }).agent.env).toEqual(["MY_KEY"]);
    expect(configSchema.parse({ agent: { env: [] } }).agent.env).toEqual([]);
  });
});
