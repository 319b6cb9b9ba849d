import { ownership, type Ownership } from "../domain/item/ownership.js";
import { applyWrites, phaseOf, PHASES, type Effect, type PhaseName } from "./effects.js";
import { StaleItemError } from "./item-writes.js";
import { isOwnEcho } from "./own-echoes.js";
import { acknowledgePhase } from "./phases/acknowledge.js";
import { afterLandingPhase } from "./phases/after-landing.js";
import { queuePhase } from "./phases/queue.js";
import { recordPhase } from "./phases/record.js";
import { reviewPhase } from "./phases/review.js";
import { schedulePhase } from "./phases/schedule.js";
import { triagePhase } from "./phases/triage.js";
import type { RepoEvent } from "./repo-event.js";
import { inRepository, type AppOptions } from "./route.js";
import type { ConfigReportTarget, RepoSession, SessionSource } from "./session.js";

/**
 * One pass per event (DESIGN.md "One pass per event"): one session (one config read, cached by
 * the default branch's head sha) per event and repository, then the phases in a fixed order
 * record -> triage -> review -> queue -> after-landing -> schedule -> acknowledge. Each phase reads through the
 * session, asks the domain, writes its own item state, and returns effects: follow-ups for a
 * later phase (routed here, never by calling the phase) and writes (applied by app/effects.ts).
 * Nothing is kept between passes: a redelivered event, a second replica or the periodic sweep
 * runs the same pass and ends in the same place.
 */

type PhaseRunner = (session: RepoSession, inbox: readonly Effect[], event: RepoEvent | null) => Promise<Effect[]>;

const RUNNERS: Record<PhaseName, PhaseRunner> = {
  record: async (session, _inbox, event) => (event ? recordPhase(session, event) : []),
  triage: (session, inbox) => triagePhase(session, inbox),
  review: (session, inbox) => reviewPhase(session, inbox),
  queue: (session, inbox) => queuePhase(session, inbox),
  "after-landing": (session, inbox) => afterLandingPhase(session, inbox),
  schedule: (session, inbox) => schedulePhase(session, inbox),
  acknowledge: (session, inbox) => acknowledgePhase(session, inbox),
};

/**
 * Runs the phases for `event` (null for a pass started by the sweep) with `initial` follow-ups
 * already addressed. A follow-up addressed to a phase that already ran is a design error: it is
 * logged and dropped (it would make phases call each other).
 */
export async function runPass(session: RepoSession, event: RepoEvent | null, initial: readonly Effect[] = []): Promise<void> {
  const inbox = new Map<PhaseName, Effect[]>(PHASES.map((p) => [p, []]));
  const route = (effects: readonly Effect[], after: number): Effect[] => {
    const writes: Effect[] = [];
    for (const effect of effects) {
      const phase = phaseOf(effect);
      if (phase === null) writes.push(effect);
      else if (PHASES.indexOf(phase) > after) inbox.get(phase)!.push(effect);
      else session.log.error({ effect, phase: PHASES[after] }, "effect addressed to a phase that already ran; dropped");
    }
    return writes;
  };
  await applyWrites(session, route(initial, -1));
  for (const [index, phase] of PHASES.entries()) {
    try {
      const effects = await RUNNERS[phase](session, inbox.get(phase)!, event);
      await applyWrites(session, route(effects, index));
    } catch (error) {
      await answerAnyway(session, inbox.get("acknowledge")!, phase, error);
      throw error;
    }
  }
}

/**
 * A pass that fails after a command was recorded still answers the person (the acknowledge phase
 * would have): the record is on GitHub, and a redelivery would find the command applied and say
 * nothing. Not after a lost update (the pass runs again from fresh reads and answers then), and
 * not for a failure of the acknowledge phase itself. Its own failure is logged; the pass's error
 * is the one thrown.
 */
async function answerAnyway(session: RepoSession, answers: readonly Effect[], failed: PhaseName, error: unknown): Promise<void> {
  if (answers.length === 0 || failed === "acknowledge" || error instanceof StaleItemError) return;
  try {
    await acknowledgePhase(session, answers);
  } catch (second) {
    session.log.warn({ err: second, phase: failed }, "the pass failed and its command replies could not be sent");
  }
}

