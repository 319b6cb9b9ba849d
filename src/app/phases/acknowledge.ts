import type { Effect } from "../effects.js";
import type { RepoSession } from "../session.js";

/**
 * The acknowledge phase, last: each command's reaction and reply (effects `acknowledge`, in the
 * order given). Last because an answer changes what the rest of the pass reads: a reply is a new
 * comment on the pull request or issue, which moves the pull request GitHub serves and would come
 * between the item's staged writes (a command's record and the merge queue's commit point before a
 * merge would be two writes instead of one; issue #9 "A request budget"). A pass that fails after
 * the commands were recorded still answers (pipeline.ts), so a person always hears back.
 *
 * A reply is written once per marker: looked for first unless the pass recorded the command for
 * the first time (`absent`), in which case none can exist yet. An accepted `/approve` whose pull
 * request this pass merged gets no answer: the merge shows on its thread (`answeredByMerge`).
 */
export async function acknowledgePhase(session: RepoSession, inbox: readonly Effect[]): Promise<Effect[]> {
  const merged = new Set(inbox.flatMap((e) => (e.kind === "merged" ? [e.pr] : [])));
  for (const effect of inbox) {
    if (effect.kind !== "acknowledge") continue;
    // The approval's answer is the merge itself, shown on the same thread.
    if (effect.answeredByMerge !== undefined && merged.has(effect.answeredByMerge)) continue;
    if (effect.reaction) await session.port.addReaction(effect.reaction.commentId, effect.reaction.content);
    const reply = effect.reply;
    if (!reply) continue;
    if (!reply.absent && (await session.port.findComment(reply.number, reply.marker))) continue;
    await session.port.upsertComment(reply.number, reply.marker, reply.body, { absent: reply.absent });
  }
  return [];
}
