import { z } from "zod";

/**
 * The structured handoff reviewer run -> app: the reviewer CLI (`orchestrator review`) posts one
 * comment per reviewed head commit on the pull request, found by {@link reviewerVerdictMarker},
 * ending with the hidden block `<!-- orchestrator:reviewer-verdict-block {json} -->` (`-` written as
 * `\u002d`, as in state-block.ts, because `--` may not appear inside an HTML comment).
 *
 * The block carries the reviewer agent's verdict RAW (whatever JSON it wrote, even if it breaks
 * {@link reviewerVerdictSchema}) or the `problem` that prevented reading one (no file, not JSON,
 * agent missing or failing). Validating the verdict is the app's job: an invalid or missing verdict
 * is a failed review, reported, never ignored (issue #5 "PM review"). Only bot-authored comments
 * count (the port's `findComment`), so a person cannot forge a verdict.
 */

export const REVIEWER_BLOCK_VERSION = 1 as const;

/** The block's JSON: `{v, pr, headSha, agent, runId?, verdict?, problem?, text?}`. */
export const reviewerVerdictBlockSchema = z.object({
  v: z.literal(REVIEWER_BLOCK_VERSION),
  pr: z.number().int().positive(),
  /** The head commit the reviewer reviewed. */
  headSha: z.string().min(1),
  /** `review.agent.name`. */
  agent: z.string().min(1),
  runId: z.number().int().optional(),
  /** The verdict file's parsed JSON, unvalidated (absent when `problem` says why). */
  verdict: z.unknown().optional(),
  /** Why no verdict could be read (missing file, not JSON, agent missing or crashed). */
  problem: z.string().optional(),
  /** The start of the verdict file when it was not JSON, for the person reading the review. */
  text: z.string().optional(),
});
export type ReviewerVerdictBlock = z.infer<typeof reviewerVerdictBlockSchema>;
