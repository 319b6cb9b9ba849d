import type { DashboardInput, DashboardSection } from "./model.js";
import { graphSection } from "./graph.js";
import { attentionSection, backlogSection, circuitBreakerSection, deadLetterSection, queueSection, spendSection, workersSection } from "./sections.js";

/** Hidden marker that identifies the one dashboard issue of a repository (in its body). */
export const DASHBOARD_MARKER = "<!-- orchestrator:dashboard -->";

/** The dashboard's sections, in order. Later features add theirs here. */
export const DEFAULT_SECTIONS: readonly DashboardSection[] = [
  attentionSection,
  workersSection,
  queueSection,
  backlogSection,
  graphSection,
  deadLetterSection,
  spendSection,
  circuitBreakerSection,
];

/**
 * The dashboard issue's body: the marker, a one-line explanation, then each section as
 * `## heading` and its body. Pure and deterministic (items in any order give the same text), so
 * the app rewrites the issue only when this text changes.
 */
export function renderDashboard(input: DashboardInput, sections: readonly DashboardSection[] = DEFAULT_SECTIONS): string {
  const parts = [
    DASHBOARD_MARKER,
    "The whole repository at a glance, kept current by the orchestrator: edits here are overwritten, except ticking a box, which acts.",
    ...sections.map((section) => `## ${section.heading}\n\n${section.render(input)}`),
  ];
  return `${parts.join("\n\n")}\n`;
}
