import type { OrchestratorConfig } from "../config/schema.js";
import type { Approval, Attempt, ItemState } from "./item-state.js";
import { formatCommand, type CommandBody } from "./commands.js";
import { helpText } from "./help-text.js";
import { acceptDraft } from "./pm/refine.js";
import { QUEUE_STATUSES } from "./queue-membership.js";
import { bindApproval, type ItemText } from "./trust/approval-digest.js";
import { approvePlan, requestReplan, type PlanCommandResult } from "./pm/plan-commands.js";

/**
 * What an authorized, well-formed command does to a work item: the next state, label changes,
 * the reply, the reaction and the effects for the app to carry out. Pure: no I/O, `now` is given.
 *
 * Rule source: issue #5 "Commands". Callers run {@link authorizeCommand} first; everything that
 * reaches here is from a trusted person. Decisions of this module:
 * - Labels (`labels`, `labelsToAdd`, `labelsToRemove`) are the WORK ITEM's (issue's) labels, also
 *   for a comment on its pull request: hold, track and WSJF live on the item.
 * - `status` is left to its owners (triage, scheduler, queue) through the effects, with one
 *   exception: a `/retry` of a blocked item moves it to `ready` (and `blockedReason` is cleared),
 *   otherwise nothing would ever pick it up again.
 * - WSJF and track changes only change labels (the indexable source of truth) and ask for a
 *   retriage, which rescores and rewrites `state.wsjf` / `state.track`.
 * - Idempotency: a command is identified by (comment id, canonical command text), so a comment
 *   with several commands runs each once, and a redelivered comment runs none again.
 */

/** Reactions GitHub accepts on comments (same union as the port's `addReaction`). */
export type Reaction = "+1" | "-1" | "eyes" | "rocket" | "confused" | "hooray";

/** Something the app must do after writing the state (each handled idempotently by its owner). */
export type CommandEffect =
  | { kind: "dispatch"; reason: "retry" }
  /** Cancel attempt `attempt`'s workflow run: `runId` when known, else found by its run name. */
  | { kind: "cancel-run"; attempt: number; runId?: number }
  | { kind: "retriage" }
  | { kind: "evaluate-queue" }
  /** Advance the epic's plan (src/app/pm-plan.ts): a `/approve plan` or `/plan` changed it. */
  | { kind: "plan" };

export interface CommandContext {
  /** The commenter (already authorized). */
  actor: { login: string; type: string };
  /** ISO 8601 time of the comment. */
  now: string;
  commentId: number;
  /** Where the comment was written. */
  target: "issue" | "pull_request";
  /** Head commit of the pull request, asked now (required for `/approve` on a pull request). */
  prHeadSha?: string;
  /** Current labels of the work item (issue). */
  labels: readonly string[];
  /** The work item's title and body now: `/approve` on the issue binds its approval to them (issue #10). */
  issueText?: ItemText;
  config: OrchestratorConfig;
}

/**
 * `applied`: the command changed something. `unchanged`: accepted, but there was nothing to do
 * (e.g. `/hold` on a held item). `refused`: it cannot apply now (the reply says why); nothing
 * changed and nothing is recorded. `duplicate`: already run for this comment; do nothing at all.
 */
export type CommandStatus = "applied" | "unchanged" | "refused" | "duplicate";

export interface CommandOutcome {
  status: CommandStatus;
  state: ItemState;
  labelsToAdd: string[];
  labelsToRemove: string[];
  /** Markdown reply; "" for a duplicate. */
  reply: string;
  /** Reaction on the comment; null for a duplicate. */
  reaction: Reaction | null;
  effects: CommandEffect[];
}

/** Applies one command (see the module comment for the rules). */
export function applyCommand(state: ItemState, command: CommandBody, context: CommandContext): CommandOutcome {
  const text = formatCommand(command);
  if (alreadyRun(state, context.commentId, text)) return duplicate(state);
  const result = runHandler(state, command, context);
  if (result.status === "refused") return { ...result, state };
  const record = { commentId: context.commentId, command: text, by: context.actor.login, at: context.now, ...headOf(context) };
  return { ...result, state: { ...result.state, commands: [...result.state.commands, record] } };
}

