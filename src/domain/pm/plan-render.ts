import { escapeInline } from "../status-comment.js";
import type { PlanHandoff } from "./plan.js";
import type { PlanItem, PlanState } from "./plan-state.js";

/**
 * The plan as the epic's status comment shows it (issue #13 item 3): where the plan stands (asked
 * for, invalid with the reason, waiting for `/approve plan`, children created), a checklist (one
 * line a child: its issue once created, key, title, size, scope, what it waits for) and a Mermaid
 * `graph TD` of the dependencies (an arrow from a child to the one that needs it). Pure and
 * deterministic: the same state renders the same text.
 */

/** The plan's children as kept in the state (see plan-state.ts), from a validated handoff. */
export function planItems(plan: PlanHandoff): PlanItem[] {
  return plan.children.map((c) => ({ key: c.key, title: c.title, size: c.size, scope: [...c.scope], dependsOn: [...new Set(c.depends_on)] }));
}

/** What the epic's reader needs besides the state: the children's open/closed states, and the gate. */
export interface PlanRenderFacts {
  childStates: ReadonlyArray<{ number: number; state: "open" | "closed" }>;
  /** `pm.plan_gate`: children are created only after a trusted `/approve plan`. */
  gate: boolean;
}

/** Markdown lines of the "Plan" section of the epic's status comment (no trailing blank line). */
export function renderPlanSection(plan: PlanState, facts: PlanRenderFacts): string[] {
  const out = [`#### Plan (revision ${plan.revision})`, planHeadline(plan, facts.gate)];
  if (plan.summary) out.push("", inline(plan.summary));
  if (plan.items.length === 0) return out;
  const numbers = new Map(plan.children.map((c) => [c.key, c.number]));
  const closed = new Set(facts.childStates.filter((c) => c.state === "closed").map((c) => c.number));
  out.push("");
  for (const item of plan.items) out.push(checklistLine(item, numbers, closed));
  out.push("", "```mermaid", ...mermaidGraph(plan.items, numbers), "```");
  if (plan.dropped.length > 0) {
    const dropped = plan.dropped.map((key) => (numbers.has(key) ? `#${numbers.get(key)} (\`${key}\`)` : `\`${key}\``));
    out.push("", `**No longer in the plan:** ${dropped.join(", ")}: kept as they are; close them by hand if they are not needed.`);
  }
  return out;
}

function planHeadline(plan: PlanState, gate: boolean): string {
  switch (plan.outcome) {
    case "requested":
      return `The PM agent is planning this epic (revision ${plan.revision} requested ${plan.requestedAt}).`;
    case "invalid":
      return `**The PM agent's plan (revision ${plan.revision}) was not accepted:** ${inline(plan.problem ?? "no reason recorded")}. Comment \`/plan\` to ask for a new plan, or edit this epic.`;
    case "ready":
      if (!gate) return "The children are being created from this plan.";
      return plan.approval?.revision === plan.revision
        ? `Approved by @${plan.approval.by}; the children are being created.`
        : "A trusted person comments `/approve plan` to create these children as sub-issues (or `/plan` for a new plan).";
    case "created":
      return `The children below were created from this plan${plan.approval?.revision === plan.revision ? ` (approved by @${plan.approval.by})` : ""}; they run in dependency order and this epic closes when they are done.`;
  }
}

function checklistLine(item: PlanItem, numbers: ReadonlyMap<string, number>, closed: ReadonlySet<number>): string {
  const number = numbers.get(item.key);
  const mark = number !== undefined && closed.has(number) ? "x" : " ";
  const parts = [`${number !== undefined ? `#${number} ` : ""}**${item.key}**: ${inline(item.title)}`, `size ${item.size}`];
  if (item.scope.length > 0) parts.push(`scope ${item.scope.map((s) => `\`${s.replace(/`/g, "'")}\``).join(", ")}`);
  if (item.dependsOn.length > 0) parts.push(`after ${item.dependsOn.map((d) => (numbers.has(d) ? `#${numbers.get(d)}` : `**${d}**`)).join(", ")}`);
  return `- [${mark}] ${parts.join(" · ")}`;
}

/**
 * Mermaid `graph TD` lines: a node per child (`k_<key>`, dashes as underscores: keys have no
 * underscore, so ids stay distinct) labelled with its issue, key, title and size, and an edge
 * `dependency --> dependent`.
 */
export function mermaidGraph(items: readonly PlanItem[], numbers: ReadonlyMap<string, number> = new Map()): string[] {
  const id = (key: string) => `k_${key.replace(/-/g, "_")}`;
  const out = ["graph TD"];
  for (const item of items) {
    const number = numbers.get(item.key);
    out.push(`  ${id(item.key)}["${mermaidText(`${number !== undefined ? `#${number} ` : ""}${item.key}: ${item.title} (${item.size})`)}"]`);
  }
  for (const item of items) for (const dep of item.dependsOn) out.push(`  ${id(dep)} --> ${id(item.key)}`);
  return out;
}

/** Text inside a quoted Mermaid label: quotes as `#quot;`, no line breaks, no markup-closing characters, bounded. */
function mermaidText(text: string): string {
  const flat = text.replace(/\s+/g, " ").replace(/"/g, "#quot;").replace(/[<>`]/g, "");
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
}

/** One line of Markdown from agent text (escaped as issue text is: no markup, no line breaks), bounded. */
function inline(text: string): string {
  const flat = escapeInline(text);
  return flat.length > 500 ? `${flat.slice(0, 499)}…` : flat;
}
