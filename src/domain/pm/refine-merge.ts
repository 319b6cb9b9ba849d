import type { OrchestratorConfig } from "../../config/schema.js";
import { parseIssue, type IssueText, type ParsedIssue } from "../parse-issue.js";
import type { AcceptedStory } from "./refine-state.js";
import type { StoryCriterion, StoryHandoff } from "./story.js";

/**
 * An accepted story merged into the work item (issue #13 item 1: "the accepted criteria are what
 * the worker and the review use. Values a person set (labels, form fields) always win over
 * estimates"). Pure.
 */

/** One Given/When/Then criterion as the single line the item's acceptance criteria use. */
export function criterionLine(c: StoryCriterion): string {
  return `Given ${c.given}, when ${c.when}, then ${c.then}`.replace(/\s+/g, " ");
}

/** What the item keeps of a story when it is accepted by `by` (a login or `pm.auto_accept`) at `at`. */
export function acceptStory(story: StoryHandoff, revision: number, by: string, at: string): AcceptedStory {
  return {
    revision,
    by,
    at,
    problem: story.problem,
    criteria: story.acceptance_criteria.map(criterionLine),
    wsjf: { value: story.wsjf.value.estimate, urgency: story.wsjf.urgency.estimate, risk: story.wsjf.risk.estimate, size: story.wsjf.size.estimate },
    scope: [...story.scope],
  };
}

/**
 * `parsed` with the accepted story filling what a person left out: the criteria when the issue
 * lists none (a person's criteria win whole: they are never mixed with the agent's), each WSJF
 * input a label or form field did not set, the scope when the issue has no Scope, the goal when it
 * has none. `wsjfSources` stays the person's (an estimate has no source). Without a story: `parsed`.
 */
export function withAcceptedStory(parsed: ParsedIssue, accepted: AcceptedStory | undefined): ParsedIssue {
  if (!accepted) return parsed;
  const wsjf = {
    value: parsed.wsjf.value ?? accepted.wsjf.value,
    urgency: parsed.wsjf.urgency ?? accepted.wsjf.urgency,
    risk: parsed.wsjf.risk ?? accepted.wsjf.risk,
    size: parsed.wsjf.size ?? accepted.wsjf.size,
  };
  return {
    ...parsed,
    goal: parsed.goal ?? accepted.problem,
    acceptanceCriteria: parsed.acceptanceCriteria.length > 0 ? parsed.acceptanceCriteria : [...accepted.criteria],
    scope: parsed.scope.length > 0 ? parsed.scope : [...accepted.scope],
    wsjf,
    size: wsjf.size,
  };
}

/**
 * The work item as every reader should see it: the issue parsed (src/domain/parse-issue.ts) with
 * its accepted story, if any, merged in ({@link withAcceptedStory}). `state` may be null (no
 * status comment yet).
 */
export function parseWorkItem(issue: IssueText, state: { refine?: { accepted?: AcceptedStory | undefined } | undefined } | null, config: OrchestratorConfig): ParsedIssue {
  return withAcceptedStory(parseIssue(issue, config), state?.refine?.accepted);
}
