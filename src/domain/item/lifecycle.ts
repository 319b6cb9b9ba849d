import type { Status } from "../../config/schema.js";

/**
 * The work item's lifecycle state machine (DESIGN.md "One pass per event": the domain decides
 * EVERY transition; the app only reports what happened and writes what this returns).
 *
 * `transition(item, event)` is total: every status x event has a result, `ignored: true` when the
 * event does not apply in that status (the status and approval stay as they are). Effects are
 * data the app carries out (a dispatch, a queue evaluation, a merge).
 *
 * The invariant the property test checks: a `merge` effect is only ever returned for a head that
 * carries a valid approval (approved on that head, or the queue's own update of the approved
 * head), from `approved` or `merging`.
 *
 * Sources: issue #1 (triage statuses), #4 (workers: attempts, completion guarantee), #5 (review,
 * `/approve` on the recorded pull request's head, pushes void approvals), #6 (merge queue).
 */

/** The part of an item the lifecycle decides on. */
export interface LifecycleItem {
  status: Status;
  /** Head sha of the item's recorded pull request, null before the worker's report. */
  prHead: string | null;
  /** Head the current approval covers (the approved head or the queue's update of it), or null. */
  approvedHead: string | null;
}

/** Statuses triage decides (before a worker is involved). */
export type TriageStatus = Extract<Status, "needs-info" | "needs-approval" | "waiting" | "ready" | "blocked" | "done">;

/** What happened to the item. */
export type LifecycleEvent =
  /** Triage's decision for an item no worker holds yet. */
  | { kind: "triaged"; status: TriageStatus }
  /** An attempt was recorded for dispatch (the commit point comes before the API call). */
  | { kind: "dispatched" }
  /** GitHub refused the dispatch, or every attempt allowed is used: a person must act. */
  | { kind: "dispatch-failed" }
  /** The worker reported a pull request with this head. */
  | { kind: "reported-pr"; head: string }
  /** The worker reported a blocker. */
  | { kind: "reported-blocker" }
  /** The attempt's run ended without a report (the completion guarantee retries it). */
  | { kind: "run-failed" }
  /** The running attempt was cancelled (`/cancel`). */
  | { kind: "run-cancelled" }
  /** A valid `/approve` (or accepted review) on the recorded pull request at `head`. */
  | { kind: "approved"; head: string }
  /** `/approve cancel`. */
  | { kind: "approval-withdrawn" }
  /** The pull request's head moved to `head`; `ownUpdate`: the queue's own update of the approved head. */
  | { kind: "pushed"; head: string; ownUpdate: boolean }
  /** The queue started bringing the head up to date (update-branch, guarded by the head sha). */
  | { kind: "queue-updating" }
  /** The queue ranked the item: a member (`inFlight`: being landed) or not a member any more. */
  | { kind: "queue-ranked"; member: boolean; inFlight: boolean }
  /** The queue ejected the item (red required check, conflict): back to the worker. */
  | { kind: "queue-sent-back" }
  /** The final diff failed the scope check: stays approved, out of the landing. */
  | { kind: "queue-held-back" }
  /** The queue's planner chose to merge `sha` (the tested head). */
  | { kind: "merge-ready"; sha: string }
  /** GitHub merged the pull request (the commit point of a landing). */
  | { kind: "merged" }
  /** Every sub-issue of this epic is done. */
  | { kind: "epic-finished" }
  /**
   * An untrusted edit changed the text an item approval covered (issue #10: approval binds the
   * approved text): back to needs-approval, whatever a worker or the queue was doing.
   */
  | { kind: "approval-voided" }
  /**
   * The verification after landing failed and `verify.on_failure` is `reopen` (issue #13): a done
   * item goes back to ready as a hotfix, with no pull request or approval.
   */
  | { kind: "verification-failed" };

/** What the app carries out after a transition. */
export type LifecycleEffect =
  | { kind: "dispatch" }
  | { kind: "evaluate-queue" }
  | { kind: "schedule" }
  | { kind: "merge"; sha: string }
  | { kind: "dependents" };

export interface Transition {
  item: LifecycleItem;
  effects: LifecycleEffect[];
  /** The event does not apply in this status: nothing changed. */
  ignored: boolean;
}

export const EVENT_KINDS: ReadonlyArray<LifecycleEvent["kind"]> = [
  "triaged",
  "dispatched",
  "dispatch-failed",
  "reported-pr",
  "reported-blocker",
  "run-failed",
  "run-cancelled",
  "approval-voided",
  "approved",
  "approval-withdrawn",
  "pushed",
  "queue-updating",
  "queue-ranked",
  "queue-sent-back",
  "queue-held-back",
  "merge-ready",
  "merged",
  "epic-finished",
  "verification-failed",
];

/** Statuses in which the item has a pull request under review or in the queue. */
const REVIEWABLE: ReadonlySet<Status> = new Set(["in-review", "approved", "merging"]);
/** Statuses from which a worker may be dispatched. */
const DISPATCHABLE: ReadonlySet<Status> = new Set(["ready", "in-review", "approved", "merging", "blocked"]);

