import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { AGENT_NAMES } from "../../src/config/schema.js";
import { parsePmRunTitle, parseReviewRunTitle, parseRunTitle, pmRunTitle, reviewRunTitle, runTitle, verifyRunTitle } from "../../src/domain/run-title.js";

type Step = { uses?: string; with?: Record<string, unknown>; run?: string; env?: Record<string, string>; if?: string; id?: string };
interface Job {
  if: string;
  permissions: Record<string, string>;
  "timeout-minutes": number;
  steps: Step[];
}

interface Workflow {
  "run-name": string;
  on: { workflow_dispatch: { inputs: Record<string, { required?: boolean; options?: string[] }> } };
  permissions: Record<string, string>;
  concurrency: { group: string; "cancel-in-progress": boolean };
  jobs: Record<"worker" | "review" | "pm" | "verify", Job>;
}

const workflow = parse(readFileSync(new URL("../../.github/workflows/orchestrator-worker.yml", import.meta.url), "utf8")) as Workflow;

describe("the shipped worker workflow", () => {
  it("is dispatched with issue and attempt, and offers every agent", () => {
    const inputs = workflow.on.workflow_dispatch.inputs;
    expect(inputs.issue?.required).toBe(true);
    expect(Object.keys(inputs)).toEqual(["issue", "attempt", "mode", "revision", "pr", "head", "sha", "agent"]);
    expect(inputs.mode?.options).toEqual(["work", "review", "refine", "plan", "verify"]);
    expect(inputs.agent?.options).toEqual([...AGENT_NAMES]);
  });

  it("has least-privilege permissions per job, a per-issue concurrency group and a timeout", () => {
    expect(workflow.permissions).toEqual({});
    expect(workflow.jobs.worker.permissions).toEqual({ contents: "write", "pull-requests": "write", issues: "write" });
    // The reviewer changes no code: the repository is read-only to it.
    expect(workflow.jobs.review.permissions).toEqual({ contents: "read", "pull-requests": "write", issues: "write" });
    // The PM agent changes no code either, and posts its handoff on the issue.
    expect(workflow.jobs.pm.permissions).toEqual({ contents: "read", issues: "write" });
    // The verify run pushes at most a revert branch and comments on the issue.
    expect(workflow.jobs.verify.permissions).toEqual({ contents: "write", issues: "write" });
    expect(workflow.concurrency).toEqual({
      group: "orchestrator-${{ inputs.issue }}${{ inputs.mode == 'review' && '-review' || (inputs.mode == 'refine' || inputs.mode == 'plan') && '-pm' || inputs.mode == 'verify' && '-verify' || '' }}",
      "cancel-in-progress": false,
    });
    expect(workflow.jobs.worker["timeout-minutes"]).toBeGreaterThan(45);
  });

  it("checks out full history without persisted credentials and runs this repository's action with the inputs", () => {
    const { worker, review } = workflow.jobs;
    expect(worker.if).toBe("inputs.mode != 'review' && inputs.mode != 'refine' && inputs.mode != 'plan' && inputs.mode != 'verify'");
    expect(workflow.jobs.pm.if).toBe("inputs.mode == 'refine' || inputs.mode == 'plan'");
    const pm = workflow.jobs.pm.steps.find((s) => s.uses?.endsWith("@v1"));
    expect(pm?.with).toMatchObject({ mode: "${{ inputs.mode }}", issue: "${{ inputs.issue }}", revision: "${{ inputs.revision }}", "github-token": "${{ github.token }}" });
    expect(review.if).toBe("inputs.mode == 'review'");
    expect(workflow.jobs.verify.if).toBe("inputs.mode == 'verify'");
    expect(workflow.jobs.verify.steps.find((s) => s.with?.mode === "verify")?.with).toMatchObject({ issue: "${{ inputs.issue }}", sha: "${{ inputs.sha }}", "github-token": "${{ github.token }}" });
    for (const job of [worker, review]) {
      const checkout = job.steps.find((s) => s.uses?.startsWith("actions/checkout@"));
      expect(checkout?.with).toMatchObject({ "fetch-depth": 0, "persist-credentials": false });
      // Inputs reach the action as inputs, never expanded into a shell script.
      expect(job.steps.filter((s) => s.run?.includes("${{"))).toEqual([]);
      for (const agent of ["claude-code", "codex", "gemini", "aider"]) {
        expect(job.steps.some((s) => s.if === `inputs.agent == '${agent}'`)).toBe(true);
      }
    }
    const run = worker.steps.find((s) => s.with?.mode === "worker");
    expect(run?.uses).toMatch(/^[\w-]+\/[\w-]+@v1$/);
    expect(run?.with).toMatchObject({ issue: "${{ inputs.issue }}", attempt: "${{ inputs.attempt }}", "github-token": "${{ steps.app-token.outputs.token || github.token }}" });
    // The App token (pushes that start CI) when the App's secrets exist.
    const appToken = worker.steps.find((s) => s.id === "app-token");
    expect(appToken?.uses).toMatch(/^actions\/create-github-app-token@/);
    const reviewer = review.steps.find((s) => s.with?.mode === "review");
    expect(reviewer?.uses).toBe(run?.uses);
    expect(reviewer?.with).toMatchObject({ pr: "${{ inputs.pr }}", head: "${{ inputs.head }}", issue: "${{ inputs.issue }}", "github-token": "${{ github.token }}" });
  });

  it("names attempt runs and reviewer runs the way the app reads them back", () => {
    // GitHub renders format('...{0}...', ...) in run-name; the app parses the rendered titles.
    const render = (template: string, ...args: Array<string | number>) => template.replace(/\{(\d)\}/g, (_, i: string) => String(args[Number(i)]));
    const forms = [...workflow["run-name"].matchAll(/format\('([^']+)'/g)].map((m) => m[1]!);
    expect(forms).toHaveLength(4);
    const head = "0123456789abcdef0123456789abcdef01234567";
    expect(render(forms[0]!, 5, 9, head)).toBe(reviewRunTitle(5, 9, head));
    expect(parseReviewRunTitle(render(forms[0]!, 5, 9, head))).toEqual({ issue: 5, pr: 9, headSha: head });
    expect(parseRunTitle(render(forms[0]!, 5, 9, head))).toBeNull();
    expect(render(forms[1]!, 5, "refine", 2)).toBe(pmRunTitle(5, "refine", 2));
    expect(parsePmRunTitle(render(forms[1]!, 5, "plan", 3))).toEqual({ issue: 5, task: "plan", revision: 3 });
    expect(parseRunTitle(pmRunTitle(5, "refine", 2))).toBeNull();
    expect(parseReviewRunTitle(pmRunTitle(5, "refine", 2))).toBeNull();
    expect(render(forms[2]!, 5, head)).toBe(verifyRunTitle(5, head));
    expect(parseRunTitle(verifyRunTitle(5, head))).toBeNull();
    expect(parseReviewRunTitle(verifyRunTitle(5, head))).toBeNull();
    expect(parsePmRunTitle(verifyRunTitle(5, head))).toBeNull();
    expect(render(forms[3]!, 5, 2)).toBe(runTitle(5, 2));
    expect(parseReviewRunTitle(runTitle(5, 2))).toBeNull();
  });
});
