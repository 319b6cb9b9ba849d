import { z } from "zod";
import { jobSizeSchema } from "../../config/schema.js";
import { storyHandoffSchema } from "./story.js";

/**
 * What the work item's state keeps of its refinement by the PM agent (issue #13 item 1), as the
 * optional `refine` field of the state block (src/domain/item-state.ts). Shape:
 * `{revision, requestedAt, basis, retried, draft?: {revision, story}, problem?: {revision, message},
 * accepted?}`. Written by the refine step of triage (src/app/pm-refine.ts, decided by
 * src/domain/pm/refine.ts) and by a trusted `/approve` (acceptance).
 */

const isoTime = z.string().min(1);
const rating = z.number().int().min(1).max(5);

/**
 * A story a trusted person accepted (or `pm.auto_accept` accepted): what the item uses from it.
 * `criteria` are rendered "Given ..., when ..., then ..." lines (the item's acceptance criteria
 * when the issue lists none); `wsjf` the agent's estimates (used only where a person set nothing);
 * `scope` globs (used only when the issue has no Scope); `problem` the goal when the issue has none.
 */
export const acceptedStorySchema = z.object({
  revision: z.number().int().positive(),
  /** Who accepted: a login, or `pm.auto_accept`. */
  by: z.string().min(1),
  at: isoTime,
  problem: z.string(),
  criteria: z.array(z.string().min(1)),
  wsjf: z.object({ value: rating, urgency: rating, risk: rating, size: jobSizeSchema }),
  scope: z.array(z.string().min(1)).default([]),
});
export type AcceptedStory = z.infer<typeof acceptedStorySchema>;

export const refineStateSchema = z.object({
  /** The PM run asked for last (1, 2, ...): its handoff comment is `pmHandoffMarker("refine", revision)`. */
  revision: z.number().int().positive(),
  requestedAt: isoTime,
  /** What that revision was asked on ({@link refineBasis}): a change (an edit, an answer) asks the next one. */
  basis: z.string(),
  /** That revision is the one retry of an unusable handoff (at most one retry per basis). */
  retried: z.boolean().default(false),
  /** The latest valid story draft and the revision that produced it. */
  draft: z.object({ revision: z.number().int().positive(), story: storyHandoffSchema }).optional(),
  /** The latest unusable handoff (invalid, missing, the run's problem) and its revision. */
  problem: z.object({ revision: z.number().int().positive(), message: z.string() }).optional(),
  accepted: acceptedStorySchema.optional(),
  /**
   * The revision awaited is held by the dispatch gate (issue 12's circuit breaker or spend caps,
   * for `pm.agent`): why and since when. The sweep asks again (reconciler rule 6); cleared on dispatch.
   */
  held: z.object({ reason: z.string(), at: isoTime }).optional(),
});
export type RefineState = z.infer<typeof refineStateSchema>;
