import type { Status, Track } from "../../config/schema.js";
import { parseCommands } from "../commands.js";
import type { DecodedBlock } from "../item/markers.js";
import { approvalDigest, type ItemText } from "../trust/approval-digest.js";
import type { PmHandoffBlock } from "./handoff-block.js";
import { acceptStory } from "./refine-merge.js";
import type { RefineState } from "./refine-state.js";
import { storyHandoffSchema, type StoryHandoff } from "./story.js";

/**
 * The refine step's decisions (issue #13 item 1, "Refine"), pure. A trusted standard or hotfix item
 * at `needs-info`, with `pm.agent` set, is refined by the PM agent: revision 1 is asked for; its
 * handoff (found by the app, validated here) becomes the draft story, or an unusable handoff is
 * said and retried once; an answer from the author or an edit of the issue (a new
 * {@link refineBasis}) asks the next revision. A trusted `/approve` accepts the draft
 * (src/domain/apply-command.ts), `pm.auto_accept` does so for its tracks when the draft asks nothing.
 */

/** At most this many refine runs per item (a bound on the PM agent's spend; each needs a person's answer or edit). */
export const MAX_REFINE_REVISIONS = 10;

/**
 * Whether a person's comment can answer the PM agent's questions: it carries no command (a line
 * such as `/approve`, src/domain/commands.ts) and is none of the app's or the worker's comments.
 */
export function isAnswerText(body: string): boolean {
  return !body.includes("<!-- orchestrator:") && parseCommands(body).length === 0;
}

/** What the item's refinement was asked on: the text's digest and the newest answer (a comment id, 0 for none). */
export function refineBasis(text: ItemText, lastAnswerId: number | null): string {
  return `${approvalDigest(text)}#${lastAnswerId ?? 0}`;
}

/** The facts the refine step decides on. */
export interface RefineFacts {
  /** `pm.agent` is set. */
  enabled: boolean;
  status: Status;
  track: Track | undefined;
  /** The author is trusted or a trusted person approved the item. */
  trusted: boolean;
  refine: RefineState | undefined;
  /** {@link refineBasis} now. */
  basis: string;
  /** The accepted PM handoff comment's block for `refine.revision`, null when none arrived yet. */
  handoff: DecodedBlock<PmHandoffBlock> | null;
  /** The item's track is in `pm.auto_accept`. */
  autoAccept: boolean;
  /** ISO 8601. */
  now: string;
}

/** What to do: the next refine state (undefined: unchanged), a PM run to dispatch, questions to post. */
export interface RefineDecision {
  state?: RefineState;
  /** Dispatch the refine run of this revision (idempotent: one run per revision). */
  dispatch?: number;
  /** Ask the author these questions, once for this revision. */
  questions?: { revision: number; list: string[] };
}

/** Whether the item is one the PM agent refines now. */
export function refineEligible(facts: Pick<RefineFacts, "enabled" | "status" | "track" | "trusted" | "refine">): boolean {
  if (!facts.enabled || !facts.trusted || facts.status !== "needs-info") return false;
  if (facts.track === "project") return false;
  return facts.refine?.accepted === undefined;
}

/** Whether the handoff (or the problem) of the revision asked for last has been recorded. */
export function refineSettled(refine: RefineState): boolean {
  return refine.draft?.revision === refine.revision || refine.problem?.revision === refine.revision;
}

/** The refine step for one item (see the module comment). Total: every input has a decision. */
export function decideRefine(facts: RefineFacts): RefineDecision {
  if (!refineEligible(facts)) return {};
  const r = facts.refine;
  if (!r) return ask(undefined, 1, facts, false);
  if (!refineSettled(r)) {
    // Waiting for the run; asking again is safe (one run per revision) and repairs a lost dispatch.
    if (facts.handoff === null) return { dispatch: r.revision };
    const read = readStoryHandoff(facts.handoff, r.revision);
    // The author answered or edited while the run was going: its result is stale, so the next
    // revision is asked at once (no stale question is posted, nothing stale accepted).
    const stale = facts.basis !== r.basis;
    if (!read.ok) {
      const problem = { revision: r.revision, message: read.message };
      if (!r.retried || stale) return ask({ ...r, problem }, r.revision + 1, facts, !stale);
      return { state: { ...r, problem } };
    }
    const story = read.story;
    if (stale) return ask({ ...r, draft: { revision: r.revision, story } }, r.revision + 1, facts, false);
    const accepted = facts.autoAccept && story.questions.length === 0 ? acceptStory(story, r.revision, "pm.auto_accept", facts.now) : undefined;
    const state: RefineState = { ...r, draft: { revision: r.revision, story }, ...(accepted ? { accepted } : {}) };
    return { state, ...(story.questions.length > 0 ? { questions: { revision: r.revision, list: story.questions } } : {}) };
  }
  if (facts.basis !== r.basis) return ask(r, r.revision + 1, facts, false);
  return {};
}

