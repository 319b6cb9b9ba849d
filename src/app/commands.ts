import { applyCommands, isApprovalValid, type CommandEffect, type CommandOutcome, type Reaction } from "../domain/apply-command.js";
import { authorizeCommand, isBot, sameLogin, type Authorization } from "../domain/command-permission.js";
import { formatCommand, isCommandError, parseCommands, type CommandBody, type CommandError, type ParsedCommand } from "../domain/commands.js";
import { helpText } from "../domain/help-text.js";
import type { ItemState } from "../domain/item-state.js";
import { boundComment } from "../domain/bounds.js";
import { limitCommands } from "../domain/trust/command-limit.js";
import type { Actor, Permission, PullRequestSnapshot } from "../github/port.js";
import { retriage } from "./intake.js";
import { loadItem, saveItem, type LoadedItem } from "./item-store.js";
import { findItemForPullRequest } from "./pr-link.js";
import { evaluateQueue } from "./queue.js";
import { dispatchItem, scheduleDispatch } from "./scheduler.js";
import type { RepoSession } from "./session.js";
import { isApprover, TRUSTED_PERMISSIONS } from "./trust.js";

/**
 * Human commands in issue and pull request comments (issue #5 "Commands"), applied through GitHub:
 * parse -> authorize (permission asked now) -> apply to the work item (pure domain) -> save
 * (labels + status comment) -> react -> reply -> effects (retriage, dispatch, cancel a run).
 *
 * Idempotency: the domain records each accepted command by (comment id, command text), so a
 * redelivered comment applies nothing twice; the reply carries a marker tied to the comment id
 * and is written only if absent, so it is never posted twice; reactions are idempotent on GitHub.
 * Edited comments are never re-run (the route only handles `issue_comment.created`).
 */

/** Where the app's options (tests, demo) meet command handling. */
export interface CommandOptions {
  /** This app's slug: its own `<slug>[bot]` comments are ignored (bots are ignored anyway). */
  appSlug?: string;
}

/** A comment that may carry commands. */
export interface CommandComment {
  id: number;
  body: string;
  author: Actor;
  /** Number of the issue or pull request the comment is on. */
  number: number;
  onPullRequest: boolean;
}

/** Hidden marker of the app's one reply to the comment `commentId`. */
export function replyMarker(commentId: number): string {
  return `<!-- orchestrator:reply comment=${commentId} -->`;
}

/** Hidden marker of the app's one reply to the pull request review `reviewId`. */
export function reviewReplyMarker(reviewId: number): string {
  return `<!-- orchestrator:reply review=${reviewId} -->`;
}

/** Hidden marker of the notice that a new head commit voided an approval. */
export function voidedMarker(headSha: string): string {
  return `<!-- orchestrator:approval-voided head=${headSha} -->`;
}

/** Whether `actor` is this app's own bot account. */
function isAppItself(actor: Actor, options: CommandOptions): boolean {
  return options.appSlug !== undefined && sameLogin(actor.login, `${options.appSlug}[bot]`);
}

/**
 * Handles a new comment on an issue or pull request. Comments without commands, from bots or from
 * the app itself change nothing and get no reply (bots could otherwise loop with us).
 */