/**
 * Applies all commands of one comment in order, each seeing the previous one's state and labels.
 * Labels are netted (an add then a remove of the same label is no change), replies joined, effects
 * de-duplicated; the reaction is `confused` if any command was refused, else `+1` if any applied,
 * else `eyes`; `null` when every command was a duplicate.
 */
export function applyCommands(state: ItemState, commands: readonly CommandBody[], context: CommandContext): CommandOutcome {
  const initial = new Set(context.labels);
  const labels = new Set(context.labels);
  const outcomes: CommandOutcome[] = [];
  let current = state;
  for (const command of commands) {
    const outcome = applyCommand(current, command, { ...context, labels: [...labels] });
    outcome.labelsToRemove.forEach((l) => labels.delete(l));
    outcome.labelsToAdd.forEach((l) => labels.add(l));
    outcomes.push(outcome);
    current = outcome.state;
  }
  const statuses = new Set(outcomes.map((o) => o.status));
  const status: CommandStatus = statuses.has("applied") ? "applied" : statuses.has("unchanged") ? "unchanged" : statuses.has("refused") ? "refused" : "duplicate";
  const effects = new Map(outcomes.flatMap((o) => o.effects).map((e) => [JSON.stringify(e), e] as const));
  return {
    status,
    state: current,
    labelsToAdd: [...labels].filter((l) => !initial.has(l)),
    labelsToRemove: [...initial].filter((l) => !labels.has(l)),
    reply: outcomes.map((o) => o.reply).filter((r) => r !== "").join("\n\n"),
    reaction: statuses.has("refused") ? "confused" : statuses.has("applied") ? "+1" : statuses.has("unchanged") ? "eyes" : null,
    effects: [...effects.values()],
  };
}

/**
 * Whether a pull request approval still holds for the current head (issue #5: "a new commit (other
 * than the app's own update from the base branch) voids it").
 *
 * `appUpdates` are the app's own update-branch results since the approval, as `{from, to}` head
 * pairs (recorded by the merge queue). The approval holds when the current head is the approved
 * head, or is reached from it through a chain of app updates only. Pairs, not a bare list of
 * produced shas: after "approve A, someone pushes B, the app updates B to C", C must NOT count.
 */
export function isApprovalValid(
  approval: Pick<Approval, "headSha"> | undefined | null,
  headSha: string,
  appUpdates: ReadonlyArray<{ from: string; to: string }>,
): boolean {
  if (!approval || !headSha) return false;
  let sha = approval.headSha;
  const seen = new Set<string>();
  while (!seen.has(sha)) {
    if (sha === headSha) return true;
    seen.add(sha);
    const next = appUpdates.find((u) => u.from === sha);
    if (!next) return false;
    sha = next.to;
  }
  return false;
}

// --- per command -------------------------------------------------------------------------------

type Result = Omit<CommandOutcome, "status"> & { status: Exclude<CommandStatus, "duplicate"> };
type Handler<K extends CommandBody["kind"]> = (state: ItemState, command: Extract<CommandBody, { kind: K }>, context: CommandContext) => Result;

const HANDLERS: { [K in CommandBody["kind"]]: Handler<K> } = {
  approve: (state, _command, context) => (context.target === "pull_request" ? approvePullRequest(state, context) : approveItem(state, context)),
  "approve-cancel": (state, _command, context) => (context.target === "pull_request" ? withdrawPullRequestApproval(state, context) : withdrawItemApproval(state, context)),
  retry: (state, command, context) => retry(state, command.guidance, context),
  hold: (state, command, context) => hold(state, command.reason, context),
  unhold: (state, _command, context) => unhold(state, context),
  wsjf: (state, command, context) => wsjf(state, command, context),
  track: (state, command, context) => track(state, command.track, context),
  cancel: (state, _command, context) => cancel(state, context),
  help: (state, _command, context) => done(state, { reply: helpText(context.config) }),
  "approve-plan": (state, _command, context) => planResult(state, approvePlan(state.plan, context.actor.login, context.now)),
  plan: (state) => planResult(state, requestReplan(state.plan, state.track === "project")),
};

function planResult(state: ItemState, result: PlanCommandResult): Result {
  if (result.status === "applied") return done({ ...state, plan: result.plan }, { reply: result.reply, effects: [{ kind: "plan" }] });
  return result.status === "unchanged" ? unchanged(state, result.reply) : refused(state, result.reply);
}

