import { applyCommands, isApprovalValid, type CommandEffect, type CommandOutcome, type Reaction } from "../domain/apply-command.js";
import { authorizeCommand, type Authorization } from "../domain/command-permission.js";
import type { Ownership } from "../domain/item/ownership.js";
import { formatCommand, isCommandError, parseCommands, type CommandBody, type CommandError, type ParsedCommand } from "../domain/commands.js";
import { helpText } from "../domain/help-text.js";
import type { ItemState } from "../domain/item-state.js";
import { boundComment } from "../domain/bounds.js";
import { limitCommands } from "../domain/trust/command-limit.js";
import type { Actor, Permission, PullRequestSnapshot } from "../github/port.js";
import type { Effect } from "./effects.js";
import { lifecycle, loadItem, saveItem, type LoadedItem } from "./item-store.js";
import { findItemForPullRequest } from "./pr-link.js";
import type { RepoSession } from "./session.js";
import { isApprover, TRUSTED_PERMISSIONS } from "./trust.js";
import { replyMarker, reviewReplyMarker, voidedMarker } from "../domain/item/markers.js";

/**
 * Human commands in issue and pull request comments (issue #5 "Commands"), applied through GitHub:
 * parse -> authorize (permission asked now) -> apply to the work item (pure domain) -> save
 * (labels + status comment) -> effects (retriage, dispatch, cancel a run), and the reaction and
 * reply as the last effect (sent by the acknowledge phase at the end of the pass).
 *
 * Idempotency: the domain records each accepted command by (comment id, command text), so a
 * redelivered comment applies nothing twice; the reply carries a marker tied to the comment id
 * and is written only if absent, so it is never posted twice; reactions are idempotent on GitHub.
 * Edited comments are never re-run (the route only handles `issue_comment.created`).
 */

/** A comment that may carry commands. */
export interface CommandComment {
  id: number;
  body: string;
  author: Actor;
  /** Number of the issue or pull request the comment is on. */
  number: number;
  onPullRequest: boolean;
}

/**
 * Handles a new comment on an issue or pull request. Comments without commands, from bots or from
 * the app itself change nothing and get no reply (bots could otherwise loop with us).
 */
export async function handleCommandComment(session: RepoSession, comment: CommandComment): Promise<Effect[]> {
  if (session.ours.actor(comment.author) || session.ours.isBot(comment.author)) {
    session.log.debug({ comment: comment.id, author: comment.author.login }, "commands from a bot ignored");
    return [];
  }
  // trust (#10): bounded input — an over-long comment is answered, its commands never parsed.
  const limited = limitCommands(comment.body);
  if (limited.kind === "none") return [];
  if (limited.kind === "too-long") {
    const marker = replyMarker(comment.id);
    if (await session.port.findComment(comment.number, marker)) return [];
    await session.port.upsertComment(comment.number, marker, `${marker}\n@${comment.author.login} ${limited.message}`);
    return [];
  }
  const parsed = limited.commands;
  return runCommands(session, parsed, {
    id: comment.id,
    actor: comment.author,
    number: comment.number,
    onPullRequest: comment.onPullRequest,
    marker: replyMarker(comment.id),
    reactTo: comment.id,
    via: "command",
    ...(limited.skipped ? { skippedCommands: limited.skipped } : {}),
  });
}

/** A submitted pull request review, as `merge.accept_github_reviews` reads it. */
export interface SubmittedReview {
  id: number;
  /** GitHub's review state: "approved" in webhooks ("APPROVED" in the REST API), compared case-insensitively. */
  state: string;
  author: Actor;
  /** The commit the review was given on. */
  commitId: string | null;
  prNumber: number;
}

/**
 * With `merge.accept_github_reviews` on, a GitHub review APPROVE counts as `/approve` on the pull
 * request (issue #5), under the same permission rules, tied to the commit the review was given on
 * and recorded with `via: "review"`. A refused one gets a reply on the pull request.
 */