export async function handleCommandComment(session: RepoSession, comment: CommandComment, options: CommandOptions = {}): Promise<void> {
  if (isAppItself(comment.author, options) || isBot(comment.author)) {
    session.log.debug({ comment: comment.id, author: comment.author.login }, "commands from a bot ignored");
    return;
  }
  // trust (#10): bounded input — an over-long comment is answered, its commands never parsed.
  const limited = limitCommands(comment.body);
  if (limited.kind === "none") return;
  if (limited.kind === "too-long") {
    const marker = replyMarker(comment.id);
    if (await session.port.findComment(comment.number, marker)) return;
    await session.port.upsertComment(comment.number, marker, `${marker}\n@${comment.author.login} ${limited.message}`);
    return;
  }
  const parsed = limited.commands;
  await runCommands(session, parsed, {
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
export async function handleSubmittedReview(session: RepoSession, review: SubmittedReview, options: CommandOptions = {}): Promise<void> {
  if (!session.config.merge.accept_github_reviews) return;
  if (review.state.toLowerCase() !== "approved") return;
  if (isAppItself(review.author, options) || isBot(review.author)) return;
  const command: ParsedCommand = { kind: "approve", line: 1, source: "review APPROVE" };
  await runCommands(session, [command], {
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
): Promise<void> {
  const parsed = input.commands.map((command, index): ParsedCommand => ({ ...command, line: index + 1, source: formatCommand(command) }));
  await runCommands(session, parsed, { id: input.key, actor: input.actor, number: input.item, onPullRequest: false, marker: input.marker, reactTo: null, via: "command" });
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

async function runCommands(session: RepoSession, parsed: ReadonlyArray<ParsedCommand | CommandError>, source: CommandSource): Promise<void> {
  const target = await resolveTarget(session, source);
  if (target === "skip") return;
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
    return;
  }
  const reaction: Reaction | null = plan.refusals.length > 0 ? "confused" : outcome ? outcome.reaction : plan.answers.length > 0 ? "+1" : null;
  if (source.reactTo !== null && reaction) await session.port.addReaction(source.reactTo, reaction);
  await reply(session, source, [outcome?.reply ?? "", ...plan.answers, ...plan.refusals]);
  if (outcome && saved) await runEffects(session, saved, outcome.effects);
  session.log.info(
    { issue: target.item?.issue.number, comment: source.id, by: source.actor.login, status: outcome?.status ?? "refused", refused: plan.refusals.length },
    "commands handled",
  );
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
 * Status changes that follow from a command's state change (the domain leaves status to the app):
 * an approved pull request moves the item to `approved` (the merge queue picks it up) and a
 * withdrawn one back to `in-review`; a cancelled run leaves `in-progress` for `in-review` (it has
 * a pull request) or `ready`. An approval from a GitHub review is recorded as `via: "review"`.
 */
function settleStatus(before: ItemState, after: ItemState, source: CommandSource): ItemState {
  let next = after;
  if (next.approval && next.approval !== before.approval && source.via === "review") next = { ...next, approval: { ...next.approval, via: "review" } };
  if (source.onPullRequest && next.approval && next.status === "in-review") next = { ...next, status: "approved" };
  if (source.onPullRequest && !next.approval && before.approval && next.status === "approved") next = { ...next, status: "in-review" };
  if (next.status === "in-progress" && !next.attempts.some((a) => a.outcome === "dispatched")) next = { ...next, status: next.pr ? "in-review" : "ready" };
  return next;
}

/** Writes the reply once: a redelivered comment finds its reply and leaves it as it is. */
async function reply(session: RepoSession, source: CommandSource, paragraphs: readonly string[]): Promise<void> {
  const text = paragraphs.filter((p) => p.trim() !== "").join("\n\n");
  if (text === "") return;
  if (await session.port.findComment(source.number, source.marker)) return;
  // trust (#10): every comment the app writes stays under GitHub's limit.
  await session.port.upsertComment(source.number, source.marker, boundComment(`${source.marker}\n@${source.actor.login} ${text}`, "the reply was too long; the commands above it were handled"));
}

/** Statuses from which a `/retry` dispatches at once; others wait for triage and the scheduler. */
const RETRYABLE = new Set(["ready", "in-review", "approved"]);

/**
 * Carries out the effects, each idempotent on its own side: retriage (rescore, trust), dispatch
 * of a new attempt for `/retry` (guidance is in the state the worker reads), cancelling a run,
 * and one evaluation of the merge queue (approval given or withdrawn, hold on or off).
 */
async function runEffects(session: RepoSession, item: LoadedItem, effects: readonly CommandEffect[]): Promise<void> {
  const number = item.issue.number;
  let schedule = false;
  let queue = false;
  for (const effect of effects) {
    switch (effect.kind) {
      case "retriage":
        await retriage(session, number);
        schedule = true;
        break;
      case "dispatch": {
        const issue = await session.port.getIssue(number);
        if (!issue) break;
        const fresh = await loadItem(session, number);
        if (fresh && RETRYABLE.has(fresh.state.status)) await dispatchItem(session, issue, effect.reason);
        else session.log.info({ issue: number, status: fresh?.state.status }, "retry recorded; the scheduler dispatches when the item is ready");
        break;
      }
      case "cancel-run":
        await session.port.cancelWorkflowRun(effect.runId);
        break;
      case "evaluate-queue":
        queue = true;
        break;
    }
  }
  if (schedule) await scheduleDispatch(session);
  if (queue) await evaluateQueue(session);
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
export function isOwnUpdate(state: ItemState, move: HeadMove, options: CommandOptions): boolean {
  const queue = state.queue;
  if (!queue?.updatedFrom) return false;
  if (queue.updatedTo === move.after) return true;
  const fromOurs = move.before === queue.updatedFrom || (queue.updatedTo !== undefined && move.before === queue.updatedTo);
  if (!fromOurs) return false;
  if (options.appSlug !== undefined) return sameLogin(move.sender.login, `${options.appSlug}[bot]`);
  return move.sender.type === "Bot" && !sameLogin(move.sender.login, "github-actions[bot]");
}

/**
 * A new head on an item's pull request (issue #5: "a new commit, other than the app's own update
 * from the base branch, voids the approval"). Records the new head; keeps the approval across the
 * queue's own update (and records where that update ended); otherwise clears the approval, moves
 * an approved item back to `in-review` and says so on the pull request, once per head.
 */
export async function handlePullRequestPush(session: RepoSession, move: HeadMove, options: CommandOptions = {}): Promise<void> {
  const pr = await session.port.getPullRequest(move.prNumber);
  if (!pr || pr.state !== "open") return;
  const link = await findItemForPullRequest(session, pr);
  if (!link?.recorded || !link.item.state.pr) return;
  const { item } = link;
  const state = item.state;
  const own = isOwnUpdate(state, move, options);
  let next: ItemState = { ...state, pr: { ...link.item.state.pr!, headSha: pr.headSha } };
  // The queue's update chain is kept as one pair: approved head -> latest update (as queue.ts does).
  if (own && state.queue) next = { ...next, queue: { ...state.queue, updatedTo: move.after } };
  const from = next.queue?.updatedFrom;
  const to = next.queue?.updatedTo;
  const updates = from && to ? [{ from, to }] : [];
  const voided = state.approval !== undefined && !isApprovalValid(state.approval, pr.headSha, updates);
  if (voided) {
    const { approval: _void, ...rest } = next;
    next = { ...rest, status: next.status === "approved" || next.status === "merging" ? "in-review" : next.status };
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