/** Looks up the handler for the command's kind (the lookup loses the kind-to-shape link, hence the cast). */
function runHandler<K extends CommandBody["kind"]>(state: ItemState, command: Extract<CommandBody, { kind: K }>, context: CommandContext): Result {
  const handler = HANDLERS[command.kind as K] as Handler<K>;
  return handler(state, command, context);
}

function approvePullRequest(state: ItemState, context: CommandContext): Result {
  const head = context.prHeadSha;
  if (!head) return refused(state, "I could not tell which commit this pull request is at, so nothing was approved. Please try again.");
  if (state.merged) return refused(state, `Already merged as ${short(state.merged.sha)}; there is nothing to approve.`);
  if (state.approval?.headSha === head) {
    return unchanged(state, `Already approved at ${short(head)} by @${state.approval.by}.`);
  }
  const approval: Approval = { by: context.actor.login, at: context.now, headSha: head, commentId: context.commentId, via: "command" };
  const notes = [
    state.pr?.gated.length ? `This approval covers the gated paths: ${state.pr.gated.map((p) => `\`${p}\``).join(", ")}.` : "",
    state.pr?.outOfScope.length ? "Note: the pull request changes files outside the item's scope, so it is not queued until that is fixed." : "",
    isHeld(context) ? `Note: the item is on hold (\`${context.config.labels.hold}\`); it is not merged until \`/unhold\`.` : "",
  ];
  const reply = [
    `Approved ${short(head)} for the merge queue (by @${context.actor.login}). A new commit voids this approval, except the orchestrator's own update from the base branch.`,
    ...notes,
  ];
  return done({ ...state, approval }, { reply: lines(reply), effects: [{ kind: "evaluate-queue" }] });
}

function approveItem(state: ItemState, context: CommandContext): Result {
  // issue #13: on an item with a draft story, `/approve` accepts the story.
  const story = acceptDraft(state.refine, context.actor.login, context.now);
  if (story) return done({ ...state, refine: story.refine }, { reply: story.reply, effects: [{ kind: "retriage" }] });
  if (state.itemApproval) return unchanged(state, `Already approved for the agents by @${state.itemApproval.by}.`);
  if (state.trusted) return unchanged(state, "This item's author is trusted; it needs no approval for the agents.");
  const bound = context.issueText ? bindApproval(context.issueText) : {};
  const { approvalVoided: _superseded, ...rest } = state;
  const next = { ...rest, trusted: true, itemApproval: { by: context.actor.login, at: context.now, ...bound } };
  return done(next, { reply: `Approved for the agents by @${context.actor.login}: this item's text may now be given to coding agents.`, effects: [{ kind: "retriage" }] });
}

function withdrawPullRequestApproval(state: ItemState, context: CommandContext): Result {
  if (!state.approval) return unchanged(state, "There is no approval of this pull request to withdraw.");
  const { approval: _withdrawn, ...rest } = state;
  return done(rest, { reply: `Approval of ${short(state.approval.headSha)} withdrawn by @${context.actor.login}; the pull request leaves the merge queue.`, effects: [{ kind: "evaluate-queue" }] });
}

function withdrawItemApproval(state: ItemState, context: CommandContext): Result {
  if (!state.itemApproval) {
    return unchanged(state, state.trusted ? "This item is trusted because its author is; there is no approval to withdraw." : "This item has no approval to withdraw.");
  }
  const { itemApproval: _withdrawn, ...rest } = state;
  const reply = `Approval for the agents withdrawn by @${context.actor.login}: no new attempt starts. A running attempt goes on; use \`/cancel\` to stop it.`;
  return done({ ...rest, trusted: false }, { reply, effects: [{ kind: "retriage" }] });
}

