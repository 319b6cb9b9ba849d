import type { OrchestratorConfig, Status, Track } from "../../config/schema.js";
import type { ItemState } from "../item-state.js";

/**
 * The data the dashboard issue is rendered from: plain values read from GitHub by the app
 * (src/app/dashboard.ts), never fetched here. One entry per open work item.
 */
export interface DashboardItem {
  number: number;
  title: string;
  /** The item's one `status/*` label; null when triage has not labelled it yet. */
  status: Status | null;
  /** The explicit or computed track (see domain/track.ts). */
  track: Track;
  /** The `hold` label is on. */
  held: boolean;
  /** The item's state from its status comment (an empty state when it has none). */
  state: ItemState;
}

/** Everything one render needs. */
export interface DashboardInput {
  /** Open work items (no pull requests, no ignored issues, not the dashboard itself), any order. */
  items: readonly DashboardItem[];
  /** Current time, ISO 8601: elapsed times of workers in flight are measured to it. */
  now: string;
  config: OrchestratorConfig;
  /** `owner/repo`, for links such as the dead-letter search; absent: no such links. */
  repository?: string;
}

/**
 * One section of the dashboard: a heading and its markdown body. Sections are a list
 * (DEFAULT_SECTIONS in render.ts) so later features (budgets, dead letters, the circuit breaker,
 * plans) add a renderer without touching the others. Pure: same input, same text.
 */
export interface DashboardSection {
  /** Stable id (used in tests and by later sections to replace a placeholder). */
  id: string;
  heading: string;
  render(input: DashboardInput): string;
}