export async function handleSubmittedReview(session: RepoSession, review: SubmittedReview): Promise<Effect[]> {
  if (!session.config.merge.accept_github_reviews) return [];
  if (review.state.toLowerCase() !== "approved") return [];
  if (session.ours.actor(review.author) || session.ours.isBot(review.author)) return [];
  const command: ParsedCommand = { kind: "approve", line: 1, source: "review APPROVE" };
  return runCommands(session, [command], {
    id: review.id,
    actor: review.author,
    number: review.prNumber,
    onPullRequest: true,
    marker: reviewReplyMarker(review.id),
    reactTo: null,
    via: "review",
    ...(review.commitId ? { headSha: review.commitId } : {}),
  });
}

/**
 * Commands given another way than a comment, e.g. a ticked box on the dashboard issue
 * (src/app/dashboard.ts): the same path as a comment (permission asked now, applied to the item,
 * recorded, effects), without a reaction. `key` is the idempotency key in place of a comment id
 * (a redelivered tick applies nothing twice); the reply goes on the item, marked with `marker`.
 */
export async function handleCommandsFrom(
  session: RepoSession,
  input: { key: number; actor: Actor; item: number; commands: readonly CommandBody[]; marker: string },
): Promise<Effect[]> {
  const parsed = input.commands.map((command, index): ParsedCommand => ({ ...command, line: index + 1, source: formatCommand(command) }));
  return runCommands(session, parsed, { id: input.key, actor: input.actor, number: input.item, onPullRequest: false, marker: input.marker, reactTo: null, via: "command" });
}

interface CommandSource {
  /** Comment id (or review id): the idempotency key of the commands. */
  id: number;
  actor: Actor;
  /** Where the command was written, and where the reply goes. */
  number: number;
  onPullRequest: boolean;
  marker: string;
  /** Comment to react on; null for reviews (no reactions on reviews). */
  reactTo: number | null;
  via: "command" | "review";
  /** The commit the command is about, when the source says (a review's commit). */
  headSha?: string;
  /** A reply paragraph for command lines over the per-comment limit (not executed). */
  skippedCommands?: string;
}

/** What one source's commands came to, before effects. */
interface Plan {
  accepted: CommandBody[];
  /** Reply paragraphs for refused and malformed commands (nothing changed for them). */
  refusals: string[];
  /** Replies that need no work item (`/help` on a pull request no item claims). */
  answers: string[];
}

async function runCommands(session: RepoSession, parsed: ReadonlyArray<ParsedCommand | CommandError>, source: CommandSource): Promise<Effect[]> {
  const target = await resolveTarget(session, source);
  if (target === "skip") return [];
  const plan = await authorizeAll(session, parsed, source, target);
  if (source.skippedCommands) plan.refusals.push(source.skippedCommands);

  let outcome: CommandOutcome | null = null;
  let saved: LoadedItem | null = null;
  if (target.item && plan.accepted.length > 0) {
    const item = target.item;
    outcome = applyCommands(item.state, plan.accepted, {
      actor: { login: source.actor.login, type: source.actor.type },
      now: session.now(),
      commentId: source.id,
      target: source.onPullRequest ? "pull_request" : "issue",
      ...(target.pr ? { prHeadSha: source.headSha ?? target.pr.headSha } : {}),
      labels: item.issue.labels,
      // trust (#10): `/approve` binds the approval to the text as it is now.
      issueText: { title: item.issue.title, body: item.issue.body },
      config: session.config,
    });
    // Accepted commands are recorded (audit and idempotency), also when there was nothing to do.
    if (outcome.status === "applied" || outcome.status === "unchanged") {
      const next = settleStatus(item.state, outcome.state, source);
      saved = await saveItem(session, item, next, { add: outcome.labelsToAdd, remove: outcome.labelsToRemove });
    }
  }

  const duplicate = outcome?.status === "duplicate" && plan.refusals.length === 0;
  if (duplicate) {
    session.log.info({ comment: source.id }, "commands already applied (redelivery)");
    return [];
  }
  const reaction: Reaction | null = plan.refusals.length > 0 ? "confused" : outcome ? outcome.reaction : plan.answers.length > 0 ? "+1" : null;
  // Recorded now for the first time (a redelivery is a duplicate, answered above): no reply yet.
  const answer = acknowledgement(source, reaction, [outcome?.reply ?? "", ...plan.answers, ...plan.refusals], saved !== null);
  // An approval of a pull request and nothing else: if the queue merges it in this pass, the
  // merge is the answer (phases/acknowledge.ts).
  const onlyApproval = source.onPullRequest && outcome?.status === "applied" && plan.refusals.length === 0 && plan.answers.length === 0 && plan.accepted.every((c) => c.kind === "approve");
  for (const effect of answer) if (effect.kind === "acknowledge" && onlyApproval) effect.answeredByMerge = source.number;
  session.log.info(
    { issue: target.item?.issue.number, comment: source.id, by: source.actor.login, status: outcome?.status ?? "refused", refused: plan.refusals.length },
    "commands handled",
  );
  if (!outcome || !saved) return answer;
  const effects = followUps(saved.issue.number, outcome.effects);
  // `worker.stack_on_approved`: an approval releases the item's dependents (they stack on it).
  const approvedNow = saved.state.approval !== undefined && saved.state.approval.at !== target.item?.state.approval?.at;
  const stacks = session.config.worker.stack_on_approved && source.onPullRequest && approvedNow;
  return [...answer, ...effects, ...(stacks ? [{ kind: "dependents" as const, issue: saved.issue.number, epics: false }] : [])];
}

