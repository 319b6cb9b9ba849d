/**
 * GitHub's merge queue, simulated (option `mergeQueue`: the default branch requires one). Each
 * entry gets a merge group: a merge commit of the pull request's head onto the previous entry's
 * group (or the base), on `gh-readonly-queue/<base>/pr-<n>-<head sha>`; `merge_group.checks_requested`
 * is sent and the push runs the simulated CI on it. When the first entry's group is green the base
 * fast-forwards to it (the pull request is merged by that push), `merge_group.destroyed` (merged)
 * follows; a red first group leaves the queue (`destroyed` dequeued, `pull_request.dequeued`
 * CI_FAILURE) and the groups behind it are invalidated and rebuilt without it.
 */
import type { StandInContext } from "./context.js";
import { emit, pullPayload } from "./events.js";
import { ZERO_SHA } from "./git-backend.js";
import { isoNow, simpleCommitJson } from "./shapes.js";

/** Who GitHub's merge queue acts as (merges, group branches, its events). */
export const MERGE_QUEUE_BOT = "github-merge-queue[bot]";

export interface MergeGroupRecord {
  /** Full ref, `refs/heads/gh-readonly-queue/main/pr-12-<sha>`. */
  ref: string;
  sha: string;
  verdict: "pending" | "success" | "failure";
}

export interface QueueEntryRecord {
  id: number;
  pr: number;
  headSha: string;
  base: string;
  enqueuedAt: string;
  group: MergeGroupRecord | null;
}

/** A pull request's removal from the queue (its timeline's `RemovedFromMergeQueueEvent`). */
export interface RemovalRecord {
  id: number;
  pr: number;
  reason: string;
  headSha: string;
  at: string;
  /** Who removed it (the queue itself for a failure). */
  by: string;
}

export class SimulatedMergeQueue {
  readonly entries: QueueEntryRecord[] = [];
  readonly removals: RemovalRecord[] = [];
  private nextId = 1;

  constructor(private readonly ctx: () => StandInContext) {}

  /** Whether `branch` requires a merge queue (the default branch, when the option is on). */
  enabledOn(branch: string): boolean {
    return this.ctx().opts.mergeQueue === true && branch === "main";
  }

  entriesOn(base: string): QueueEntryRecord[] {
    return this.entries.filter((e) => e.base === base);
  }

  position(entry: QueueEntryRecord): number {
    return this.entriesOn(entry.base).indexOf(entry) + 1;
  }

  /** GitHub's MergeQueueEntryState of an entry. */
  stateOf(entry: QueueEntryRecord): string {
    if (!entry.group) return "QUEUED";
    return entry.group.verdict === "pending" ? "AWAITING_CHECKS" : entry.group.verdict === "success" ? "MERGEABLE" : "UNMERGEABLE";
  }

  /** `enqueuePullRequest`: throws an Error with GitHub's kind of message when it refuses. */
  async enqueue(prNumber: number, expectedHeadOid: string | null, caller: string): Promise<QueueEntryRecord> {
    const ctx = this.ctx();
    const pr = ctx.state.pulls.get(prNumber);
    const issue = ctx.state.issues.get(prNumber);
    if (!pr || !issue || issue.state !== "open") throw new Error("Pull request is not open");
    if (!this.enabledOn(pr.baseRef)) throw new Error(`Merge queue is not enabled for the branch ${pr.baseRef}`);
    if (expectedHeadOid !== null && expectedHeadOid !== pr.headSha) throw new Error(`Expected head oid ${expectedHeadOid} does not match the pull request's head ${pr.headSha}`);
    if (this.entries.some((e) => e.pr === prNumber)) throw new Error("Pull request is already in the merge queue");
    if (pr.draft) throw new Error("Draft pull requests cannot be queued");
    const entry: QueueEntryRecord = { id: this.nextId++, pr: prNumber, headSha: pr.headSha, base: pr.baseRef, enqueuedAt: isoNow(), group: null };
    this.entries.push(entry);
    ctx.note({ kind: "write", actor: caller, item: prNumber, summary: `PR #${prNumber} enqueued in the merge queue of ${pr.baseRef} at position ${this.position(entry)} by ${caller}` });
    emit(ctx, "pull_request", caller, { action: "enqueued", number: prNumber, pull_request: await pullPayload(ctx, pr) });
    await this.build(pr.baseRef);
    return entry;
  }

  /** `dequeuePullRequest`: takes the pull request out; the groups behind it are rebuilt without it. */
  async remove(prNumber: number, caller: string): Promise<QueueEntryRecord> {
    const entry = this.entries.find((e) => e.pr === prNumber);
    if (!entry) throw new Error("Pull request is not in the merge queue");
    await this.dequeue(entry, "MANUAL", caller);
    await this.invalidate(entry.base);
    await this.build(entry.base);
    await this.advance(entry.base);
    return entry;
  }

  /** A CI verdict on `sha`: the group it heads (if any) is settled and the queue moves on. */
  async onChecks(sha: string, conclusion: "success" | "failure"): Promise<void> {
    const entry = this.entries.find((e) => e.group?.sha === sha);
    if (!entry?.group) return;
    entry.group.verdict = conclusion;
    await this.advance(entry.base);
  }

