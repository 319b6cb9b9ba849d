import {
  JOB_SIZES,
  STATUSES,
  TRACKS,
  jobSizeSchema,
  type JobSize,
  type OrchestratorConfig,
  type Status,
  type Track,
} from "../config/schema.js";
import type { WsjfInputs } from "./wsjf.js";

/**
 * Every label the app uses, with names from `config.labels` (see DESIGN.md: "labels carry the
 * indexable state"), and the reading of WSJF, track and status labels back into data.
 */

/** A label to ensure: `color` is 6 hex digits without `#` (GitHub's label API format). */
export interface LabelSpec {
  name: string;
  color: string;
  description: string;
}

const TRACK_COLORS: Record<Track, string> = { hotfix: "b60205", standard: "0e8a16", project: "5319e7" };
const TRACK_DESCRIPTIONS: Record<Track, string> = {
  hotfix: "Track: urgent fix; needs a problem statement",
  standard: "Track: regular work item; needs acceptance criteria and WSJF inputs",
  project: "Track: epic tracked through child issues",
};

/** Light to dark: a higher rating is a stronger colour. Index 0 is rating 1. */
const VALUE_COLORS = ["d4f5d4", "a8e6a8", "6fd26f", "3cb83c", "1a7f1a"];
const URGENCY_COLORS = ["fef2c0", "fde28a", "fbca04", "e4a200", "b07d00"];
const RISK_COLORS = ["e6ecf5", "c2d3ec", "8fb0de", "5a88c9", "1d5fb0"];
const SIZE_COLORS: Record<JobSize, string> = { XS: "f2e6fa", S: "e0c8f2", M: "c69be6", L: "a56dd4", XL: "7b3fb3" };
const SIZE_WORDS: Record<JobSize, string> = {
  XS: "extra small",
  S: "small",
  M: "medium",
  L: "large",
  XL: "extra large",
};

const STATUS_COLORS: Record<Status, string> = {
  "needs-info": "d876e3",
  "needs-approval": "e99695",
  waiting: "c5def5",
  ready: "0e8a16",
  "in-progress": "1d76db",
  "in-review": "fbca04",
  approved: "2ea44f",
  merging: "006b75",
  done: "6a737d",
  blocked: "b60205",
};
const STATUS_DESCRIPTIONS: Record<Status, string> = {
  "needs-info": "Status: triage needs more information (see the status comment)",
  "needs-approval": "Status: a trusted person must /approve this item before agents see it",
  waiting: "Status: waiting for open dependencies",
  ready: "Status: ready to be picked up by a worker",
  "in-progress": "Status: a worker is on it",
  "in-review": "Status: pull request under review",
  approved: "Status: pull request approved, waiting for the merge queue",
  merging: "Status: in the merge queue",
  done: "Status: merged",
  blocked: "Status: blocked; a person is needed (see the status comment)",
};

const RATINGS = [1, 2, 3, 4, 5] as const;

/**
 * The full label catalog for a configuration, in a fixed order: tracks, value/1..5, urgency/1..5,
 * risk/1..5, size/XS..XL, every status, hold, ignore, needs_person, dead_letter. Descriptions fit GitHub's
 * 100-character limit.
 */