function ask(previous: RefineState | undefined, revision: number, facts: RefineFacts, retried: boolean): RefineDecision {
  if (previous && revision > MAX_REFINE_REVISIONS) {
    const message = `the item was refined ${MAX_REFINE_REVISIONS} times, the most one item gets; edit the issue to give what is missing, or accept the draft with \`/approve\``;
    if (previous.problem?.message === message) return {};
    return { state: { ...previous, basis: facts.basis, problem: { revision: previous.revision, message } } };
  }
  const state: RefineState = { ...(previous ?? {}), revision, requestedAt: facts.now, basis: facts.basis, retried };
  return { state, dispatch: revision };
}

/** A usable story, or the message saying why the handoff is not one. */
export type StoryRead = { ok: true; story: StoryHandoff } | { ok: false; message: string };

/** At most this many schema problems are named in one message. */
const MAX_PROBLEMS = 5;

/**
 * Reads the refine handoff of `revision` from the PM handoff block (src/domain/pm/handoff-block.ts):
 * the block must be for `refine` and that revision, carry no `problem`, and its handoff must match
 * {@link storyHandoffSchema}. Messages are for the status comment: they name each problem
 * (`path: message`, at most {@link MAX_PROBLEMS}).
 */
export function readStoryHandoff(decoded: DecodedBlock<PmHandoffBlock>, revision: number): StoryRead {
  if (decoded.kind === "absent") return { ok: false, message: "the PM handoff comment carries no handoff block" };
  if (decoded.kind === "invalid") return { ok: false, message: decoded.reason };
  const block = decoded.value;
  if (block.task !== "refine" || block.revision !== revision) return { ok: false, message: `the handoff block is for ${block.task} revision ${block.revision}, not refine revision ${revision}` };
  if (block.problem !== undefined) return { ok: false, message: `the PM run gave no handoff: ${block.problem}` };
  if (block.handoff === undefined) return { ok: false, message: "the PM run's handoff is empty" };
  const parsed = storyHandoffSchema.safeParse(block.handoff);
  if (parsed.success) return { ok: true, story: parsed.data };
  const problems = parsed.error.issues.map((i) => `\`${i.path.join(".") || "(root)"}\`: ${i.message}`);
  const more = problems.length > MAX_PROBLEMS ? `; and ${problems.length - MAX_PROBLEMS} more` : "";
  return { ok: false, message: `the story handoff does not match its schema: ${problems.slice(0, MAX_PROBLEMS).join("; ")}${more}` };
}

/**
 * A trusted `/approve` on an item with a draft story (not yet accepted): the draft is accepted by
 * `by` at `at` (the item then goes through normal triage to ready). Null when there is no draft
 * to accept, so `/approve` keeps its other meanings.
 */
export function acceptDraft(refine: RefineState | undefined, by: string, at: string): { refine: RefineState; reply: string } | null {
  if (!refine?.draft || refine.accepted) return null;
  const { draft } = refine;
  const accepted = acceptStory(draft.story, draft.revision, by, at);
  const reply = `Story revision ${draft.revision} accepted by @${by}: its ${accepted.criteria.length} acceptance criteria, estimates and scope fill what the issue leaves out (values a person set win), and the item is triaged again.`;
  return { refine: { ...refine, accepted }, reply };
}

/**
 * The revision awaited, held or released by the dispatch gate (src/domain/dispatch-gate.ts: the
 * circuit breaker and spend caps, for `pm.agent`): `reason` null releases it. Null when nothing
 * changes (the same reason, or no hold to release), so a held pass costs no write.
 */
export function refineHold(refine: RefineState | undefined, revision: number, reason: string | null, at: string): RefineState | null {
  if (!refine || refine.revision !== revision || refineSettled(refine)) return null;
  if (reason === null) {
    if (!refine.held) return null;
    const { held: _released, ...rest } = refine;
    return rest;
  }
  if (refine.held?.reason === reason) return null;
  return { ...refine, held: { reason, at } };
}

/**
 * A refine run that will give no handoff (its dispatch was refused, or it ended without posting
 * one): the problem is recorded for `revision` so the status comment says it (never silent). Null
 * when that revision is not the one awaited (settled already, or superseded).
 */
export function refineRunFailed(refine: RefineState | undefined, revision: number, message: string): RefineState | null {
  if (!refine || refine.revision !== revision || refineSettled(refine)) return null;
  return { ...refine, problem: { revision, message } };
}
