import { z } from "zod";
import { PM_TASKS } from "./tasks.js";

/**
 * The structured handoff PM run -> app, as src/domain/reviewer-verdict-block.ts is for reviews: the
 * worker (`orchestrator pm --task refine|plan`) posts ONE comment per PM run on the work item, found
 * by `pmHandoffMarker(task, revision)` (src/domain/item/markers.ts), ending with the hidden block
 * `<!-- orchestrator:pm-handoff-block {json} -->`. The block carries the agent's handoff RAW (any
 * JSON) or the `problem` that prevented reading one; validating it against the task's schema is the
 * app's job. Only bot-authored comments count, so a person cannot forge a handoff.
 */
export const PM_BLOCK_VERSION = 1 as const;

/** `{v, task, issue, revision, agent, runId?, handoff?, problem?, text?}`. */
export const pmHandoffBlockSchema = z.object({
  v: z.literal(PM_BLOCK_VERSION),
  task: z.enum(PM_TASKS),
  issue: z.number().int().positive(),
  /** Which PM run of this item (1, 2, ...): the app asks for revision n, the worker answers it. */
  revision: z.number().int().positive(),
  /** The PM agent's name (`pm.agent.name`). */
  agent: z.string().min(1),
  runId: z.number().int().optional(),
  /** The handoff file's parsed JSON, unvalidated (absent when `problem` says why). */
  handoff: z.unknown().optional(),
  problem: z.string().optional(),
  /** The start of the handoff file when it was not JSON. */
  text: z.string().optional(),
});
export type PmHandoffBlock = z.infer<typeof pmHandoffBlockSchema>;
