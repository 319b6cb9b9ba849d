import { findCycles, formatCycle, type DependencyEdge } from "../dependency-graph.js";
import { planHandoffSchema, type PlanChild, type PlanHandoff } from "./plan.js";
import { planItems } from "./plan-render.js";

/**
 * Validation of a PM agent's plan handoff beyond its schema (issue #13 item 3): the raw JSON the
 * worker posted is parsed with {@link planHandoffSchema}, then checked as a whole: unique keys,
 * `depends_on` naming known keys (and not the child itself), no dependency cycle (through
 * src/domain/dependency-graph.ts), and GitHub's limits: 100 sub-issues per parent issue (counting
 * sub-issues the epic already has that are not this plan's) and 50 blocked-by links per issue
 * (GitHub Docs, "Adding sub-issues" and "Creating issue dependencies"). Nothing is truncated: a
 * plan over a limit is refused with the reason, for the status comment.
 */

/** GitHub's limit of sub-issues per parent issue. */
export const MAX_SUB_ISSUES = 100;
/** GitHub's limit of "blocked by" links per issue. */
export const MAX_BLOCKED_BY = 50;

/**
 * Most characters the plan's checklist may take in the epic's state block (titles, sizes, scopes,
 * dependency keys as stored: JSON with every `-` escaped to six characters), so the status comment
 * stays under GitHub's 65,536-character limit with room for the rest of the item.
 */
export const MAX_SHOWN_PLAN = 30_000;

/** A plan that passed every check, with its children in dependency order (dependencies first). */
export interface ValidPlan {
  plan: PlanHandoff;
  /** Keys in an order where every child comes after the children it depends on (ties: plan order). */
  order: string[];
}

export type PlanValidation = { ok: true; value: ValidPlan } | { ok: false; problems: string[] };

/**
 * Validates `raw` (the handoff as the agent wrote it). `otherSubIssues`: sub-issues the epic has
 * that belong to no plan key (a person's), which count against the 100. Problems are sentences a
 * person can act on, e.g. "child `b` depends on `x`, which is not a key of this plan".
 */
export function validatePlan(raw: unknown, otherSubIssues = 0): PlanValidation {
  const parsed = planHandoffSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`) };
  }
  const plan = parsed.data;
  const problems: string[] = [];
  const keys = new Set<string>();
  for (const child of plan.children) {
    if (keys.has(child.key)) problems.push(`the key \`${child.key}\` is used by more than one child`);
    keys.add(child.key);
  }
  for (const child of plan.children) {
    for (const dep of child.depends_on) {
      if (dep === child.key) problems.push(`child \`${child.key}\` depends on itself`);
      else if (!keys.has(dep)) problems.push(`child \`${child.key}\` depends on \`${dep}\`, which is not a key of this plan`);
    }
    if (new Set(child.depends_on).size > MAX_BLOCKED_BY) problems.push(`child \`${child.key}\` depends on more than ${MAX_BLOCKED_BY} children (GitHub allows ${MAX_BLOCKED_BY} blocked-by links per issue)`);
  }
  const total = plan.children.length + otherSubIssues;
  if (total > MAX_SUB_ISSUES) {
    problems.push(`the plan has ${plan.children.length} children and the epic ${otherSubIssues} other sub-issues: GitHub allows ${MAX_SUB_ISSUES} sub-issues per issue`);
  }
  const edges: DependencyEdge[] = plan.children.flatMap((c) => c.depends_on.filter((d) => d !== c.key && keys.has(d)).map((to) => ({ from: c.key, to })));
  for (const cycle of findCycles(edges)) problems.push(`the dependencies form a cycle: ${formatCycle(cycle)}`);
  const shown = storedSize(planItems(plan));
  if (shown > MAX_SHOWN_PLAN) problems.push(`the plan is too large to show in the status comment (${shown} characters of titles, scopes and dependencies; at most ${MAX_SHOWN_PLAN}): use fewer or shorter children`);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { plan, order: dependencyOrder(plan.children) } };
}

/** Characters `value` takes in a hidden block (JSON, each `-` written as `\u002d`). */
function storedSize(value: unknown): number {
  const json = JSON.stringify(value);
  return json.length + 5 * (json.split("-").length - 1);
}

/**
 * Kahn's order of an acyclic plan: a child is placed once every child it depends on is placed,
 * the earliest such child of the plan first. Children on a cycle (never in a valid plan) are left out.
 */
export function dependencyOrder(children: readonly PlanChild[]): string[] {
  const placed = new Set<string>();
  const order: string[] = [];
  let progress = true;
  while (progress) {
    progress = false;
    for (const child of children) {
      if (placed.has(child.key) || !child.depends_on.every((d) => placed.has(d) || d === child.key)) continue;
      placed.add(child.key);
      order.push(child.key);
      progress = true;
      break;
    }
  }
  return order;
}