export function labelCatalog(config: OrchestratorConfig): LabelSpec[] {
  const l = config.labels;
  const specs: LabelSpec[] = [];
  for (const track of TRACKS) {
    specs.push({ name: l.tracks[track], color: TRACK_COLORS[track], description: TRACK_DESCRIPTIONS[track] });
  }
  for (const n of RATINGS) {
    specs.push({ name: `${l.value_prefix}${n}`, color: VALUE_COLORS[n - 1] ?? "ededed", description: `WSJF business value ${n} of 5` });
  }
  for (const n of RATINGS) {
    specs.push({ name: `${l.urgency_prefix}${n}`, color: URGENCY_COLORS[n - 1] ?? "ededed", description: `WSJF time criticality ${n} of 5` });
  }
  for (const n of RATINGS) {
    specs.push({
      name: `${l.risk_prefix}${n}`,
      color: RISK_COLORS[n - 1] ?? "ededed",
      description: `WSJF risk reduction / opportunity enablement ${n} of 5`,
    });
  }
  for (const size of JOB_SIZES) {
    specs.push({
      name: `${l.size_prefix}${size}`,
      color: SIZE_COLORS[size],
      description: `WSJF job size ${size} (${SIZE_WORDS[size]}, divisor ${config.wsjf.sizes[size]})`,
    });
  }
  for (const status of STATUSES) {
    specs.push({ name: l.status[status], color: STATUS_COLORS[status], description: STATUS_DESCRIPTIONS[status] });
  }
  specs.push({ name: l.hold, color: "000000", description: "Hold: nothing about this item is dispatched or merged" });
  specs.push({ name: l.ignore, color: "ffffff", description: "Not a work item: the orchestrator leaves this issue alone" });
  specs.push({ name: l.needs_person, color: "d93f0b", description: "Touches gated paths: needs a trusted /approve" });
  specs.push({ name: l.dead_letter, color: "5319e7", description: "Dead letter: attempts used up or runs died of infrastructure failures; /retry" });
  return specs;
}

/** The label name of a status (`status/ready` by default). */
export function statusLabel(status: Status, config: OrchestratorConfig): string {
  return config.labels.status[status];
}

/** Every status label name, in lifecycle order. */
export function allStatusLabels(config: OrchestratorConfig): string[] {
  return STATUSES.map((s) => config.labels.status[s]);
}

/**
 * The status carried by an item's labels, or null if none. If several status labels are present
 * (a person added one), the one latest in the lifecycle order wins, so an item is never moved
 * backwards by a stray label.
 */
export function statusFromLabels(labels: readonly string[], config: OrchestratorConfig): Status | null {
  const present = new Set(labels);
  let found: Status | null = null;
  for (const status of STATUSES) {
    if (present.has(config.labels.status[status])) found = status;
  }
  return found;
}

/** Track labels present on the item, in the order hotfix, standard, project. */
export function trackLabelsPresent(labels: readonly string[], config: OrchestratorConfig): Track[] {
  const present = new Set(labels);
  return TRACKS.filter((t) => present.has(config.labels.tracks[t]));
}

/** Ratings 1..5 found after `prefix` among labels; exact match of `<prefix><digit>` only. */
function ratingsFromLabels(labels: readonly string[], prefix: string): number[] {
  const found: number[] = [];
  for (const name of labels) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length).trim();
    if (/^[1-5]$/.test(rest)) found.push(Number(rest));
  }
  return found;
}

/**
 * WSJF inputs set by labels (`value/N`, `urgency/N`, `risk/N`, `size/X` with the configured
 * prefixes). Only the keys that have a label are present. When several labels of one kind are on
 * an item, the largest wins (independent of label order, so the result is deterministic).
 * Size labels are matched case-insensitively (`size/xl` is XL).
 */
export function wsjfInputsFromLabels(labels: readonly string[], config: OrchestratorConfig): WsjfInputs {
  const l = config.labels;
  const inputs: WsjfInputs = {};
  const value = ratingsFromLabels(labels, l.value_prefix);
  const urgency = ratingsFromLabels(labels, l.urgency_prefix);
  const risk = ratingsFromLabels(labels, l.risk_prefix);
  if (value.length > 0) inputs.value = Math.max(...value);
  if (urgency.length > 0) inputs.urgency = Math.max(...urgency);
  if (risk.length > 0) inputs.risk = Math.max(...risk);
  let sizeIndex = -1;
  for (const name of labels) {
    if (!name.startsWith(l.size_prefix)) continue;
    const parsed = jobSizeSchema.safeParse(name.slice(l.size_prefix.length).trim().toUpperCase());
    if (parsed.success) sizeIndex = Math.max(sizeIndex, JOB_SIZES.indexOf(parsed.data));
  }
  const size = JOB_SIZES[sizeIndex];
  if (size !== undefined) inputs.size = size;
  return inputs;
}
