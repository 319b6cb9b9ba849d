import { JOB_SIZES, type JobSize, type OrchestratorConfig } from "../config/schema.js";
import { normalizeRef } from "./dependency-graph.js";
import { wsjfInputsFromLabels } from "./labels.js";
import type { WsjfInputName, WsjfInputs } from "./wsjf.js";

/**
 * Parsing of a work item's title, body and labels into plain data.
 *
 * The body is either our issue form (.github/ISSUE_TEMPLATE/work-item.yml), which GitHub renders as
 * `### <label>\n\n<answer>` sections with `_No response_` for empty optional fields, or free text
 * using the same headings (`##` or `###`, any case, optional trailing colon). Untrusted text is only
 * read here, never executed or interpreted beyond these patterns.
 */

/** The fields of the issue form, by the form's `id`. */
export type FormField =
  | "goal"
  | "acceptance_criteria"
  | "scope"
  | "depends_on"
  | "acceptance_test"
  | "business_value"
  | "time_criticality"
  | "risk_reduction"
  | "job_size";

/** The labels of the issue form's fields, exactly as in work-item.yml (a test keeps them equal). */
export const FORM_FIELD_LABELS: Readonly<Record<FormField, string>> = {
  goal: "Goal / problem",
  acceptance_criteria: "Acceptance criteria",
  scope: "Scope",
  depends_on: "Depends on",
  acceptance_test: "Acceptance test command",
  business_value: "Business value",
  time_criticality: "Time criticality",
  risk_reduction: "Risk reduction / opportunity enablement",
  job_size: "Job size",
};

/**
 * Accepted headings per field, after normalisation (lower case, no trailing colon, no
 * parenthesised remark, `/` spaced as ` / `). The form label is always the first alias.
 */
const HEADING_ALIASES: Readonly<Record<FormField, readonly string[]>> = {
  goal: ["goal / problem", "goal", "problem", "problem statement", "goal or problem", "problem / goal"],
  acceptance_criteria: ["acceptance criteria", "acceptance criterion", "criteria", "definition of done"],
  scope: ["scope", "paths", "paths in scope"],
  depends_on: ["depends on", "dependencies", "blocked by"],
  acceptance_test: ["acceptance test command", "acceptance test", "test command"],
  business_value: ["business value", "value", "user / business value"],
  time_criticality: ["time criticality", "urgency", "time criticality / urgency"],
  risk_reduction: [
    "risk reduction / opportunity enablement",
    "risk reduction and opportunity enablement",
    "risk reduction or opportunity enablement",
    "risk reduction",
    "opportunity enablement",
    "risk",
    "rr / oe",
  ],
  job_size: ["job size", "size", "effort"],
};

/** What GitHub writes for an optional form field left empty. */
export const NO_RESPONSE = "_No response_";

/** Where a WSJF input came from: a label (wins) or the body (form field or free-text heading). */
export type WsjfSource = "label" | "body";

/** A parsed work item. Arrays are deduplicated and keep the order of first appearance. */
export interface ParsedIssue {
  title: string;
  /** The goal / problem statement; falls back to text before the first heading; null if none. */
  goal: string | null;
  /** One criterion per line, bullets and checkboxes stripped. */
  acceptanceCriteria: string[];
  /** Path globs (picomatch) from the Scope section; empty means "use config.scope.default". */
  scope: string[];
  /** Issue refs this item depends on: `#12` or `owner/repo#12` (owner/repo lower-cased). */
  dependsOn: string[];
  /** A command that passes once the item is done, if the issue names one. */
  acceptanceTest?: string;
  /** File paths named in the body: inline-code paths and literal (non-glob) scope entries. */
  files: string[];
  /** WSJF inputs, labels overriding the body. */
  wsjf: WsjfInputs;
  /** The job size (same as `wsjf.size`), for convenience. */
  size?: JobSize;
  /** Where each present WSJF input came from. */
  wsjfSources: Partial<Record<WsjfInputName, WsjfSource>>;
}

