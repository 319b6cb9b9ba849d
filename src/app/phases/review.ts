import type { Effect } from "../effects.js";
import { loadItem } from "../item-store.js";
import { workerBranchState } from "../pr-link.js";
import { reviewPullRequestNumber } from "../review.js";
import type { RepoSession } from "../session.js";
import type { PullRequestRef } from "../repo-event.js";

/**
 * The review phase: reviews each pull request named by the follow-ups once per pass (by number,
 * by the item that records it, or by head sha when a check finished), and returns a `dispatch`
 * (reason `review`) for each item whose review sent findings back to its worker.
 */
export async function reviewPhase(session: RepoSession, inbox: readonly Effect[]): Promise<Effect[]> {
  const numbers: number[] = [];
  let openPulls: Awaited<ReturnType<typeof session.port.listOpenPullRequests>> | null = null;
  for (const effect of inbox) {
    if (effect.kind === "review") numbers.push(effect.pr);
    if (effect.kind === "review-item") {
      const item = await loadItem(session, effect.issue);
      if (item?.state.pr) numbers.push(item.state.pr.number);
    }
    if (effect.kind === "review-head") {
      if (effect.prs.length > 0) {
        for (const pr of effect.prs) if (await mayRecord(session, pr)) numbers.push(pr.number);
      } else {
        openPulls ??= await session.port.listOpenPullRequests();
        numbers.push(...openPulls.filter((p) => p.headSha === effect.sha).map((p) => p.number));
      }
    }
  }
  const out: Effect[] = [];
  for (const number of new Set(numbers)) {
    const run = await reviewPullRequestNumber(session, number);
    if (run?.sendBack) out.push({ kind: "dispatch", issue: run.issue, reason: "review" });
  }
  return out;
}

/**
 * Whether a check's pull request may be one an item records and has not landed (only those are
 * reviewed, pr-link.ts).
 * A pull request from an item's worker branch is that item's, and only its worker's report makes
 * the item record it: while the item does not, there is nothing to review and the pull request is
 * not read (request budget, issue #9: a worker's checks usually finish before its report).
 */
async function mayRecord(session: RepoSession, pr: PullRequestRef): Promise<boolean> {
  const state = await workerBranchState(session, pr.headRef);
  // A landed item's pull request has nothing left to review (reviewPullRequestNumber would read it to find it merged).
  return state === undefined || (state?.pr?.number === pr.number && state.merged === undefined);
}
