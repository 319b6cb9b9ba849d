import { describe, expect, it } from "vitest";
import { evaluate, renderExpressions } from "../support/standin/expressions.js";

describe("stand-in: GitHub expressions for run-name", () => {
  const runName =
    "${{ inputs.mode == 'review' && format('orchestrator: #{0} review of pull request #{1} at {2}', inputs.issue, inputs.pr, inputs.head) || format('orchestrator: #{0} attempt {1}', inputs.issue, inputs.attempt) }}";

  it("renders the shipped worker workflow's run name for both modes", () => {
    expect(renderExpressions(runName, { issue: "3", attempt: "2", mode: "work" })).toBe("orchestrator: #3 attempt 2");
    expect(renderExpressions(runName, { issue: "3", mode: "review", pr: "7", head: "abc1234" })).toBe("orchestrator: #3 review of pull request #7 at abc1234");
  });

  it("follows GitHub's operators: && and || return operands, == ignores case, '' is falsy", () => {
    expect(evaluate("inputs.a || 'x'", { a: "" })).toBe("x");
    expect(evaluate("inputs.a && 'y'", { a: "1" })).toBe("y");
    expect(evaluate("'Review' == 'review'", {})).toBe(true);
    expect(evaluate("!(inputs.a)", { a: "" })).toBe(true);
    expect(renderExpressions("plain ${{ inputs.issue }}", { issue: "5" })).toBe("plain 5");
  });

  it("fails loudly on what it does not support", () => {
    expect(() => evaluate("toJSON(inputs)", {})).toThrow(/unsupported|expected/);
  });
});