interface Target {
  /** The work item the commands act on; null when a pull request implements none. */
  item: LoadedItem | null;
  pr: PullRequestSnapshot | null;
  /** The item's state records this pull request as its own. */
  recorded: boolean;
}

/** The work item a comment acts on: the issue itself, or the item the pull request implements. */
async function resolveTarget(session: RepoSession, source: CommandSource): Promise<Target | "skip"> {
  if (!source.onPullRequest) {
    const item = await loadItem(session, source.number);
    if (!item || item.issue.labels.includes(session.config.labels.ignore)) return "skip";
    return { item, pr: null, recorded: false };
  }
  const pr = await session.port.getPullRequest(source.number);
  if (!pr) return "skip";
  const link = await findItemForPullRequest(session, pr);
  return { item: link?.item ?? null, pr, recorded: link?.recorded ?? false };
}

/**
 * Splits the parsed commands into accepted ones and reply paragraphs for the rest: malformed
 * commands (the parser's message), unauthorized ones (why and who may), and commands the target
 * cannot take (a pull request no work item claims; `/approve` of a pull request the item does not
 * record as its own, since the merge queue only lands the recorded one).
 */
async function authorizeAll(session: RepoSession, parsed: ReadonlyArray<ParsedCommand | CommandError>, source: CommandSource, target: Target): Promise<Plan> {
  const needsTrust = parsed.some((p) => !isCommandError(p) && p.kind !== "help");
  // Asked now, once per comment, never cached (issue #5 "Permission").
  const permission: Permission = needsTrust ? await session.port.getPermission(source.actor.login) : "none";
  const approverMatch = needsTrust && !TRUSTED_PERMISSIONS.includes(permission) ? await isApprover(session, source.actor.login) : false;
  const plan: Plan = { accepted: [], refusals: [], answers: [] };
  for (const entry of parsed) {
    if (isCommandError(entry)) {
      plan.refusals.push(`\`${entry.source}\` was not understood: ${entry.message} Nothing was changed for it.`);
      continue;
    }
    const { line: _line, source: written, ...command } = entry;
    const decision: Authorization = authorizeCommand({
      command,
      actor: { login: source.actor.login, type: source.actor.type },
      permission,
      approverMatch,
      isAppItself: false,
      target: source.onPullRequest ? "pull_request" : "issue",
      issueAuthor: target.item?.issue.author.login ?? "",
      requireIndependentApproval: session.config.review.require_independent_approval,
      approvers: session.config.trust.approvers,
    });
    if (!decision.allowed) {
      if (decision.silent) continue;
      plan.refusals.push(`\`${written}\` was not accepted: ${decision.reason} Who may: ${decision.whoMay}. Nothing was changed.`);
      continue;
    }
    const unfit = unfitTarget(command, target);
    if (unfit) {
      plan.refusals.push(`\`${written}\` was not applied: ${unfit}`);
      continue;
    }
    plan.accepted.push(command);
  }
  // `/help` needs no work item: answered even on a pull request no item claims.
  if (!target.item) {
    if (plan.accepted.length > 0) plan.answers.push(helpText(session.config));
    plan.accepted = [];
  }
  return plan;
}

