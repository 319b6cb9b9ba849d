import { decodePmHandoffBlock, pmHandoffMarker, pmQuestionsMarker } from "../domain/item/markers.js";
import { decideRefine, isAnswerText, refineBasis, refineEligible, refineRunFailed, refineSettled } from "../domain/pm/refine.js";
import { refineQuestionsComment } from "../domain/pm/refine-view.js";
import { parsePmRunTitle } from "../domain/run-title.js";
import { isWorkerIdentity, workerIdentities } from "../domain/trust/report-acceptance.js";
import type { CommentSnapshot, IssueSnapshot } from "../github/port.js";
import type { Effect } from "./effects.js";
import { retriage } from "./intake.js";
import { loadItem, saveItem } from "./item-store.js";
import { pmRunEffects } from "./pm-dispatch.js";
import type { RepoSession } from "./session.js";

/**
 * The refine step of the triage phase (issue #13 item 1, docs/pm-agent.md): for a trusted
 * standard or hotfix item that triage left at `needs-info`, with `pm.agent` set, reads the item's
 * comments once (the author's newest answer, the PM handoff of the revision awaited), asks the
 * pure `decideRefine` (src/domain/pm/refine.ts) and carries the decision out: the refine state
 * saved (the commit point), the questions asked in ONE comment per revision (ensured by marker),
 * an auto-accepted story triaged again at once (then `schedule`), and the PM run requested as an
 * effect ({@link pmRunEffects}). Called by the triage phase after triage, and by the record phase
 * for a PM handoff or an answer (neither changes triage's inputs). Costs nothing when `pm.agent`
 * is unset.
 */
export async function refineItem(session: RepoSession, number: number): Promise<Effect[]> {
  const { config } = session;
  if (config.pm.agent === null) return [];
  const item = await loadItem(session, number);
  if (!item || item.issue.state !== "open") return [];
  const { state } = item;
  if (!refineEligible({ enabled: true, status: state.status, track: state.track, trusted: state.trusted, refine: state.refine })) return [];
  const comments = await session.port.listComments(number);
  const answer = lastAnswer(comments, item.issue);
  const basis = refineBasis({ title: item.issue.title, body: item.issue.body }, answer?.id ?? null);
  const awaited = state.refine && !refineSettled(state.refine) ? state.refine.revision : null;
  const handoff = awaited === null ? null : handoffComment(session, comments, awaited);
  const decision = decideRefine({
    enabled: true,
    status: state.status,
    track: state.track,
    trusted: state.trusted,
    refine: state.refine,
    basis,
    handoff: handoff ? decodePmHandoffBlock(handoff.body) : null,
    autoAccept: state.track !== undefined && config.pm.auto_accept.includes(state.track),
    now: session.now(),
  });
  if (decision.state) await saveItem(session, item, { ...state, refine: decision.state });
  if (decision.questions) {
    const { revision, list } = decision.questions;
    await session.port.upsertComment(number, pmQuestionsMarker(revision), refineQuestionsComment(item.issue.author.login, revision, list));
  }
  // `pm.auto_accept`: the accepted story fills the item now, so triage moves it on in this pass
  // and the schedule phase may dispatch it.
  const accepted = decision.state?.accepted !== undefined && state.refine?.accepted === undefined;
  if (accepted) await retriage(session, number);
  session.log.info({ issue: number, revision: decision.state?.revision ?? state.refine?.revision, dispatch: decision.dispatch ?? null, questions: decision.questions?.list.length ?? 0 }, "refine step");
  return [...(decision.dispatch !== undefined ? pmRunEffects("refine", number, decision.dispatch) : []), ...(accepted ? [{ kind: "schedule" as const }] : [])];
}

/** The author's newest comment that can answer the PM agent's questions (no command, none of ours). */
function lastAnswer(comments: readonly CommentSnapshot[], issue: IssueSnapshot): CommentSnapshot | null {
  const author = issue.author.login.toLowerCase();
  const answers = comments.filter((c) => c.author.type !== "Bot" && c.author.login.toLowerCase() === author && isAnswerText(c.body));
  return answers.at(-1) ?? null;
}

/** trust (#10): the handoff comment of `revision`, from a worker identity only (a person cannot forge one). */
function handoffComment(session: RepoSession, comments: readonly CommentSnapshot[], revision: number): CommentSnapshot | null {
  const identities = workerIdentities(session.config.trust.worker_identities, session.ours.appSlug);
  const marker = pmHandoffMarker("refine", revision);
  return comments.find((c) => c.body.includes(marker) && isWorkerIdentity(c.author, identities)) ?? null;
}

/**
 * A PM run completed (the worker workflow, titled by `pmRunTitle`): a refine run that posted no
 * handoff for the revision awaited is recorded as that revision's problem (never silent). Returns
 * whether anything was recorded.
 */
export async function handlePmRunCompleted(session: RepoSession, run: { path: string; displayTitle: string; status: string; conclusion: string | null; htmlUrl: string }): Promise<boolean> {
  if (run.status !== "completed" || !run.path.endsWith(`/${session.config.worker.workflow}`)) return false;
  const ids = parsePmRunTitle(run.displayTitle);
  if (!ids || ids.task !== "refine") return false;
  const item = await loadItem(session, ids.issue);
  if (!item?.state.refine || item.state.refine.revision !== ids.revision || refineSettled(item.state.refine)) return false;
  if (handoffComment(session, await session.port.listComments(ids.issue), ids.revision)) return false;
  const refine = refineRunFailed(item.state.refine, ids.revision, `the PM run ended ${run.conclusion ?? "without a conclusion"} without posting a handoff ([run](${run.htmlUrl}))`);
  if (!refine) return false;
  await saveItem(session, item, { ...item.state, refine });
  session.log.warn({ issue: ids.issue, revision: ids.revision, conclusion: run.conclusion }, "PM run ended without a handoff");
  return true;
}
