import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { AGENT_NAMES } from "../../src/config/schema.js";
import { parseReviewRunTitle, parseRunTitle, reviewRunTitle, runTitle } from "../../src/domain/run-title.js";

interface Workflow {
  "run-name": string;
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
    expect(Object.keys(inputs)).toEqual(["issue", "attempt", "mode", "pr", "head", "agent"]);
    expect(inputs.mode?.options).toEqual(["work", "review"]);
    expect(inputs.agent?.options).toEqual([...AGENT_NAMES]);
  });

  it("has least-privilege permissions, a per-issue concurrency group and a timeout", () => {
    expect(workflow.permissions).toEqual({ contents: "write", "pull-requests": "write", issues: "write" });
    expect(workflow.concurrency).toEqual({ group: "orchestrator-${{ inputs.issue }}${{ inputs.mode == 'review' && '-review' || '' }}", "cancel-in-progress": false });
    expect(workflow.jobs.worker["timeout-minutes"]).toBeGreaterThan(45);
  });

  it("checks out full history without persisted credentials and runs the worker CLI with the token", () => {
    const steps = workflow.jobs.worker.steps;
    const checkout = steps.find((s) => s.uses?.startsWith("actions/checkout@"));
    expect(checkout?.with).toMatchObject({ "fetch-depth": 0, "persist-credentials": false });
    const worker = steps.find((s) => s.run?.includes("orchestrator worker"));
    expect(worker?.run).toContain('--issue "${{ inputs.issue }}" --attempt "${{ inputs.attempt }}"');
    expect(worker?.env?.GITHUB_TOKEN).toBe("${{ secrets.GITHUB_TOKEN }}");
    expect(worker?.if).toBe("inputs.mode != 'review'");
    const reviewer = steps.find((s) => s.run?.includes("orchestrator review"));
    expect(reviewer?.if).toBe("inputs.mode == 'review'");
    expect(reviewer?.run).toContain('--pr "${{ inputs.pr }}" --head "${{ inputs.head }}" --issue "${{ inputs.issue }}"');
    expect(reviewer?.env?.GITHUB_TOKEN).toBe("${{ secrets.GITHUB_TOKEN }}");
    for (const agent of ["claude-code", "codex", "gemini", "aider"]) {
      expect(steps.some((s) => s.if === `inputs.agent == '${agent}'`)).toBe(true);
    }
  });
  it("names attempt runs and reviewer runs the way the app reads them back", () => {
    // GitHub renders format('...{0}...', ...) in run-name; the app parses the rendered titles.
    const render = (template: string, ...args: Array<string | number>) => template.replace(/\{(\d)\}/g, (_, i: string) => String(args[Number(i)]));
    const forms = [...workflow["run-name"].matchAll(/format\('([^']+)'/g)].map((m) => m[1]!);
    expect(forms).toHaveLength(2);
    const head = "0123456789abcdef0123456789abcdef01234567";
    expect(render(forms[0]!, 5, 9, head)).toBe(reviewRunTitle(5, 9, head));
    expect(parseReviewRunTitle(render(forms[0]!, 5, 9, head))).toEqual({ issue: 5, pr: 9, headSha: head });
    expect(parseRunTitle(render(forms[0]!, 5, 9, head))).toBeNull();
    expect(render(forms[1]!, 5, 2)).toBe(runTitle(5, 2));
    expect(parseReviewRunTitle(runTitle(5, 2))).toBeNull();
  });
});
