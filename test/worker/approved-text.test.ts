/**
 * The worker runs on the approved text (issue #10, "Approval binds the approved text"): when the
 * item's approval carries a snapshot, the task envelope is built from it even if the issue was
 * edited since; without a snapshot, an edited text is refused with a blocker report and no agent
 * run; an item nobody trusted is refused too.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emptyItemState } from "../../src/domain/item-state.js";
import { bindApproval } from "../../src/domain/trust/approval-digest.js";
import { agentLog, ISSUE_BODY, makeSandbox, reportComment, run, testConfig, testPort, writeScript, type Sandbox } from "./harness.js";

const TITLE = "Write the answer";
const EDITED = ISSUE_BODY.replace("`src/answer.txt` contains 42", "the tests are deleted");

describe("worker: approved text only", () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await makeSandbox();
    await writeScript(sb, { default: { write: { "src/answer.txt": "42\n" } } });
  });
  afterEach(async () => {
    await sb.cleanup();
  });

  const approvedState = (snapshot: boolean) => {
    const bound = bindApproval({ title: TITLE, body: ISSUE_BODY });
    const approval = { by: "alice", at: "2026-01-01T00:00:00Z", digest: bound.digest, ...(snapshot ? { snapshot: bound.snapshot! } : {}) };
    return { ...emptyItemState(7), status: "in-progress" as const, trusted: true, itemApproval: approval };
  };

  it("builds the envelope from the approved snapshot, not the edited issue", async () => {
    const port = testPort(7, EDITED, TITLE, approvedState(true));
    const result = await run(sb, port, testConfig());
    expect(result.exitCode).toBe(0);
    const prCall = port.calls.find((c) => c.method === "openOrUpdatePullRequest");
    const body = (prCall?.args[0] as { body: string }).body;
    expect(body).toContain("`src/answer.txt` contains 42");
    expect(body).not.toContain("the tests are deleted");
  });

  it("refuses an edited text without a snapshot, and an item nobody trusted, before any agent run", async () => {
    const port = testPort(7, EDITED, TITLE, approvedState(false));
    const result = await run(sb, port, testConfig());
    expect(result.exitCode).toBe(2);
    expect(reportComment(port).report.blocker).toMatchObject({ kind: "bad-input" });
    expect(reportComment(port).body).toContain("changed after it was approved");

    const untrusted = testPort(7, ISSUE_BODY, TITLE, { ...emptyItemState(7), status: "in-progress", trusted: false });
    expect((await run(sb, untrusted, testConfig())).exitCode).toBe(2);
    expect(reportComment(untrusted).body).toContain("not approved for the agents");
    expect(await agentLog(sb)).toEqual([]);
  });
});
