/**
 * A small sample repository with a real test suite, used by the end-to-end lifecycle test, the
 * demo and the benchmark: `widgets.mjs` plus `test.mjs` (run with `node test.mjs`), the worker
 * workflow users copy, and a `.github/orchestrator.yml` that runs the scripted fake agent through
 * the `command` adapter.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { FAKE_AGENT } from "./worker-runner.js";

const WORKFLOW = fileURLToPath(new URL("../../.github/workflows/orchestrator-worker.yml", import.meta.url));

/** The test command of the sample repository (also the simulated CI's command). */
export const FIXTURE_TEST_COMMAND = "node test.mjs";

/** Files of the sample repository's first commit. */
export function fixtureFiles(overrides: { config?: string } = {}): Record<string, string> {
  return {
    "README.md": "# widgets\n\nA tiny library the agents work on.\n",
    "widgets.mjs": "export function widgetCount(list) {\n  return list.length;\n}\n",
    // The suite runs every tests/*.test.mjs the agents add, so their tests land with their code.
    "test.mjs": [
      'import { readdirSync } from "node:fs";',
      'import assert from "node:assert/strict";',
      'import { widgetCount } from "./widgets.mjs";',
      "assert.equal(widgetCount([1, 2]), 2);",
      'for (const file of readdirSync("tests").filter((f) => f.endsWith(".test.mjs")).sort()) {',
      '  await import(`./tests/${file}`);',
      "  console.log(`ok ${file}`);",
      "}",
      'console.log("all tests passed");',
      "",
    ].join("\n"),
    "tests/.keep": "",
    ".github/workflows/orchestrator-worker.yml": readFileSync(WORKFLOW, "utf8"),
    ".github/orchestrator.yml":
      overrides.config ??
      [
        "agent:",
        "  name: command",
        `  command: node ${FAKE_AGENT}`,
        "  env: [FAKE_AGENT_SCRIPT]",
        "worker:",
        `  test_command: ${FIXTURE_TEST_COMMAND}`,
        "  max_iterations: 2",
        "  max_strategy_shifts: 1",
        "merge:",
        "  method: merge",
        "  required_checks: [test]",
        "",
      ].join("\n"),
  };
}