  /** Builds the missing merge groups of `base`'s queue, in order, each on the one ahead of it. */
  private async build(base: string): Promise<void> {
    const ctx = this.ctx();
    let parent = await ctx.git.branchSha(base);
    for (const entry of [...this.entriesOn(base)]) {
      if (entry.group) {
        parent = entry.group.sha;
        continue;
      }
      if (!parent) return;
      const merged = await ctx.git.mergeTree(parent, entry.headSha);
      if (!merged.clean) {
        await this.dequeue(entry, "MERGE_CONFLICT");
        continue;
      }
      const message = `Merge pull request #${entry.pr} into ${base} (merge queue)`;
      const sha = await ctx.git.commitTree(merged.tree, [parent, entry.headSha], message, { name: MERGE_QUEUE_BOT, email: "noreply@github.com" });
      const ref = `refs/heads/gh-readonly-queue/${base}/pr-${entry.pr}-${entry.headSha}`;
      await ctx.git.updateRef(ref, sha, null);
      entry.group = { ref, sha, verdict: "pending" };
      await this.emitGroup(entry.group, base, parent, "checks_requested");
      await ctx.onPush([{ ref, before: ZERO_SHA, after: sha }], MERGE_QUEUE_BOT);
      parent = sha;
    }
  }

  /** Merges green groups at the head of `base`'s queue; a red head leaves and the rest is rebuilt. */
  private async advance(base: string): Promise<void> {
    const ctx = this.ctx();
    for (;;) {
      const head = this.entriesOn(base)[0];
      if (!head?.group || head.group.verdict === "pending") return;
      if (head.group.verdict === "failure") {
        await this.dequeue(head, "CI_FAILURE");
        await this.invalidate(base);
        await this.build(base);
        continue;
      }
      const before = (await ctx.git.branchSha(base))!;
      const group = head.group;
      if (!(await ctx.git.isAncestor(before, group.sha)) || !(await ctx.git.updateRef(`refs/heads/${base}`, group.sha, before))) {
        // The base moved under the queue: every group is rebuilt on the new base.
        head.group = null;
        await this.dropGroup(group, base, before, "invalidated");
        await this.invalidate(base);
        await this.build(base);
        continue;
      }
      ctx.note({ kind: "write", actor: MERGE_QUEUE_BOT, item: head.pr, summary: `merge queue: ${base} fast-forwarded to merge group ${group.sha.slice(0, 7)} (#${head.pr})` });
      // The entry stays in the queue until the push marked its pull request merged, as on GitHub
      // (an entry being merged is still listed, and enqueuing its pull request again is refused):
      // taken out first, it left a moment with the pull request neither queued nor merged.
      await ctx.onPush([{ ref: `refs/heads/${base}`, before, after: group.sha }], MERGE_QUEUE_BOT);
      this.entries.splice(this.entries.indexOf(head), 1);
      await this.dropGroup(group, base, before, "merged");
    }
  }

  /** Takes `entry` out of the queue (`destroyed` dequeued for its group, `pull_request.dequeued`). */
  private async dequeue(entry: QueueEntryRecord, reason: string, by = MERGE_QUEUE_BOT): Promise<void> {
    const ctx = this.ctx();
    this.entries.splice(this.entries.indexOf(entry), 1);
    this.removals.push({ id: this.nextId++, pr: entry.pr, reason, headSha: entry.headSha, at: isoNow(), by });
    if (entry.group) await this.dropGroup(entry.group, entry.base, (await ctx.git.branchSha(entry.base)) ?? entry.group.sha, "dequeued");
    entry.group = null;
    ctx.note({ kind: "write", actor: by, item: entry.pr, summary: `merge queue: PR #${entry.pr} dequeued (${reason}) by ${by}` });
    const pr = ctx.state.pulls.get(entry.pr)!;
    emit(ctx, "pull_request", by, { action: "dequeued", number: entry.pr, reason, pull_request: await pullPayload(ctx, pr) });
  }

  /** Destroys every group of `base`'s queue (`destroyed` invalidated); `build` makes them again. */
  private async invalidate(base: string): Promise<void> {
    const baseSha = (await this.ctx().git.branchSha(base)) ?? ZERO_SHA;
    for (const entry of this.entriesOn(base)) {
      if (!entry.group) continue;
      const group = entry.group;
      entry.group = null;
      await this.dropGroup(group, base, baseSha, "invalidated");
    }
  }

  private async dropGroup(group: MergeGroupRecord, base: string, baseSha: string, reason: "merged" | "invalidated" | "dequeued"): Promise<void> {
    const ctx = this.ctx();
    await this.emitGroup(group, base, baseSha, "destroyed", reason);
    await ctx.git.deleteRef(group.ref);
    await ctx.onPush([{ ref: group.ref, before: group.sha, after: ZERO_SHA }], MERGE_QUEUE_BOT);
  }

  private async emitGroup(group: MergeGroupRecord, base: string, baseSha: string, action: string, reason?: string): Promise<void> {
    const ctx = this.ctx();
    const headCommit = simpleCommitJson(await ctx.git.commitInfo(group.sha));
    const mergeGroup = { head_sha: group.sha, head_ref: group.ref, base_sha: baseSha, base_ref: `refs/heads/${base}`, head_commit: headCommit };
    ctx.note({ kind: "write", actor: MERGE_QUEUE_BOT, summary: `merge_group.${action}${reason ? ` (${reason})` : ""} ${group.ref.replace("refs/heads/", "")}` });
    emit(ctx, "merge_group", MERGE_QUEUE_BOT, { action, ...(reason ? { reason } : {}), merge_group: mergeGroup });
  }
}