function retry(state: ItemState, guidance: string | null, context: CommandContext): Result {
  if (state.merged || state.status === "done") return refused(state, "This item is done; a new attempt would have nothing to do. Open a new issue for further work.");
  if (!state.trusted) return refused(state, "This item is not approved for the agents yet. A trusted person can approve it with `/approve` on the issue, then `/retry`.");
  let next: ItemState = guidance ? { ...state, guidance: [...state.guidance, guidance] } : state;
  const labels = { add: [] as string[], remove: [] as string[] };
  const notes: string[] = [guidance ? "The guidance goes into the next attempt's task envelope." : ""];
  if (state.status === "blocked" || budgetUsed(state, context.config)) {
    next = { ...next, attemptBudgetFrom: state.attempts.length };
    notes.push(`A fresh budget of ${context.config.worker.max_attempts} attempts is granted.`);
  }
  if (next.deadLetter !== undefined) {
    // Issue 12: `/retry` revives a dead letter: off the list, with a fresh attempt budget above.
    const { deadLetter: _revived, ...rest } = next;
    next = rest;
    labels.remove.push(context.config.labels.dead_letter);
    notes.push("Taken off the dead-letter list.");
  }
  if (state.status === "blocked") {
    const { blockedReason: _cleared, ...rest } = next;
    next = { ...rest, status: "ready" };
    labels.remove.push(context.config.labels.status.blocked);
    labels.add.push(context.config.labels.status.ready);
  }
  const running = runningAttempt(state);
  if (running) {
    const reply = [`Attempt ${running.n} is still running${running.runUrl ? ` ([run](${running.runUrl}))` : ""}; no second attempt is started. Use \`/cancel\` to stop it.`, ...notes];
    return changedOrNot(state, next, { reply: lines(reply), labels, effects: [] });
  }
  if (isHeld(context)) {
    const reply = [`The item is on hold (\`${context.config.labels.hold}\`): the new attempt starts after \`/unhold\`.`, ...notes];
    return changedOrNot(state, next, { reply: lines(reply), labels, effects: [] });
  }
  return done(next, { reply: lines([`New attempt requested by @${context.actor.login}.`, ...notes]), labels, effects: [{ kind: "dispatch", reason: "retry" }] });
}

function hold(state: ItemState, reason: string | null, context: CommandContext): Result {
  const label = context.config.labels.hold;
  if (isHeld(context)) return unchanged(state, `Already on hold (\`${label}\`).`);
  const why = reason ? ` Reason: ${reason}` : "";
  return done(state, {
    reply: `On hold (by @${context.actor.login}): nothing is dispatched or merged until \`/unhold\`.${why}`,
    labels: { add: [label], remove: [] },
    effects: queueEffects(state),
  });
}

function unhold(state: ItemState, context: CommandContext): Result {
  const label = context.config.labels.hold;
  if (!isHeld(context)) return unchanged(state, "The item is not on hold.");
  return done(state, {
    reply: `Hold released by @${context.actor.login}.`,
    labels: { add: [], remove: [label] },
    effects: [{ kind: "retriage" }, ...queueEffects(state)],
  });
}

/** A hold going on or off changes the merge queue only for an item in it (no queue read otherwise). */
function queueEffects(state: ItemState): CommandEffect[] {
  return QUEUE_STATUSES.includes(state.status) ? [{ kind: "evaluate-queue" }] : [];
}

function wsjf(state: ItemState, command: Extract<CommandBody, { kind: "wsjf" }>, context: CommandContext): Result {
  const { value_prefix, urgency_prefix, risk_prefix, size_prefix } = context.config.labels;
  const wanted: Array<[string, string | number | undefined]> = [
    [value_prefix, command.value],
    [urgency_prefix, command.urgency],
    [risk_prefix, command.risk],
    [size_prefix, command.size],
  ];
  const labels = { add: [] as string[], remove: [] as string[] };
  for (const [prefix, value] of wanted) {
    if (value === undefined) continue;
    swapLabel(context.labels, (l) => l.startsWith(prefix), `${prefix}${value}`, labels);
  }
  if (labels.add.length === 0 && labels.remove.length === 0) return unchanged(state, "The WSJF labels already say that.");
  return done(state, { reply: `WSJF inputs updated (${formatCommand(command).slice("/wsjf ".length)}); the item is rescored.`, labels, effects: [{ kind: "retriage" }] });
}

function track(state: ItemState, target: "hotfix" | "standard" | "project", context: CommandContext): Result {
  const trackLabels = Object.values(context.config.labels.tracks);
  const labels = { add: [] as string[], remove: [] as string[] };
  swapLabel(context.labels, (l) => trackLabels.includes(l), context.config.labels.tracks[target], labels);
  if (labels.add.length === 0 && labels.remove.length === 0) return unchanged(state, `The item is already on the ${target} track.`);
  return done(state, { reply: `Moved to the ${target} track; the item is rescored.`, labels, effects: [{ kind: "retriage" }] });
}

