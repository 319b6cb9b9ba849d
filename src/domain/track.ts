import type { JobSize, OrchestratorConfig, Track } from "../config/schema.js";
import { trackLabelsPresent } from "./labels.js";
import { FORM_FIELD_LABELS, type ParsedIssue } from "./parse-issue.js";
import { WSJF_INPUT_NAMES, type WsjfInputName } from "./wsjf.js";

/**
 * Tracks (see the foundation issue, "Work items"): an explicit `track/*` label wins; otherwise a
 * job size in `config.tracks.project_sizes` (default L, XL) gives `project`, a WSJF score at or above
 * `config.tracks.hotfix_threshold` (default 7) gives `hotfix`, and anything else is `standard`.
 */

/**
 * The track of an explicit track label, or null if none. Several track labels: the first in the
 * order hotfix, standard, project wins (the most urgent reading).
 */
export function explicitTrack(labels: readonly string[], config: OrchestratorConfig): Track | null {
  return trackLabelsPresent(labels, config)[0] ?? null;
}

/** The track computed from WSJF alone, ignoring labels. `score` is null when WSJF is incomplete. */
export function computedTrack(score: number | null, size: JobSize | undefined, config: OrchestratorConfig): Track {
  if (size !== undefined && config.tracks.project_sizes.includes(size)) return "project";
  if (score !== null && score >= config.tracks.hotfix_threshold) return "hotfix";
  return "standard";
}

/** Chooses the track: explicit label, else {@link computedTrack}. */
export function chooseTrack(
  labels: readonly string[],
  score: number | null,
  size: JobSize | undefined,
  config: OrchestratorConfig,
): Track {
  return explicitTrack(labels, config) ?? computedTrack(score, size, config);
}

/** A child issue (GitHub sub-issue) of an epic. */
export interface ChildIssue {
  number: number;
  state: "open" | "closed";
}

/** How a person supplies each WSJF input: the label range and the form field. */
export function describeWsjfInput(name: WsjfInputName, config: OrchestratorConfig): string {
  const l = config.labels;
  switch (name) {
    case "value":
      return `business value (label ${l.value_prefix}1..${l.value_prefix}5 or the form's ${FORM_FIELD_LABELS.business_value} field)`;
    case "urgency":
      return `time criticality (label ${l.urgency_prefix}1..${l.urgency_prefix}5 or the form's ${FORM_FIELD_LABELS.time_criticality} field)`;
    case "risk":
      return `risk reduction / opportunity enablement (label ${l.risk_prefix}1..${l.risk_prefix}5 or the form's ${FORM_FIELD_LABELS.risk_reduction} field)`;
    case "size":
      return `job size (label ${l.size_prefix}XS..${l.size_prefix}XL or the form's ${FORM_FIELD_LABELS.job_size} field)`;
  }
}

/** Missing-entry texts that are not WSJF inputs. */
export const MISSING_PROBLEM = `a problem statement (the form's ${FORM_FIELD_LABELS.goal} field or a "## Problem" section)`;
export const MISSING_GOAL = `a goal (the form's ${FORM_FIELD_LABELS.goal} field or a "## Goal" section)`;
export const MISSING_CRITERIA = `acceptance criteria (the form's ${FORM_FIELD_LABELS.acceptance_criteria} field or an "## Acceptance criteria" section: one Given/When/Then per line)`;
export const MISSING_CHILDREN = "child issues (add sub-issues to this project issue; it is an epic that tracks them)";

/**
 * What the track requires before work starts, as human-readable entries (empty when complete):
 * - hotfix: a problem statement;
 * - standard: at least one acceptance criterion and all four WSJF inputs;
 * - project: a goal and at least one child issue (the project item is an epic).
 * Source: the foundation issue's track rules. Scope is never required: `config.scope.default` applies.
 */
export function trackRequirements(
  track: Track,
  parsed: ParsedIssue,
  children: readonly ChildIssue[],
  config: OrchestratorConfig,
): string[] {
  if (track === "hotfix") return parsed.goal === null ? [MISSING_PROBLEM] : [];
  if (track === "project") {
    const missing: string[] = [];
    if (parsed.goal === null) missing.push(MISSING_GOAL);
    if (children.length === 0) missing.push(MISSING_CHILDREN);
    return missing;
  }
  const missing: string[] = [];
  if (parsed.acceptanceCriteria.length === 0) missing.push(MISSING_CRITERIA);
  for (const name of WSJF_INPUT_NAMES) {
    if (parsed.wsjf[name] === undefined) missing.push(describeWsjfInput(name, config));
  }
  return missing;
}