function unfitTarget(command: CommandBody, target: Target): string | null {
  if (!target.pr) return null;
  if (!target.item) {
    if (command.kind === "help") return null;
    return "this pull request implements no work item I know of (no `Closes #N` in its body, no worker branch, no item recording it), so there is nothing to act on.";
  }
  if (command.kind === "approve" && !target.recorded) {
    const own = target.item.state.pr ? `#${target.item.state.pr.number}` : "none yet";
    return `this pull request is not the one recorded for #${target.item.issue.number} (its pull request: ${own}); only that one can be approved for the merge queue.`;
  }
  return null;
}

/**
 * Status changes that follow from a command's state change, decided by the lifecycle: an approval
 * of the recorded pull request's head moves the item to `approved` (the merge queue picks it up), a
 * withdrawn one back to `in-review`, a cancelled run leaves `in-progress`. An approval from a
 * GitHub review is recorded as `via: "review"`.
 */
function settleStatus(before: ItemState, after: ItemState, source: CommandSource): ItemState {
  let next = after;
  if (next.approval && next.approval !== before.approval && source.via === "review") next = { ...next, approval: { ...next.approval, via: "review" } };
  if (source.onPullRequest && next.approval && next.approval !== before.approval) {
    next = { ...next, status: lifecycle({ ...next, approval: undefined }, { kind: "approved", head: next.approval.headSha }).item.status };
  }
  if (source.onPullRequest && !next.approval && before.approval) next = { ...next, status: lifecycle(next, { kind: "approval-withdrawn" }).item.status };
  if (next.status === "in-progress" && !next.attempts.some((a) => a.outcome === "dispatched")) next = { ...next, status: lifecycle(next, { kind: "run-cancelled" }).item.status };
  return next;
}

/**
 * The answer to the person (the acknowledge phase sends it last in the pass): one reply with
 * `paragraphs`, or, when all are empty, the reaction on their comment (`+1` accepted, `confused`
 * refused). Never both (issue #9 "A request budget": a command costs at most 6 requests): the
 * reply says everything the reaction would. `recorded`: the command was recorded in the item's
 * state by this pass, so no reply can exist yet and none is looked for.
 */
function acknowledgement(source: CommandSource, reaction: Reaction | null, paragraphs: readonly string[], recorded: boolean): Effect[] {
  const text = paragraphs.filter((p) => p.trim() !== "").join("\n\n");
  const react = text === "" && source.reactTo !== null && reaction ? { commentId: source.reactTo, content: reaction } : null;
  // trust (#10): every comment the app writes stays under GitHub's limit.
  const body = boundComment(`${source.marker}\n@${source.actor.login} ${text}`, "the reply was too long; the commands above it were handled");
  const reply = text === "" ? null : { number: source.number, marker: source.marker, body, absent: recorded };
  return react || reply ? [{ kind: "acknowledge", reaction: react, reply }] : [];
}

/**
 * The command's effects as the pipeline's follow-ups (each carried out by the phase that owns it,
 * idempotent on its own side): retriage (rescore, trust) then scheduling, a new attempt for
 * `/retry` (dispatched at once only from a status a retry may leave; guidance is in the state the
 * worker reads), cancelling a run, and one evaluation of the merge queue.
 */
