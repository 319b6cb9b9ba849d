import { z } from "zod";
import { criterionSchema } from "./story.js";

/**
 * The PM agent's `plan` handoff (issue #13 item 3): a project epic decomposed into child work items
 * ("atomic, parallelizable tasks with explicit boundaries and success criteria"). Shape (committed as
 * JSON Schema in schema/): `{kind:"plan", summary, children:[{key, title, story, acceptance_criteria,
 * size, scope, depends_on: key[]}] (1..100)}`. `key` names a child inside the plan (stable across
 * re-planning, so re-planning updates children instead of duplicating them); `depends_on` lists
 * other children's keys. GitHub allows 100 sub-issues per parent, hence the bound.
 */
const text = (max: number) => z.string().trim().min(1).max(max);

export const planChildSchema = z.object({
  key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "key: lowercase letters, digits and dashes, at most 40"),
  title: text(200),
  story: text(2000),
  acceptance_criteria: z.array(criterionSchema).min(1).max(12),
  size: z.enum(["XS", "S", "M", "L", "XL"]),
  scope: z.array(text(200)).max(20).default([]),
  depends_on: z.array(z.string()).max(50).default([]),
});
export type PlanChild = z.infer<typeof planChildSchema>;

export const planHandoffSchema = z.object({
  kind: z.literal("plan"),
  summary: text(2000),
  children: z.array(planChildSchema).min(1).max(100),
});
export type PlanHandoff = z.infer<typeof planHandoffSchema>;
