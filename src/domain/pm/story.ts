import { z } from "zod";

/**
 * The PM agent's `refine` handoff (issue #13 item 1): a dev-ready story drafted from a vague
 * request. Shape (committed as JSON Schema in schema/): `{kind:"story", problem, story?,
 * acceptance_criteria:[{given,when,then}] (1..12), wsjf:{value,urgency,risk:{estimate 1..5,
 * reason}, size:{estimate XS..XL, reason}}, scope: glob[] (0..20), questions: string[] (0..3)}`.
 * The WSJF scale is the one of src/domain/wsjf.ts (SAFe relative 1..5, size buckets XS..XL).
 * Values a person set (labels, form fields) always win over these estimates.
 */
const text = (max: number) => z.string().trim().min(1).max(max);

/** One acceptance criterion in Given/When/Then form. */
export const criterionSchema = z.object({ given: text(500), when: text(500), then: text(500) });
export type StoryCriterion = z.infer<typeof criterionSchema>;

const estimate = z.object({ estimate: z.number().int().min(1).max(5), reason: text(300) });

export const storyHandoffSchema = z.object({
  kind: z.literal("story"),
  /** The problem in the requester's terms. */
  problem: text(2000),
  /** "As a ..., I want ..., so that ..." (optional). */
  story: text(1000).optional(),
  acceptance_criteria: z.array(criterionSchema).min(1).max(12),
  wsjf: z.object({
    value: estimate,
    urgency: estimate,
    risk: estimate,
    size: z.object({ estimate: z.enum(["XS", "S", "M", "L", "XL"]), reason: text(300) }),
  }),
  /** Globs of the files the change may touch (src/domain/scope.ts semantics). */
  scope: z.array(text(200)).max(20).default([]),
  /** Clarifying questions for the author where the request is ambiguous (none when it is clear). */
  questions: z.array(text(500)).max(3).default([]),
});
export type StoryHandoff = z.infer<typeof storyHandoffSchema>;
