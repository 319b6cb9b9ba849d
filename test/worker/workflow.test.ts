import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { AGENT_NAMES } from "../../src/config/schema.js";

interface Workflow {
  on: { workflow_dispatch: { inputs: Record<string, { required?: boolean; options?: string[] }> } };
  permissions: Record<string, string>;
  concurrency: { group: string; "cancel-in-progress": boolean };
  jobs: { worker: { "timeout-minutes": number; steps: Array<{ uses?: string; with?: Record<string, unknown>; run?: string; env?: Record<string, string>; if?: string }> } };
}

const workflow = parse(readFileSync(new URL("../../.github/workflows/orchestrator-worker.yml", import.meta.url), "utf8")) as Workflow;

describe("the shipped worker workflow", () => {
  it("is dispatched with issue and attempt, and offers every agent", () => {
    const inputs = workflow.on.workflow_dispatch.inputs;
    expect(inputs.issue?.required).toBe(true);
    expect(Object.keys(inputs)).toEqual(["issue", "attempt", "agent"]);
    expect(inputs.agent?.options).toEqual([...AGENT_NAMES]);
  });

  it("has least-privilege permissions, a per-issue concurrency group and a timeout", () => {
    expect(workflow.permissions).toEqual({ contents: "write", "pull-requests": "write", issues: "write" });
    expect(workflow.concurrency).toEqual({ group: "orchestrator-${{ inputs.issue }}", "cancel-in-progress": false });
    expect(workflow.jobs.worker["timeout-minutes"]).toBeGreaterThan(45);
  });

  it("checks out full history without persisted credentials and runs the worker CLI with the token", () => {
    const steps = workflow.jobs.worker.steps;
    const checkout = steps.find((s) => s.uses?.startsWith("actions/checkout@"));
    expect(checkout?.with).toMatchObject({ "fetch-depth": 0, "persist-credentials": false });
    const worker = steps.find((s) => s.run?.includes("orchestrator worker"));
    expect(worker?.run).toContain('--issue "${{ inputs.issue }}" --attempt "${{ inputs.attempt }}"');
    expect(worker?.env?.GITHUB_TOKEN).toBe("${{ secrets.GITHUB_TOKEN }}");
    for (const agent of ["claude-code", "codex", "gemini", "aider"]) {
      expect(steps.some((s) => s.if === `inputs.agent == '${agent}'`)).toBe(true);
    }
  });
});
