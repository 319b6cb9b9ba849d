import { STATUSES, type OrchestratorConfig, type Status, type Track } from "../config/schema.js";
import { compareRefs, normalizeRef } from "./dependency-graph.js";
import { mayStackOn } from "./queue/stack.js";
import { emptyItemState, itemStateSchema, type ItemState } from "./item-state.js";
import { statusFromLabels, statusLabel, trackLabelsPresent } from "./labels.js";
import type { ParsedIssue } from "./parse-issue.js";
import { parseWorkItem } from "./pm/refine-merge.js";
import { describeCycles } from "./status-comment.js";
import { computedTrack, trackRequirements, type ChildIssue } from "./track.js";
import { computeWsjf, type WsjfResult } from "./wsjf.js";

/**
 * Triage of one work item: parse -> WSJF -> track -> requirements -> lifecycle status, plus the
 * label changes and the next item state. Pure: the app resolves trust, dependencies, children and
 * cycles from GitHub and applies the decision (see DESIGN.md, "Functional core, imperative shell").
 */

/** The issue as the app sees it. `labels` are the names currently on the issue. */
export interface TriageIssue {
  number: number;
  title: string;
  body: string | null;
  labels: readonly string[];
  author: string;
  state: "open" | "closed";
}

/** A dependency resolved by the app (native blocked_by plus parsed refs), with its current state. */
export interface TriageDependency {
  ref: string;
  state: "open" | "closed";
  /** The dependency's own lifecycle status, when it is a work item the app knows. */
  status?: Status;
}

export interface TriageInput {
  issue: TriageIssue;
  /** The author has write/maintain/admin permission or is in `config.trust.approvers`. */
  authorTrusted: boolean;
  /** A trusted person approved this item for agents (`/approve` on the issue). */
  itemApproved: boolean;
  dependencies: readonly TriageDependency[];
  /** GitHub sub-issues; a project item (epic) waits for its open children. */
  children: readonly ChildIssue[];
  /** Dependency cycles this item is on, each as an ordered ref list (see findCycles). */
  cycles: readonly (readonly string[])[];
  previous: ItemState | null;
  config: OrchestratorConfig;
  /** ISO 8601 time of this triage; written to `updatedAt` only when the state changes. */
  now: string;
  /**
   * `owner/repo` of the issue: parsed refs to this repository are recorded as `#N`, the form the
   * app uses for `dependencies`, so `state.dependsOn` holds each dependency once.
   */
  repository?: string;
}

export interface TriageDecision {
  /** The issue carries the ignore label: the app must leave it alone (no labels, no comment). */
  ignored: boolean;
  status: Status;
  track: Track;
  wsjf: WsjfResult;
  /** Human-readable entries of what the track still needs (see trackRequirements). */
  missing: string[];
  labelsToAdd: string[];
  labelsToRemove: string[];
  /** The next item state for the status comment. */
  state: ItemState;
  /** Markdown asking the author precisely for what is missing, or null when nothing is. */
  questions: string | null;
  /** Markdown naming every cycle this item is on, or null. */
  cycleMessage: string | null;
  /** The parsed issue (acceptance criteria, scope, ... for the status comment and the envelope). */
  parsed: ParsedIssue;
}

/** Statuses set by later stages (scheduler, worker, review, queue); triage never overrides them. */
export const STATUSES_PAST_READY: readonly Status[] = ["in-progress", "in-review", "approved", "merging", "done", "blocked"];

/**
 * The track label the app itself put on the item last time, if it is still there: the previous
 * state's track, when that is what WSJF alone gave (so no person chose it). A person's label that
 * happens to equal the computed track is indistinguishable and is treated as the app's.
 */
function appTrackLabel(labels: readonly string[], previous: ItemState | null, config: OrchestratorConfig): Track | null {
  if (previous?.track === undefined) return null;
  if (!labels.includes(config.labels.tracks[previous.track])) return null;
  const before = computedTrack(previous.wsjf.score ?? null, previous.wsjf.size, config);
  return before === previous.track ? previous.track : null;
}

/** The status from trust, requirements and dependencies, ignoring the previous status. */
function baseStatus(input: TriageInput, missing: readonly string[], track: Track): Status {
  if (!input.authorTrusted && !input.itemApproved) return "needs-approval";
  if (missing.length > 0) return "needs-info";
  if (input.cycles.length > 0) return "waiting";
  // `worker.stack_on_approved`: one open dependency with an approved pull request does not hold it.
  const open = input.dependencies.filter((d) => d.state === "open");
  if (open.length > 0 && !mayStackOn(open, input.config.worker.stack_on_approved)) return "waiting";
  if (track === "project" && input.children.some((c) => c.state === "open")) return "waiting";
  return "ready";
}

/**
 * The status after triage: a closed issue is `done` if the state records a merge, otherwise keeps
 * its status; statuses past ready are preserved; else {@link baseStatus}. Needs-approval comes first
 * for an open item: untrusted text must not reach an agent.
 */
function nextStatus(input: TriageInput, base: Status): Status {
  const previous = input.previous;
  if (input.issue.state === "closed") {
    if (previous?.merged !== undefined) return "done";
    return previous?.status ?? statusFromLabels(input.issue.labels, input.config) ?? base;
  }
  if (base === "needs-approval") return base;
  if (previous !== null && STATUSES_PAST_READY.includes(previous.status)) return previous.status;
  return base;
}

