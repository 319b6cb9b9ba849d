import { runPass } from "./pipeline.js";
import { sweepItems } from "./reconcile.js";
import type { RepoSession } from "./session.js";

/**
 * Sweeps one repository once, on demand (the periodic timer, or an Actions `schedule` event in
 * Actions mode): every open item reconciled from GitHub alone (see reconcile.ts), then one pass
 * of the pipeline with the follow-ups that found (reviews, landings, dispatches) plus one merge
 * queue evaluation and one scheduling round. Call it inside the repository's lock (`inRepository`).
 */
export async function sweepRepository(session: RepoSession): Promise<void> {
  await runPass(session, null, await sweepItems(session));
}
