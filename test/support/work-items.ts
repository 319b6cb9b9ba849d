/**
 * Shared fixtures of the app-level tests: issue bodies in the work-item form's shape (the one body
 * builder, formBody) and readers of what the app wrote into the stand-in (status comments, decoded
 * state, writes).
 */

import { isWrite } from "./standin/request-log.js";
import type { ItemState } from "../../src/domain/item-state.js";
import type { Harness } from "./app-harness.js";
import { decodeStateBlock, STATUS_MARKER } from "../../src/domain/item/markers.js";

/** The answers of the work-item form (.github/ISSUE_TEMPLATE/work-item.yml); a section is rendered only when given. */
export interface FormAnswers {
  goal?: string;
  /** Acceptance criteria, one a line. */
  criteria?: string | readonly string[];
  /** Path globs, one a line. */
  scope?: string | readonly string[];
  /** The answer as typed (`Depends on #1`), or issue numbers (`#1, #2`; none is GitHub's `_No response_`). */
  dependsOn?: string | readonly number[];
  value?: number;
  urgency?: number;
  risk?: number;
  size?: string;
  /** Free text after the form, as a person adds it by editing the issue. */
  notes?: string;
}

/** GitHub's rendering of an optional issue-form field left empty. */
const NO_RESPONSE = "_No response_";

/**
 * An issue body as GitHub renders the work-item form: `### Heading`, a blank line and the answer per
 * section, sections separated by a blank line, no trailing newline. The one builder of issue bodies
 * for the tests (incomplete forms included: intake asks for what is missing).
 */
export function formBody(answers: FormAnswers): string {
  const lines = (value: string | readonly string[] | undefined) => (value === undefined || typeof value === "string" ? value : value.join("\n"));
  const refs = (value: string | readonly number[] | undefined) =>
    value === undefined || typeof value === "string" ? value : value.length > 0 ? value.map((n) => `#${n}`).join(", ") : NO_RESPONSE;
  const parts: string[] = [];
  const add = (heading: string, value: string | number | undefined) => {
    if (value === undefined) return;
    parts.push(`### ${heading}`, "", String(value), "");
  };
  add("Goal / problem", answers.goal);
  add("Acceptance criteria", lines(answers.criteria));
  add("Scope", lines(answers.scope));
  add("Depends on", refs(answers.dependsOn));
  add("Business value", answers.value);
  add("Time criticality", answers.urgency);
  add("Risk reduction / opportunity enablement", answers.risk);
  add("Job size", answers.size);
  if (answers.notes !== undefined) parts.push(answers.notes, "");
  return parts.join("\n").trimEnd();
}

/** The foundation issue's reference criterion. */
export const REFERENCE_CRITERION = "Given two widgets When I ask for the total Then I get their sum";

/** The foundation issue's reference example: value 3, criticality 2, risk 2, size S -> 3.5, standard. */
export const REFERENCE_ITEM = {
  goal: "Widgets need a total.",
  criteria: REFERENCE_CRITERION,
  value: 3,
  urgency: 2,
  risk: 2,
  size: "S",
} as const satisfies FormAnswers;

/** The reference example's body (no scope, no dependencies). */
export const REFERENCE_BODY = formBody(REFERENCE_ITEM);

/** A complete standard-track body with a given extra section (e.g. `Depends on #1`). */
export function standardBody(extra: { dependsOn?: string; goal?: string } = {}): string {
  return formBody({
    ...REFERENCE_ITEM,
    goal: extra.goal ?? REFERENCE_ITEM.goal,
    ...(extra.dependsOn !== undefined ? { dependsOn: extra.dependsOn } : {}),
  });
}

/**
 * A complete work item as a person fills in the form: every section, scope `**` and the reference
 * WSJF inputs unless given, `_No response_` without dependencies.
 */
export function workItemBody(input: {
  goal: string;
  criteria: string[];
  scope?: string[];
  dependsOn?: number[];
  value?: number;
  urgency?: number;
  risk?: number;
  size?: string;
}): string {
  return formBody({
    goal: input.goal,
    criteria: input.criteria,
    scope: input.scope ?? ["**"],
    dependsOn: input.dependsOn ?? [],
    value: input.value ?? REFERENCE_ITEM.value,
    urgency: input.urgency ?? REFERENCE_ITEM.urgency,
    risk: input.risk ?? REFERENCE_ITEM.risk,
    size: input.size ?? REFERENCE_ITEM.size,
  });
}

/** Bot-authored comments on `issue` carrying the status marker (the app's status comments). */
export function statusComments(h: Harness, issue: number) {
  return [...h.standIn.state.comments.values()].filter((c) => c.issueNumber === issue && c.body.includes(STATUS_MARKER));
}

/** The one status comment's decoded state; fails the test when there is not exactly one. */
export function itemState(h: Harness, issue: number): ItemState {
  const comments = statusComments(h, issue);
  if (comments.length !== 1) throw new Error(`expected one status comment on #${issue}, found ${comments.length}\n${h.standIn.formatTimeline()}`);
  const decoded = decodeStateBlock(comments[0]!.body);
  if (decoded.kind !== "ok") throw new Error(`status comment on #${issue} has no valid state block: ${JSON.stringify(decoded)}`);
  return decoded.state;
}

/** The one status comment's text. */
export function statusText(h: Harness, issue: number): string {
  const comments = statusComments(h, issue);
  if (comments.length !== 1) throw new Error(`expected one status comment on #${issue}, found ${comments.length}`);
  return comments[0]!.body;
}

/** Labels on an issue now. */
export function labelsOf(h: Harness, issue: number): string[] {
  return [...(h.standIn.state.issues.get(issue)?.labels ?? [])];
}

/** `status/*` labels on an issue now. */
export function statusLabels(h: Harness, issue: number): string[] {
  return labelsOf(h, issue).filter((l) => l.startsWith("status/"));
}

/**
 * Writes (POST/PUT/PATCH/DELETE) to the repository made by the code under test since request index
 * `from`. Installation access tokens (Probot authenticating per event) are not writes to GitHub's data.
 */
export function writesSince(h: Harness, from: number) {
  return h.standIn.requests.entries
    .slice(from)
    .filter((e) => isWrite(e) && !e.route.endsWith("/access_tokens"));
}

/** Every request by the code under test since index `from`, as `METHOD path` lines. */
export function requestsSince(h: Harness, from: number): string[] {
  return h.standIn.requests.entries.slice(from).map((e) => `${e.method} ${e.path}`);
}

/** Every comment on an issue (any author). */
export function commentsOn(h: Harness, issue: number) {
  return [...h.standIn.state.comments.values()].filter((c) => c.issueNumber === issue);
}
