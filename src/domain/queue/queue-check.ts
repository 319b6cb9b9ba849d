/**
 * The merge queue's check run on a pull request (issue #14 item 5, "a reason for every wait, skip
 * and ejection"): `orchestrator/queue` on the head commit, with the pull request's position and
 * the reason it waits, was skipped or was ejected, updated in place (one per head, by name).
 * Pure: the caller writes it. The queue never counts its own check runs as required checks.
 */

/** Name of the queue's check run (our `orchestrator/` prefix: never a required check of the queue). */
export const QUEUE_CHECK_NAME = "orchestrator/queue";

/** A check run to write (the port's check run spec, without annotations). */
export interface QueueCheckRun {
  name: string;
  headSha: string;
  status: "queued" | "in_progress" | "completed";
  conclusion?: "success" | "failure";
  title: string;
  summary: string;
}

/** Where the pull request stands: what the check run shows. */
export type QueueStanding =
  | { kind: "waiting"; position: number; reason: string }
  | { kind: "head"; reason: string }
  | { kind: "ejected"; reason: string }
  | { kind: "landed"; reason: string };

/**
 * The check run for `standing` on `headSha`: waiting is `queued` (position in the title), the
 * head being landed is `in_progress`, landed is `success`, ejected (failed
 * checks, conflict) is `failure` so the pull request shows what needs doing. Summary = the reason.
 */
export function queueCheckRun(headSha: string, standing: QueueStanding): QueueCheckRun {
  const base = { name: QUEUE_CHECK_NAME, headSha, summary: standing.reason };
  switch (standing.kind) {
    case "waiting":
      return { ...base, status: "queued", title: `Position ${standing.position} in the merge queue` };
    case "head":
      return { ...base, status: "in_progress", title: "Head of the merge queue" };
    case "landed":
      return { ...base, status: "completed", conclusion: "success", title: "Landed" };
    case "ejected":
      return { ...base, status: "completed", conclusion: "failure", title: "Ejected from the merge queue" };
  }
}