/** The raw issue text to parse. `body` is null when the issue has no description. */
export interface IssueText {
  title: string;
  body: string | null;
  labels: readonly string[];
}

/** Normalises a heading for alias lookup (see {@link HEADING_ALIASES}). */
function normalizeHeading(text: string): string {
  return text
    .replace(/[*_`]/g, "")
    .replace(/\([^)]*\)/g, " ")
    .replace(/\s*\/\s*/g, " / ")
    .replace(/&/g, " and ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/\s*:$/, "")
    .toLowerCase()
    .trim();
}

const ALIAS_TO_FIELD: ReadonlyMap<string, FormField> = new Map(
  (Object.entries(HEADING_ALIASES) as [FormField, readonly string[]][]).flatMap(([field, aliases]) =>
    aliases.map((alias) => [alias, field] as const),
  ),
);

/** The form field a heading names, or null for any other heading. */
export function fieldOfHeading(heading: string): FormField | null {
  return ALIAS_TO_FIELD.get(normalizeHeading(heading)) ?? null;
}

interface Sections {
  /** Lines before the first heading. */
  preamble: string[];
  /** Lines per recognised field (a field given twice is concatenated). */
  fields: Map<FormField, string[]>;
  /** Every line outside fenced code blocks, as written. */
  prose: string[];
  /** Contents of inline code spans outside fenced code, in order. */
  codeSpans: string[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** Headings of level 1..3 end a section; deeper headings stay inside the answer. */
const HEADING = /^ {0,3}#{1,3}[ \t]+(.*?)[ \t]*#*[ \t]*$/;

/** Splits a markdown body into the form's sections, skipping headings inside fenced code. */
function splitSections(body: string): Sections {
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  const sections: Sections = { preamble: [], fields: new Map(), prose: [], codeSpans: [] };
  let current: string[] = sections.preamble;
  let fence: string | null = null;
  for (const line of lines) {
    const fenceMatch = FENCE.exec(line);
    if (fence !== null) {
      current.push(line);
      if (fenceMatch?.[1] !== undefined && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) fence = null;
      continue;
    }
    if (fenceMatch?.[1] !== undefined) {
      fence = fenceMatch[1];
      current.push(line);
      continue;
    }
    for (const span of line.matchAll(/`([^`]+)`/g)) if (span[1] !== undefined) sections.codeSpans.push(span[1].trim());
    sections.prose.push(line);
    const heading = HEADING.exec(line);
    if (heading?.[1] === undefined) {
      current.push(line);
      continue;
    }
    const field = fieldOfHeading(heading[1]);
    if (field === null) {
      current = []; // an unrelated section: its text belongs to no field
      continue;
    }
    const existing = sections.fields.get(field);
    current = existing ?? [];
    if (existing === undefined) sections.fields.set(field, current);
  }
  return sections;
}

/** Trimmed text of a section, or "" for an empty one or GitHub's `_No response_`. */
function sectionText(lines: readonly string[] | undefined): string {
  if (lines === undefined) return "";
  const text = lines.join("\n").trim();
  return text === NO_RESPONSE ? "" : text;
}

/** Strips a list bullet (`-`, `*`, `+`, `1.`, `1)`) and a task checkbox (`[ ]`, `[x]`). */
function stripListMarker(line: string): string {
  return line
    .replace(/^\s*>\s?/, "")
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, "")
    .replace(/^\[[ xX]\]\s*/, "")
    .trim();
}