function followUps(number: number, effects: readonly CommandEffect[]): Effect[] {
  return effects.flatMap((effect): Effect[] => {
    switch (effect.kind) {
      case "retriage":
        return [{ kind: "triage", issue: number }, { kind: "schedule" }];
      case "dispatch":
        return [{ kind: "dispatch", issue: number, reason: effect.reason, when: "retryable" }];
      case "cancel-run":
        return [{ kind: "cancel-run", issue: number, attempt: effect.attempt, ...(effect.runId === undefined ? {} : { runId: effect.runId }) }];
      case "evaluate-queue":
        return [{ kind: "evaluate-queue" }];
      case "plan":
        return [{ kind: "plan", issue: number }];
    }
  });
}

// --- pushes to a pull request ------------------------------------------------------------------

/** A `pull_request.synchronize`: the head moved from `before` to `after`, pushed by `sender`. */
export interface HeadMove {
  prNumber: number;
  before: string;
  after: string;
  sender: Actor;
}

/**
 * Whether a head move is the merge queue's own update from the base branch. The queue records the
 * approved head it updates (`state.queue.updatedFrom`) before calling update-branch and the
 * result (`updatedTo`) when its synchronize arrives (src/app/queue.ts), so a move is the queue's
 * when it ends at the recorded `updatedTo`, or starts at `updatedFrom` / the previous `updatedTo`
 * and was pushed by this app (`<slug>[bot]`; without a known slug, any app bot other than
 * Actions' `github-actions[bot]`, which is what workers push as).
 */
export function isOwnUpdate(state: ItemState, move: HeadMove, ours: Ownership): boolean {
  const queue = state.queue;
  if (!queue?.updatedFrom) return false;
  if (queue.updatedTo === move.after) return true;
  const fromOurs = move.before === queue.updatedFrom || (queue.updatedTo !== undefined && move.before === queue.updatedTo);
  if (!fromOurs) return false;
  return ours.actor(move.sender);
}

/**
 * A new head on an item's pull request (issue #5: "a new commit, other than the app's own update
 * from the base branch, voids the approval"). Records the new head; keeps the approval across the
 * queue's own update (and records where that update ended); otherwise clears the approval, moves
 * an approved item back to `in-review` and says so on the pull request, once per head.
 */
export async function handlePullRequestPush(session: RepoSession, move: HeadMove): Promise<void> {
  const pr = await session.port.getPullRequest(move.prNumber);
  if (!pr || pr.state !== "open") return;
  const link = await findItemForPullRequest(session, pr);
  if (!link?.recorded || !link.item.state.pr) return;
  const { item } = link;
  const state = item.state;
  const own = isOwnUpdate(state, move, session.ours);
  let next: ItemState = { ...state, pr: { ...link.item.state.pr!, headSha: pr.headSha } };
  // The queue's update chain is kept as one pair: approved head -> latest update (as queue.ts does).
  if (own && state.queue) next = { ...next, queue: { ...state.queue, updatedTo: move.after } };
  const from = next.queue?.updatedFrom;
  const to = next.queue?.updatedTo;
  const updates = from && to ? [{ from, to }] : [];
  const voided = state.approval !== undefined && !isApprovalValid(state.approval, pr.headSha, updates);
  if (voided) {
    const { approval: _void, ...rest } = next;
    next = { ...rest, status: lifecycle(next, { kind: "pushed", head: pr.headSha, ownUpdate: false }, state.pr?.headSha).item.status };
  }
  await saveItem(session, item, next);
  if (voided && state.approval) {
    const marker = voidedMarker(pr.headSha);
    const body = [
      marker,
      `The approval of \`${state.approval.headSha.slice(0, 7)}\` by @${state.approval.by} was voided by commit \`${move.after.slice(0, 7)}\` (pushed by @${move.sender.login}): a new commit needs a new review.`,
      `A trusted person can \`/approve\` the new head; the pull request is out of the merge queue until then.`,
    ].join("\n");
    await session.port.upsertComment(pr.number, marker, body);
    session.log.info({ issue: item.issue.number, pr: pr.number, head: pr.headSha }, "approval voided by a new commit");
  }
}