function cancel(state: ItemState, context: CommandContext): Result {
  const label = context.config.labels.hold;
  const labels = { add: isHeld(context) ? [] : [label], remove: [] as string[] };
  const running = runningAttempt(state);
  const heldNote = `The item is on hold (\`${label}\`); \`/unhold\` to let it continue.`;
  if (!running) {
    return changedOrNot(state, state, { reply: lines(["No attempt is running.", heldNote]), labels, effects: [] });
  }
  const cancelled: Attempt = { ...running, outcome: "cancelled", finishedAt: context.now, summary: `cancelled by @${context.actor.login}` };
  const next = { ...state, attempts: state.attempts.map((a) => (a === running ? cancelled : a)) };
  // Its run is cancelled by id when known, else found by its run name; a run that does not exist
  // yet is cancelled when GitHub reports it (monitor.ts: an attempt cancelled before its run was seen).
  const run = running.runId === undefined ? "" : ` (run ${running.runId})`;
  const effect = { kind: "cancel-run" as const, attempt: running.n, ...(running.runId === undefined ? {} : { runId: running.runId }) };
  return done(next, { reply: lines([`Cancelling attempt ${running.n}${run}.`, heldNote]), labels, effects: [effect] });
}

// --- helpers -----------------------------------------------------------------------------------

function alreadyRun(state: ItemState, commentId: number, text: string): boolean {
  // Comment ids only grow: a comment at or below the compacted history ran (or was refused) long ago.
  if (state.commandsCompacted !== undefined && commentId <= state.commandsCompacted.throughCommentId) return true;
  return state.commands.some((c) => c.commentId === commentId && c.command === text);
}

function headOf(context: CommandContext): { headSha?: string } {
  return context.target === "pull_request" && context.prHeadSha ? { headSha: context.prHeadSha } : {};
}

/** The newest attempt still waiting for its worker's report, if any. */
function runningAttempt(state: ItemState): Attempt | undefined {
  const last = state.attempts.at(-1);
  return last?.outcome === "dispatched" ? last : undefined;
}

/** `worker.max_attempts` used up since `attemptBudgetFrom` (the scheduler's own rule). */
function budgetUsed(state: ItemState, config: OrchestratorConfig): boolean {
  return state.attempts.length - state.attemptBudgetFrom >= config.worker.max_attempts;
}

function isHeld(context: CommandContext): boolean {
  return context.labels.includes(context.config.labels.hold);
}

/** Puts `wanted` on and takes off every other label `matches` selects. */
function swapLabel(current: readonly string[], matches: (label: string) => boolean, wanted: string, into: { add: string[]; remove: string[] }): void {
  for (const label of current) if (label !== wanted && matches(label)) into.remove.push(label);
  if (!current.includes(wanted)) into.add.push(wanted);
}

function short(sha: string): string {
  return `\`${sha.slice(0, 7)}\``;
}

function lines(parts: readonly string[]): string {
  return parts.filter((p) => p !== "").join("\n");
}

function duplicate(state: ItemState): CommandOutcome {
  return { status: "duplicate", state, labelsToAdd: [], labelsToRemove: [], reply: "", reaction: null, effects: [] };
}

interface Change {
  reply: string;
  labels?: { add: string[]; remove: string[] };
  effects?: CommandEffect[];
}

function done(state: ItemState, change: Change): Result {
  return {
    status: "applied",
    state,
    labelsToAdd: change.labels?.add ?? [],
    labelsToRemove: change.labels?.remove ?? [],
    reply: change.reply,
    reaction: "+1",
    effects: change.effects ?? [],
  };
}

/** `applied` when the state or labels change, else `unchanged` (same reply). */
function changedOrNot(before: ItemState, after: ItemState, change: Change): Result {
  const labelsChange = (change.labels?.add.length ?? 0) + (change.labels?.remove.length ?? 0) > 0;
  if (after !== before || labelsChange || (change.effects?.length ?? 0) > 0) return done(after, change);
  return unchanged(before, change.reply);
}

function unchanged(state: ItemState, reply: string): Result {
  return { status: "unchanged", state, labelsToAdd: [], labelsToRemove: [], reply, reaction: "eyes", effects: [] };
}

function refused(state: ItemState, reply: string): Result {
  return { status: "refused", state, labelsToAdd: [], labelsToRemove: [], reply, reaction: "confused", effects: [] };
}