function to(item: LifecycleItem, change: Partial<LifecycleItem>, effects: LifecycleEffect[] = []): Transition {
  return { item: { ...item, ...change }, effects, ignored: false };
}

function ignore(item: LifecycleItem): Transition {
  return { item, effects: [], ignored: true };
}

/** Whether the item's approval covers its current pull request head. */
export function approvalCoversHead(item: LifecycleItem): boolean {
  return item.approvedHead !== null && item.prHead !== null && item.approvedHead === item.prHead;
}

/**
 * The next state of `item` after `event`, with the effects to carry out. Pure and total (see the
 * module comment). `done` is final: nothing but a triage of a reopened item leaves it.
 */
export function transition(item: LifecycleItem, event: LifecycleEvent): Transition {
  const { status } = item;
  if (status === "done" && event.kind !== "triaged" && event.kind !== "verification-failed") return ignore(item);
  switch (event.kind) {
    case "triaged":
      // A worker, the review or the queue holds the item: triage does not take it back.
      if (status === "in-progress" || REVIEWABLE.has(status)) return ignore(item);
      return to(item, { status: event.status }, event.status === "ready" ? [{ kind: "schedule" }] : []);
    case "dispatched":
      if (!DISPATCHABLE.has(status)) return ignore(item);
      return to(item, { status: "in-progress", approvedHead: null });
    case "dispatch-failed":
      return to(item, { status: "blocked", approvedHead: null });
    // A report settles its attempt whatever the label said meanwhile (a report is only applied
    // to an attempt still recorded as dispatched; the app checks that).
    case "reported-pr":
      return to(item, { status: "in-review", prHead: event.head, approvedHead: null }, [{ kind: "evaluate-queue" }, { kind: "schedule" }]);
    case "reported-blocker":
      return to(item, { status: "blocked", approvedHead: null }, [{ kind: "schedule" }]);
    case "run-failed":
      return to(item, { status: "ready" }, [{ kind: "dispatch" }, { kind: "schedule" }]);
    case "run-cancelled":
      if (status !== "in-progress") return ignore(item);
      return to(item, { status: item.prHead !== null ? "in-review" : "ready" });
    case "approved":
      // Only the recorded pull request's current head can be approved.
      if (!REVIEWABLE.has(status) || item.prHead === null || event.head !== item.prHead) return ignore(item);
      return to(item, { status: status === "merging" ? "merging" : "approved", approvedHead: event.head }, [{ kind: "evaluate-queue" }]);
    case "approval-withdrawn":
      if (!REVIEWABLE.has(status)) return to(item, { approvedHead: null });
      return to(item, { status: "in-review", approvedHead: null }, [{ kind: "evaluate-queue" }]);
    case "pushed": {
      if (item.prHead === null) return ignore(item);
      // The queue's own update of an approved head carries the approval; anything else voids it.
      const carried = event.ownUpdate && approvalCoversHead(item);
      const approvedHead = carried ? event.head : null;
      const back = !carried && (status === "approved" || status === "merging");
      return to(item, { prHead: event.head, approvedHead, ...(back ? { status: "in-review" as const } : {}) }, [{ kind: "evaluate-queue" }]);
    }
    case "queue-updating":
      if (!approvalCoversHead(item) || (status !== "approved" && status !== "merging")) return ignore(item);
      return to(item, { status: "merging" });
    case "queue-ranked":
      if (!REVIEWABLE.has(status)) return ignore(item);
      if (event.member && approvalCoversHead(item)) return to(item, { status: event.inFlight ? "merging" : "approved" });
      if (!approvalCoversHead(item)) return to(item, { status: "in-review", approvedHead: null });
      return to(item, { status: status === "merging" ? "approved" : status });
    case "queue-sent-back":
      if (!REVIEWABLE.has(status)) return ignore(item);
      return to(item, { status: "in-review", approvedHead: null }, [{ kind: "dispatch" }]);
    case "queue-held-back":
      if (!REVIEWABLE.has(status)) return ignore(item);
      return to(item, { status: approvalCoversHead(item) ? "approved" : "in-review" });
    case "merge-ready":
      // The invariant: a merge only of the approved, tested head.
      if ((status !== "approved" && status !== "merging") || !approvalCoversHead(item) || item.prHead !== event.sha) return ignore(item);
      return to(item, { status: "merging" }, [{ kind: "merge", sha: event.sha }]);
    case "merged":
      return to(item, { status: "done" }, [{ kind: "dependents" }, { kind: "schedule" }]);
    case "epic-finished":
      return to(item, { status: "done" });
    case "approval-voided":
      return to(item, { status: "needs-approval", approvedHead: null }, [{ kind: "schedule" }]);
    case "verification-failed":
      if (status !== "done") return ignore(item);
      return to(item, { status: "ready", prHead: null, approvedHead: null }, [{ kind: "dependents" }, { kind: "schedule" }]);
  }
}

