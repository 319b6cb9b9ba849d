import { z } from "zod";

/**
 * What an epic's status comment keeps about its plan (issue #13 item 3), as the optional `plan`
 * field of the item state (src/domain/item-state.ts). The full handoff (stories, criteria) lives in
 * the PM run's handoff comment and in the children's bodies; the state keeps only what the status
 * comment shows and what the reconciliation needs, so the block stays small:
 * - `revision` is the PM run asked for last (1, 2, ...), `textDigest` the epic's text it was asked
 *   for (an edit of the epic asks for the next revision), `outcome` where that revision stands;
 * - `items` are the plan's children as shown (key, title, size, scope, dependencies by key);
 * - `approval` names the revision a trusted `/approve plan` approved (the gate, `pm.plan_gate`);
 * - `children` maps each key to the issue created for it (the record of the reconciliation;
 *   children are also found by their hidden marker, so a crash before this record loses nothing);
 * - `dropped` lists keys a re-plan no longer has: their issues are kept and reported, never deleted.
 */
export const planItemSchema = z.object({
  key: z.string(),
  title: z.string(),
  size: z.string(),
  scope: z.array(z.string()).default([]),
  dependsOn: z.array(z.string()).default([]),
});
export type PlanItem = z.infer<typeof planItemSchema>;

export const planStateSchema = z.object({
  revision: z.number().int().positive(),
  requestedAt: z.string().min(1),
  /** approvalDigest of the epic's title and body when `revision` was asked for. */
  textDigest: z.string().min(1),
  /** `requested`: the PM run is out; `ready`: a valid plan waits; `invalid`: see `problem`; `created`: children exist for `revision`. */
  outcome: z.enum(["requested", "ready", "invalid", "created"]),
  /** Why the handoff of `revision` was not accepted (said in the status comment). */
  problem: z.string().optional(),
  /** The plan's summary (bounded). */
  summary: z.string().optional(),
  items: z.array(planItemSchema).default([]),
  approval: z.object({ by: z.string(), at: z.string(), revision: z.number().int().positive() }).optional(),
  /** A trusted `/plan` asked for a new revision. */
  replanRequested: z.boolean().default(false),
  children: z.array(z.object({ key: z.string(), number: z.number().int().positive() })).default([]),
  dropped: z.array(z.string()).default([]),
});
export type PlanState = z.infer<typeof planStateSchema>;
