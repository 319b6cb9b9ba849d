/**
 * Shared fixtures of the app-level intake tests: issue bodies in the work-item form's shape and
 * readers of what the app wrote into the stand-in (status comments, decoded state, writes).
 */
import { decodeStateBlock, STATUS_MARKER } from "../../src/domain/state-block.js";
import type { ItemState } from "../../src/domain/item-state.js";
import type { Harness } from "./app-harness.js";

/** The work-item form's sections, rendered as GitHub renders an issue form (`### Heading`). */
export function formBody(sections: {
  goal?: string;
  criteria?: string;
  scope?: string;
  dependsOn?: string;
  value?: number;
  urgency?: number;
  risk?: number;
  size?: string;
}): string {
  const parts: string[] = [];
  const add = (heading: string, value: string | number | undefined) => {
    if (value === undefined) return;
    parts.push(`### ${heading}`, "", String(value), "");
  };
  add("Goal / problem", sections.goal);
  add("Acceptance criteria", sections.criteria);
  add("Scope", sections.scope);
  add("Depends on", sections.dependsOn);
  add("Business value", sections.value);
  add("Time criticality", sections.urgency);
  add("Risk reduction / opportunity enablement", sections.risk);
  add("Job size", sections.size);
  return parts.join("\n").trimEnd();
}

/** The foundation issue's reference example: value 3, criticality 2, risk 2, size S -> 3.5, standard. */
export const REFERENCE_BODY = formBody({
  goal: "Widgets need a total.",
  criteria: "Given two widgets When I ask for the total Then I get their sum",
  value: 3,
  urgency: 2,
  risk: 2,
  size: "S",
});

/** A complete standard-track body with a given extra section (e.g. `Depends on #1`). */
export function standardBody(extra: { dependsOn?: string; goal?: string } = {}): string {
  return formBody({
    goal: extra.goal ?? "Widgets need a total.",
    criteria: "Given two widgets When I ask for the total Then I get their sum",
    ...(extra.dependsOn !== undefined ? { dependsOn: extra.dependsOn } : {}),
    value: 3,
    urgency: 2,
    risk: 2,
    size: "S",
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
    .filter((e) => e.method !== "GET" && e.method !== "HEAD" && !e.route.endsWith("/access_tokens"));
}

/** Every request by the code under test since index `from`, as `METHOD path` lines. */
export function requestsSince(h: Harness, from: number): string[] {
  return h.standIn.requests.entries.slice(from).map((e) => `${e.method} ${e.path}`);
}

/** Every comment on an issue (any author). */
export function commentsOn(h: Harness, issue: number) {
  return [...h.standIn.state.comments.values()].filter((c) => c.issueNumber === issue);
}
