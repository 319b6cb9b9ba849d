import { describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import { configSchema } from "../../src/config/schema.js";
import { buildEnvelope, envelopeJsonSchema, envelopeSchema, renderEnvelopeMarkdown, withProgress, type TaskEnvelope } from "../../src/domain/envelope.js";
import { emptyItemState } from "../../src/domain/item-state.js";
import { parseIssue } from "../../src/domain/parse-issue.js";

const BODY = `### Goal / problem

Add a login page.

### Acceptance criteria

- [ ] \`/login\` renders a form
- [ ] wrong passwords show an error

### Scope

- \`src/login/**\`
- \`test/login.test.ts\`

### Acceptance test command

\`npm test -- login\`
`;

const issue = { number: 12, title: "Login page", htmlUrl: "https://github.com/acme/widgets/issues/12" };

function build(configInput: Record<string, unknown> = { worker: { test_command: "npm test" } }, body = BODY): TaskEnvelope {
  const config = configSchema.parse(configInput);
  const state = {
    ...emptyItemState(12),
    attempts: [
      { n: 1, dispatchedAt: "2026-01-01T00:00:00Z", reason: "initial" as const, outcome: "blocked" as const, summary: "tests failed" },
      { n: 2, dispatchedAt: "2026-01-02T00:00:00Z", reason: "retry" as const, outcome: "dispatched" as const },
    ],
    feedback: ["review: handle empty passwords"],
    guidance: ["use the existing form component"],
  };
  const result = buildEnvelope(issue, state, parseIssue({ title: issue.title, body, labels: [] }, config), config, { repository: "acme/widgets", attempt: 2 });
  if (!result.ok) throw new Error(result.errors.join("; "));
  return result.envelope;
}

describe("task envelope", () => {

  it("is built from the parsed issue, the item state and config", () => {
    const e = build();
    expect(e).toMatchObject({
      issue: 12,
      attempt: 2,
      goal: "Add a login page.",
      acceptanceCriteria: ["`/login` renders a form", "wrong passwords show an error"],
      scope: ["src/login/**", "test/login.test.ts"],
      inputs: { issueUrl: issue.htmlUrl, files: expect.arrayContaining(["test/login.test.ts"]) },
      budget: { iterations: 5, strategyShifts: 2, minutes: 45 },
      testCommand: "npm test",
      acceptanceTestCommand: "npm test -- login",
      previousAttempts: [{ n: 1, reason: "initial", outcome: "blocked", summary: "tests failed" }],
      reviewerFeedback: ["review: handle empty passwords"],
      retryGuidance: ["use the existing form component"],
      strategy: { index: 0, tried: [] },
      iteration: 1,
    });
    expect(e.rules[0]).toContain("scope");
  });

  it("validates against the published JSON Schema", () => {
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(envelopeJsonSchema() as object);
    const e = withProgress(build(), { strategy: 1, tried: ["strategy 1: 5 iterations"], iteration: 2, feedback: { iteration: 1, failures: ["tests failed"], testOutputTail: "x" } });
    expect(validate(e)).toBe(true);
    expect(validate({ ...e, scope: [] })).toBe(false);
  });

  it("falls back to config scope and the acceptance test as test command", () => {
    const body = "Make it faster.\n\nAcceptance test: `node bench.mjs`\n";
    const e = build({ scope: { default: ["lib/**"] } }, body);
    expect(e.scope).toEqual(["lib/**"]);
    expect(e.testCommand).toBe("node bench.mjs");
    expect(e.goal).toBe("Make it faster.\n\nAcceptance test: `node bench.mjs`");
  });

  it("without any test command is bad input", () => {
    const config = configSchema.parse({});
    const result = buildEnvelope(issue, null, parseIssue({ title: "x", body: "Do it.", labels: [] }, config), config, { repository: "a/b", attempt: 1 });
    expect(result).toEqual({ ok: false, errors: [expect.stringContaining("no test command")] });
  });

  it("renders Markdown with every part the agent needs", () => {
    const e = withProgress(build({ worker: { test_command: "npm test", cost_ceiling_usd: 3 } }), {
      strategy: 1,
      tried: ["strategy 1: 5 iteration(s), last failure: tests"],
      iteration: 2,
      feedback: { iteration: 1, failures: ["test command `npm test` failed (exit 1)"], testOutputTail: "AssertionError: expected 1" },
    });
    const md = renderEnvelopeMarkdown(e);
    for (const part of [
      "# Task: Login page (#12, attempt 2)",
      "## Goal\n\nAdd a login page.",
      "- `/login` renders a form",
      "- `src/login/**`",
      "Test command (must pass): `npm test`",
      "Acceptance test (must pass at the end): `npm test -- login`",
      "at most $3",
      "attempt 1 (initial): blocked — tests failed",
      "## Reviewer feedback\n\n- review: handle empty passwords",
      "## Guidance from /retry\n\n- use the existing form component",
      "Strategy 2, iteration 2.",
      "- strategy 1: 5 iteration(s), last failure: tests",
      "## What failed in iteration 1",
      "AssertionError: expected 1",
    ]) {
      expect(md).toContain(part);
    }
    expect(envelopeSchema.parse(e)).toEqual(e);
  });

  it("withProgress drops stale feedback", () => {
    const withFeedback = withProgress(build(), { strategy: 0, tried: [], iteration: 2, feedback: { iteration: 1, failures: ["x"] } });
    expect(withProgress(withFeedback, { strategy: 1, tried: ["s1"], iteration: 1 }).iterationFeedback).toBeUndefined();
  });
});
