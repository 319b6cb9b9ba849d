import { FORM_FIELD_LABELS } from "../parse-issue.js";
import { planChildMarker } from "../item/markers.js";
import type { WsjfInputs } from "../wsjf.js";
import type { StoryCriterion } from "./story.js";
import type { PlanChild } from "./plan.js";

/**
 * The child work item created for one child of an epic's plan (issue #13 item 3): its title and
 * body in the work-item form's shape, so src/domain/parse-issue.ts reads it like any item:
 * goal (the story), acceptance criteria (one Given/When/Then a line), scope (one glob a line),
 * `Depends on #n` (the text fallback of GitHub's native blocked-by links), the WSJF inputs and the
 * job size. The hidden marker `plan-child epic=E key=K` (src/domain/item/markers.ts) finds the
 * child again when the epic is re-planned. Deterministic: the same inputs give the same text, so an
 * unchanged child is never rewritten.
 */

/** The WSJF inputs a child inherits from its epic: business value, time criticality, risk reduction. */
export type InheritedWsjf = Pick<WsjfInputs, "value" | "urgency" | "risk">;

/** The middle of SAFe's relative 1..5 scale, for an input the epic does not give. */
const DEFAULT_INPUT = 3;

/** One acceptance criterion as one line: `Given ... When ... Then ...`. */
export function criterionLine(c: StoryCriterion): string {
  return `Given ${c.given} When ${c.when} Then ${c.then}`.replace(/\s+/g, " ");
}

/**
 * `{title, body}` of the child for `child` of epic `epic`. `dependsOn`: the issue numbers of the
 * children it depends on (all created first: children are created in dependency order).
 * `wsjf`: the epic's business value, time criticality and risk reduction (each absent one is 3,
 * said in the body); the job size is the child's own.
 */
export function renderChildText(epic: number, child: PlanChild, dependsOn: readonly number[], wsjf: InheritedWsjf): { title: string; body: string } {
  const inherited = (v: number | undefined) => v ?? DEFAULT_INPUT;
  const defaulted = (["value", "urgency", "risk"] as const).filter((k) => wsjf[k] === undefined);
  const section = (heading: string, text: string) => [`### ${heading}`, "", text, ""];
  const lines = [
    planChildMarker(epic, child.key),
    `Part of #${epic}: planned by the PM agent (plan key \`${child.key}\`). Re-planning the epic updates this text.`,
    "",
    ...section(FORM_FIELD_LABELS.goal, oneParagraph(child.story)),
    ...section(FORM_FIELD_LABELS.acceptance_criteria, child.acceptance_criteria.map(criterionLine).join("\n")),
    ...(child.scope.length > 0 ? section(FORM_FIELD_LABELS.scope, child.scope.join("\n")) : []),
    ...(dependsOn.length > 0 ? section(FORM_FIELD_LABELS.depends_on, `Depends on ${[...dependsOn].sort((a, b) => a - b).map((n) => `#${n}`).join(", ")}`) : []),
    ...section(FORM_FIELD_LABELS.business_value, String(inherited(wsjf.value))),
    ...section(FORM_FIELD_LABELS.time_criticality, String(inherited(wsjf.urgency))),
    ...section(FORM_FIELD_LABELS.risk_reduction, String(inherited(wsjf.risk))),
    ...section(FORM_FIELD_LABELS.job_size, child.size),
  ];
  if (defaulted.length > 0) lines.push(`_The epic gives no ${defaulted.join(", ")}: ${DEFAULT_INPUT} (the middle of the scale) was used; a label on this issue overrides it._`);
  return { title: child.title, body: lines.join("\n").trimEnd() };
}

/** The story as one paragraph block (blank-line runs collapsed, so no line reads as a heading). */
function oneParagraph(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*#+\s*/, "").trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