/** Markdown asking the author for each missing entry; null when nothing is missing. */
function renderQuestions(author: string, missing: readonly string[]): string | null {
  if (missing.length === 0) return null;
  const lines = [`@${author}, before work can start this item needs:`, "", ...missing.map((m) => `- ${m}`), ""];
  lines.push("Edit the issue description (or add the labels) and it is triaged again.");
  return lines.join("\n");
}

/** `state` in schema key order without `updatedAt`, for change detection. */
function withoutTime(state: ItemState): string {
  return JSON.stringify({ ...itemStateSchema.parse(state), updatedAt: undefined });
}

/**
 * Triage rules (foundation issue, "Work items"), in order:
 * 1. the ignore label: `ignored`, nothing changes;
 * 2. untrusted author and no item approval: `needs-approval`;
 * 3. missing requirements of the track: `needs-info` (with `questions`);
 * 4. a cycle, an open dependency, or (for a project) an open child issue: `waiting`;
 * 5. else `ready`.
 * Statuses past ready in `previous` are kept (a re-triage recomputes WSJF, track and criteria but
 * never moves an in-progress item back); a closed issue becomes `done` only if a merge is recorded.
 * Labels: exactly one status label; the computed track label is added when no person chose a
 * track; a person's track label is never removed; WSJF input labels are never touched.
 * `state.updatedAt` is `now` only when something else in the state changed, so re-triaging the
 * same input yields byte-identical output.
 */
export function triage(input: TriageInput): TriageDecision {
  const { issue, config, previous } = input;
  // issue #13: an accepted story fills what a person left out (person-set values win).
  const parsed = parseWorkItem({ title: issue.title, body: issue.body, labels: issue.labels }, previous, config);
  const wsjf = computeWsjf(parsed.wsjf, config.wsjf.sizes);
  const base: ItemState = previous ?? emptyItemState(issue.number);

  if (issue.labels.includes(config.labels.ignore)) {
    const status = previous?.status ?? statusFromLabels(issue.labels, config) ?? "needs-info";
    const track = previous?.track ?? computedTrack(wsjf.score, parsed.size, config);
    return { ignored: true, status, track, wsjf, missing: [], labelsToAdd: [], labelsToRemove: [], state: base, questions: null, cycleMessage: null, parsed };
  }

  const appLabel = appTrackLabel(issue.labels, previous, config);
  const humanTracks = trackLabelsPresent(issue.labels, config).filter((t) => t !== appLabel);
  const track = humanTracks[0] ?? computedTrack(wsjf.score, parsed.size, config);
  const missing = trackRequirements(track, parsed, input.children, config);
  const status = nextStatus(input, baseStatus(input, missing, track));

  const labelsToAdd: string[] = [];
  const labelsToRemove: string[] = [];
  const wantStatus = statusLabel(status, config);
  if (!issue.labels.includes(wantStatus)) labelsToAdd.push(wantStatus);
  for (const s of STATUSES) {
    const name = statusLabel(s, config);
    if (s !== status && issue.labels.includes(name)) labelsToRemove.push(name);
  }
  const wantTrack = config.labels.tracks[track];
  if (!issue.labels.includes(wantTrack)) labelsToAdd.push(wantTrack);
  if (appLabel !== null && appLabel !== track) labelsToRemove.push(config.labels.tracks[appLabel]);

  const parsedRefs = parsed.dependsOn.map((ref) => normalizeRef(ref, input.repository) ?? ref);
  const dependsOn = [...new Set([...parsedRefs, ...input.dependencies.map((d) => d.ref)])].sort(compareRefs);
  const { value, urgency, risk, size } = parsed.wsjf;
  // Parsed through the schema so keys are in schema order and the encoded block is stable.
  const candidate: ItemState = itemStateSchema.parse({
    ...base,
    issue: issue.number,
    status,
    track,
    wsjf: { value, urgency, risk, size, score: wsjf.score ?? undefined },
    dependsOn,
    dependencies: [...input.dependencies]
      .sort((a, b) => compareRefs(a.ref, b.ref))
      .map((d) => ({ ref: d.ref, state: d.state, ...(d.status === undefined ? {} : { status: d.status }) })),
    cycles: input.cycles.map((c) => [...c]),
    children: [...new Set(input.children.map((c) => c.number))].sort((a, b) => a - b),
    childStates: [...input.children].sort((a, b) => a.number - b.number).map((c) => ({ number: c.number, state: c.state })),
    missing,
    trusted: input.authorTrusted || input.itemApproved,
  });
  const unchanged = previous !== null && withoutTime(candidate) === withoutTime(previous);
  const state: ItemState = unchanged ? itemStateSchema.parse(previous) : { ...candidate, updatedAt: input.now };

  return {
    ignored: false,
    status,
    track,
    wsjf,
    missing,
    labelsToAdd,
    labelsToRemove,
    state,
    questions: renderQuestions(issue.author, missing),
    cycleMessage: describeCycles(input.cycles),
    parsed,
  };
}