/** Where a broken configuration is reported for this event (see ConfigReportTarget). */
export function configTarget(event: RepoEvent): ConfigReportTarget {
  switch (event.kind) {
    case "issue":
    case "relation":
    case "comment":
      return { kind: "issue", number: event.number };
    case "review-submitted":
      return { kind: "issue", number: event.pr };
    case "pull-request":
      return { kind: "commit", sha: event.after ?? event.headSha };
    case "installation":
      return { kind: "default-branch" };
    default:
      return { kind: "none" };
  }
}

/**
 * The issue or pull request an event is about, read as the thread of the pass's view
 * (SessionSource `thread`): the issue or pull request of an issue, comment, relation, review or
 * pull request event, and a check's pull request when it has exactly one.
 */
export function eventThread(event: RepoEvent): number | undefined {
  switch (event.kind) {
    case "issue":
    case "relation":
    case "comment":
    case "pull-request":
      return event.number;
    case "review-submitted":
      return event.pr;
    case "check":
      return event.prs.length === 1 ? event.prs[0]!.number : undefined;
    default:
      return undefined;
  }
}

/**
 * issue #13: a comment by the issue's author on an issue waiting for information (its labels name
 * `needs-info`) may answer the PM agent's questions; the refine step decides (nothing happens
 * without `pm.agent`). Decided from the payload alone, like the rest of {@link worthAPass}.
 */
function mayAnswerPm(event: Extract<RepoEvent, { kind: "comment" }>): boolean {
  return !event.onPullRequest && event.comment.user.login.toLowerCase() === event.issueAuthor.login.toLowerCase() && event.issueLabels.some((l) => l.includes("needs-info"));
}

/**
 * Whether an event can lead to anything, decided from the payload alone so that the app's own
 * writes (a status comment, a label it set) cost no request at all: bot comments without a
 * report or verdict tag, people's comments without a command, and unhandled actions are dropped.
 */
export function worthAPass(event: RepoEvent, ours: Ownership): boolean {
  switch (event.kind) {
    case "comment":
      if (event.action !== "created") return false;
      if (ours.isBot(event.comment.user)) return /orchestrator:(report|reviewer-verdict|verify-run|pm-handoff) /.test(event.comment.body);
      return event.comment.body.includes("/") || mayAnswerPm(event);
    case "check":
      // Checks matter when a suite completes: GitHub sends `check_suite.completed` once every run of
      // a suite (one app's runs on a commit; one workflow's jobs for GitHub Actions) is done, to every
      // app that may read checks. A `check_run.completed` before it would find the head still
      // waiting, and the last run's would do the suite's pass twice (issue #9 "A request budget").
      return event.action === "completed" && event.suite && !(ours.actor(event.sender) && ours.checkSuite(event));
    case "review-submitted":
      return event.action === "submitted";
    case "issue":
      // The app's own label and comment writes echo back as issue events: nothing to do (the pass
      // that wrote them already routed their follow-ups). A close does get a pass whoever sent it:
      // a merge made with the app's token whose bookkeeping was lost is recovered from it. Other
      // bots' label changes get a pass too: a status label set by another app is put back (#10).
      return !event.isPullRequest && (event.action === "closed" || !ours.actor(event.sender));
    case "relation":
      return !ours.isBot(event.sender);
    case "pull-request":
      // A new pull request is reviewed only once an item records it, which only its worker's
      // report does (and that report's pass reviews it): its `opened` has nothing to act on.
      if (["reopened", "synchronize"].includes(event.action)) return true;
      // GitHub's merge queue removing a pull request (the `github` strategy) matters whoever did it.
      if (event.action === "dequeued") return true;
      return ["labeled", "unlabeled", "closed", "enqueued"].includes(event.action) && !ours.actor(event.sender);
    case "push":
      return event.ref === `refs/heads/${event.defaultBranch}` && !ours.actor(event.sender);
    case "workflow-run":
      // A run is recorded on its attempt when it is requested (GitHub sends `requested` first) and
      // settled when it completes; `in_progress` between them would only read the item again.
      return event.action !== "in_progress";
    default:
      return true;
  }
}

/**
 * Handles one event for one repository: serialized with every other pass for it in this process
 * (see repo-lock.ts), one session, one pass. A broken configuration is reported to the event's
 * target and nothing else happens.
 */
export async function handleEvent(source: SessionSource, event: RepoEvent, options: AppOptions): Promise<void> {
  const ours = ownership(options.appSlug);
  if (!worthAPass(event, ours)) return;
  const thread = eventThread(event);
  await inRepository(thread === undefined ? source : { ...source, thread }, configTarget(event), options, (session) => runPass(session, event), () => isOwnEcho(source.repo, event));
}
