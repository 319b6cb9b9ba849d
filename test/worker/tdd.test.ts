import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodeTddEvidenceBlock } from "../../src/domain/item/markers.js";
import { TDD_MANIFEST_PATH } from "../../src/domain/tdd.js";
import { agentLog, BRANCH, git, makeSandbox, remoteBranch, reportComment, run, testConfig, testPort, writeScript, type Sandbox } from "./harness.js";

/** The TDD gate (`worker.tdd: true`, issue #13 item 2) with real git and the scripted fake agent. */

const CRITERION = "`src/answer.txt` contains 42";
const ANSWER_TEST = `import fs from "node:fs";
const v = fs.readFileSync("src/answer.txt", "utf8").trim();
if (v !== "42") { console.error("answer is 42: FAILED, got " + v); process.exit(1); }
console.log("answer is 42: ok");
`;
const manifest = (file: string) => JSON.stringify({ tests: [{ criterion: CRITERION, name: "answer is 42", files: [file], command: `node ${file}` }] });

describe("worker: TDD gate", () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await makeSandbox();
  });
  afterEach(async () => {
    await sb.cleanup();
  });

  it("commits tests that fail on the base first, refuses a change that weakens them, and reports red then green", async () => {
    await writeScript(sb, {
      tdd: [{ write: { "src/answer.test.mjs": ANSWER_TEST, [TDD_MANIFEST_PATH]: manifest("src/answer.test.mjs") } }],
      strategies: [
        [
          // Weakens the committed test instead of meeting the criterion.
          { write: { "src/answer.txt": "41\n", "src/answer.test.mjs": "process.exit(0)\n" } },
          { write: { "src/answer.txt": "42\n", "src/answer.test.mjs": ANSWER_TEST } },
        ],
      ],
    });
    const port = testPort();
    const result = await run(sb, port, testConfig({ worker: { tdd: true, test_command: "node src/answer.test.mjs" } }));

    expect(result.error).toBeUndefined();
    expect(result.exitCode).toBe(0);
    const branch = await remoteBranch(sb, BRANCH);
    // Oldest last: the tests commit comes right after the base, before any implementation.
    expect(branch.subjects.at(-2)).toBe("test: failing tests for #7");
    const testsCommit = await git(sb.remote, "log", "--format=%H", "--grep=^test: failing tests for #7", BRANCH);
    expect(await git(sb.remote, "show", `${testsCommit}:src/answer.txt`)).toBe("0");
    expect(await git(sb.remote, "show", `${testsCommit}:src/answer.test.mjs`)).toContain("answer is 42");

    const log = await agentLog(sb);
    expect(log.map((l) => l.tdd?.phase)).toEqual(["tests", "implement", "implement"]);
    expect(log[2]?.feedback?.failures.join("\n")).toContain("the committed TDD tests were changed or deleted (src/answer.test.mjs)");

    const { report } = reportComment(port);
    expect(report.outcome).toBe("pr");
    expect(report.tdd).toEqual({
      issue: 7,
      testsCommit,
      tests: [{ criterion: CRITERION, name: "answer is 42", files: ["src/answer.test.mjs"], command: "node src/answer.test.mjs", base: "failed", head: "passed" }],
    });
    const body = (port.calls.find((c) => c.method === "openOrUpdatePullRequest")?.args[0] as { body: string }).body;
    expect(body).toContain("## Red then green (TDD)");
    expect(body).toContain("| `src/answer.txt` contains 42 | `answer is 42` | ❌ failed | ✅ passed |");
    const decoded = decodeTddEvidenceBlock(body);
    expect(decoded.kind === "ok" && decoded.value.tests[0]?.head).toBe("passed");
  });

  it("reports a test that already passes on the base, and one that fails to load, and never implements", async () => {
    await writeScript(sb, {
      tdd: [
        { write: { "src/readme.test.mjs": "import fs from 'node:fs'; fs.readFileSync('README.md');\n", [TDD_MANIFEST_PATH]: manifest("src/readme.test.mjs") } },
        { write: { "src/broken.test.mjs": "import x from './missing.mjs';\n", [TDD_MANIFEST_PATH]: manifest("src/broken.test.mjs") }, remove: ["src/readme.test.mjs"] },
      ],
      default: { write: { "src/answer.txt": "42\n" } },
    });
    const port = testPort();
    const result = await run(sb, port, testConfig({ worker: { tdd: true } }));

    expect(result.exitCode).toBe(1);
    const log = await agentLog(sb);
    expect(log.map((l) => l.tdd?.phase)).toEqual(["tests", "tests"]);
    expect(log[1]?.feedback?.failures.join("\n")).toContain("the test `answer is 42` (`src/answer.txt` contains 42) already passes on the base");
    const { body, report } = reportComment(port);
    expect(report.outcome).toBe("blocked");
    expect(body).toContain("fails for another reason: it failed before testing anything (compile or load error)");
    expect(body).toContain("Cannot find module");
  });
});