/** Non-empty content lines of a section: fences, bullets and checkboxes removed. */
function listItems(lines: readonly string[] | undefined): string[] {
  if (lines === undefined) return [];
  const items: string[] = [];
  for (const line of lines) {
    if (FENCE.test(line)) continue;
    const item = stripListMarker(line);
    if (item === "" || item === NO_RESPONSE) continue;
    items.push(item);
  }
  return items;
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/**
 * Issue refs in a piece of text: `#12`, `owner/repo#12` and issue URLs
 * (`https://github.com/owner/repo/issues/12`, reported as `owner/repo#12`). Owner/repo are
 * lower-cased because GitHub names are case-insensitive.
 */
export function findIssueRefs(text: string): string[] {
  const refs: string[] = [];
  const pattern =
    /https?:\/\/github\.com\/([A-Za-z0-9-]+\/[A-Za-z0-9._-]+)\/(?:issues|pull)\/(\d+)|(?<![\w/.#-])((?:[A-Za-z0-9-]+\/[A-Za-z0-9._-]+)?)#(\d+)\b/g;
  for (const m of text.matchAll(pattern)) {
    const repo = m[1] ?? m[3] ?? "";
    const number = m[2] ?? m[4];
    if (number === undefined) continue;
    const ref = normalizeRef(`${repo}#${number}`);
    if (ref !== null) refs.push(ref);
  }
  return refs;
}

/** A line that declares dependencies: `Depends on #12`, `Blocked by #12, #15`, `**Depends on:** #3`. */
const DEPENDENCY_LINE = /\b(?:depends\s+on|blocked\s+by)\b(.*)$/i;

/** Refs declared on one `Depends on` / `Blocked by` line (inline code ignored); [] for other lines. */
function dependencyLineRefs(line: string): string[] {
  const m = DEPENDENCY_LINE.exec(line.replace(/`[^`]*`/g, " "));
  return m?.[1] === undefined ? [] : findIssueRefs(m[1]);
}

/**
 * A WSJF rating from a form answer or free text: the first integer 1..5 at the start
 * (`3`, `3 - medium`, `3/5`), or null.
 */
export function parseRating(text: string): number | null {
  const m = /^\s*[*_`]*\s*([1-5])(?![\d.])/.exec(text);
  return m?.[1] === undefined ? null : Number(m[1]);
}

const SIZE_WORDS: readonly [RegExp, JobSize][] = [
  [/^(?:extra[\s-]*small|x-small)\b/i, "XS"],
  [/^(?:extra[\s-]*large|x-large)\b/i, "XL"],
  [/^small\b/i, "S"],
  [/^medium\b/i, "M"],
  [/^large\b/i, "L"],
];

/** A job size from a form answer or free text: `M`, `M - a few days`, `xl`, `medium`; or null. */
export function parseJobSize(text: string): JobSize | null {
  const t = text.trim().replace(/^[*_`]+/, "");
  const m = /^(XS|XL|S|M|L)(?![A-Za-z0-9])/i.exec(t);
  if (m?.[1] !== undefined) {
    const size = m[1].toUpperCase();
    return JOB_SIZES.find((s) => s === size) ?? null;
  }
  for (const [pattern, size] of SIZE_WORDS) if (pattern.test(t)) return size;
  return null;
}

/** The acceptance test command of a section: fenced or inline code unwrapped; null if empty. */
function commandText(lines: readonly string[] | undefined): string | null {
  const inner = (lines ?? []).filter((line) => !FENCE.test(line));
  let text = sectionText(inner);
  const inline = /^`([^`]+)`$/.exec(text);
  if (inline?.[1] !== undefined) text = inline[1].trim();
  return text === "" ? null : text;
}

/** `Acceptance test: <command>` on one line outside code, for free text without the heading. */
function inlineAcceptanceTest(prose: readonly string[]): string | null {
  for (const line of prose) {
    const m = /^\s*(?:[-*+]\s+)?\**acceptance\s+test(?:\s+command)?\**\s*:\**\s*(.+)$/i.exec(line);
    if (m?.[1] === undefined) continue;
    const command = m[1].trim().replace(/^`([^`]+)`$/, "$1").trim();
    if (command !== "") return command;
  }
  return null;
}

const GLOB_CHARS = /[*?[\]{}!]/;
const PATH_LIKE = /^(?:[\w@.-]+\/)*[\w@-][\w@.-]*\.[A-Za-z][A-Za-z0-9]{0,7}$|^(?:[\w@.-]+\/)+[\w@.-]+\/?$/;

/** True for a token that looks like a repository path (`src/a.ts`, `package.json`, `docs/`). */
function looksLikePath(token: string): boolean {
  if (token.includes("://") || /\s/.test(token) || GLOB_CHARS.test(token)) return false;
  return PATH_LIKE.test(token);
}

/**
 * Splits one Scope line into its globs: `src/**, test/**` is two globs (issue #9 item 7). Commas
 * inside braces (`src/{a,b}/**`, one picomatch glob) do not split.
 */
export function splitGlobs(line: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of line) {
    if (ch === "{") depth += 1;
    if (ch === "}") depth = Math.max(0, depth - 1);
    if (ch === "," && depth === 0) {
      parts.push(current.trim());
      current = "";
      continue;
    }
    current += ch;
  }
  parts.push(current.trim());
  return parts.filter((p) => p !== "");
}

/** Strips surrounding backticks or quotes from a scope entry. */
function unquote(text: string): string {
  return text.replace(/^([`'"])(.*)\1$/, "$2").trim();
}

/**
 * Parses a work item.
 *
 * - Sections: the form's fields or free-text headings (see {@link fieldOfHeading}); other headings
 *   end the current section; headings inside fenced code are ignored.
 * - Goal: the Goal / problem section, else the text before the first heading without its
 *   dependency lines, else null. The title alone is not a goal.
 * - Acceptance criteria and scope: one entry per line, bullets/checkboxes (and for scope, quotes)
 *   stripped, `_No response_` ignored.
 * - Dependencies: every ref in the Depends on section, plus refs on `Depends on ...` or
 *   `Blocked by ...` lines anywhere outside code.
 * - WSJF: the dropdown answers (or free-text equivalents), overridden key by key by labels
 *   (`config.labels.value_prefix` etc.).
 * Never throws.
 */
export function parseIssue(issue: IssueText, config: OrchestratorConfig): ParsedIssue {
  const body = issue.body ?? "";
  const sections = splitSections(body);
  const f = sections.fields;

  const goalText = sectionText(f.get("goal"));
  const preamble = sectionText(sections.preamble.filter((line) => dependencyLineRefs(line).length === 0));
  const goal = goalText !== "" ? goalText : preamble !== "" ? preamble : null;

  const acceptanceCriteria = unique(listItems(f.get("acceptance_criteria")));
  const scope = unique(listItems(f.get("scope")).flatMap(splitGlobs).map(unquote).filter((s) => s !== "" && s !== NO_RESPONSE));
  const dependsOn = unique([...findIssueRefs(sectionText(f.get("depends_on"))), ...sections.prose.flatMap(dependencyLineRefs)]);
  const acceptanceTest =
    commandText(f.get("acceptance_test")) ?? inlineAcceptanceTest(sections.prose);
  const files = unique([...sections.codeSpans.filter(looksLikePath), ...scope.filter(looksLikePath)]);

  const fromBody: WsjfInputs = {};
  const value = parseRating(sectionText(f.get("business_value")));
  const urgency = parseRating(sectionText(f.get("time_criticality")));
  const risk = parseRating(sectionText(f.get("risk_reduction")));
  const bodySize = parseJobSize(sectionText(f.get("job_size")));
  if (value !== null) fromBody.value = value;
  if (urgency !== null) fromBody.urgency = urgency;
  if (risk !== null) fromBody.risk = risk;
  if (bodySize !== null) fromBody.size = bodySize;
  const fromLabels = wsjfInputsFromLabels(issue.labels, config);

  const wsjf: WsjfInputs = { ...fromBody, ...fromLabels };
  const wsjfSources: Partial<Record<WsjfInputName, WsjfSource>> = {};
  for (const key of Object.keys(fromBody) as WsjfInputName[]) wsjfSources[key] = "body";
  for (const key of Object.keys(fromLabels) as WsjfInputName[]) wsjfSources[key] = "label";

  const parsed: ParsedIssue = { title: issue.title, goal, acceptanceCriteria, scope, dependsOn, files, wsjf, wsjfSources };
  if (acceptanceTest !== null) parsed.acceptanceTest = acceptanceTest;
  if (wsjf.size !== undefined) parsed.size = wsjf.size;
  return parsed;
}
