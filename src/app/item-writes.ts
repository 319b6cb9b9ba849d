import { decodeStateBlock, STATUS_MARKER } from "../domain/item/markers.js";
import { isPortRead } from "../github/pass-reads.js";
import type { CommentSnapshot, GitHubPort, IssueSnapshot, LabelSpec, Publication } from "../github/port.js";
import { repoLockSpansReplicas } from "./repo-lock.js";

/**
 * Thrown when a work item's status comment changed after this pass read it (another replica, or a
 * person, wrote it meanwhile): writing now would undo that change (a lost update). The pass is run
 * again from fresh reads (route.ts `inRepository`), as a redelivery would be.
 */
export class StaleItemError extends Error {
  constructor(readonly issue: number) {
    super(`work item #${issue}: its status comment changed after it was read; the pass runs again`);
    this.name = "StaleItemError";
  }
}

/** One work item's writes staged by a pass and not yet sent (see {@link ItemWrites}). */
export interface StagedItem {
  /** The issue with the labels it will have once written. */
  issue: IssueSnapshot;
  /** The status comment as this pass first read it (null: none yet), for the lost-update check. */
  base: CommentSnapshot | null;
  /** The issue's labels as this pass first read them; the label write is the difference. */
  labelsRead: string[];
  /** The status comment's next body (marker and state block included). */
  body: string;
}

/**
 * The work-item writes of one pass, coalesced (issue #9 "A request budget": at most one
 * status-comment edit per event, one label write per transition). `saveItem` stages an item's
 * next status comment and labels here instead of writing them; they are sent:
 * - before any other write through {@link ItemWrites.port} (a dispatch, a merge, a check run, a
 *   comment...), so the order of commit points is exactly as if each save had been written at once
 *   (a crash loses at most what was staged since the last external write, which the pass derives
 *   again from GitHub);
 * - at the end of the pass (route.ts `inRepository`).
 * Several saves of one item between two external writes become one comment edit and one label
 * change (the net difference from the labels read).
 *
 * Reads through the port see the staged writes: an item's issue (labels), its comments (the status
 * comment's body; a synthetic one with id 0 when it is still to be created) and the open-issue
 * lists (labels, and label filters applied to the staged labels).
 *
 * A failed flush (a {@link StaleItemError}, or GitHub refusing a write) poisons the pass: every
 * later write through the port throws the same error without being sent, so nothing acts on a
 * commit point that was not written, even when a caller catches the error of the write that
 * triggered the flush; the final flush throws it again for `inRepository`.
 */
export interface ItemWrites {
  /** The session's port: reads overlaid with staged items, writes preceded by a flush. */
  port: GitHubPort;
  /** Stages an item's next status comment and labels (replacing what was staged for it). */
  stage(item: StagedItem): void;
  /**
   * Queues publications that must come AFTER the items staged so far (issue #9: the review's check
   * runs and pull request review follow the verdict they publish): sent at the next flush, before
   * the write that caused it, in the same request as the last staged item's write (GitHubPort
   * `editItem` `then`; GitHub runs a mutation document's fields in order), or in a request of
   * their own after it when that item is created or is not written. So a pass that records an item
   * and then publishes it costs one request, however many other saves come before its next other
   * write.
   */
  follow(publications: readonly Publication[]): void;
  /**
   * Queues publications that need no commit point before them (the caller says why): sent, in one
   * request (GitHubPort `publish`), at the next flush BEFORE the staged items, and before a write
   * GitHub records itself ({@link SELF_RECORDING}) without making the staged items be written
   * first. So the review of the merge queue's own update of an approved head and the merge that
   * follows it cost one item write (issue #9 "A request budget").
   */
  lead(publications: readonly Publication[]): void;
  /**
   * Queues publications for the END of the pass (issue #9: the merge queue's `orchestrator/queue`
   * check run shows where an item ends the pass, not each step on the way): sent by
   * {@link ItemWrites.finish} with the last flush, after its item writes (as followers: in the
   * last item write's request, or in one request of their own). Later publications with the same
   * `key` replace those not yet sent, so a pull request queued and landed in one pass gets one
   * check run write instead of a create and an update. Nothing is sent after a failed flush.
   */
  atEnd(key: string, publications: readonly Publication[]): void;
  /** Sends the leaders, every staged item (in the order first staged), the last one with the followers; see the interface comment for errors. */
  flush(): Promise<void>;
  /** The pass's last write: {@link ItemWrites.flush} with the {@link ItemWrites.atEnd} publications (in the order first queued) as its last followers. */
  finish(): Promise<void>;
  /** Whether a flush wrote a status comment or labels (the dashboard shows both). */
  readonly wrote: boolean;
}

/**
 * Writes whose outcome GitHub itself records where the app reads it again, so they need no
 * commit point of ours before them. Before one, the staged items are checked unchanged instead of
 * sent, and sent after it together with what it led to (issue #9 "A request budget": one item
 * write, not one before and one after):
 * - a merge: the pull request says merged, and reconcile.ts rule 3 records the landing of a
 *   recorded pull request that merged. A crash between the merge and the write loses only what
 *   the merge makes moot (the command that asked for it is found again by reconcile.ts rule 5);
 * - a dispatch: every dispatch the app sends carries an idempotency key (github/dispatch-key.ts),
 *   claimed as a ref before the run is started and found again by its run name. A crash between
 *   the dispatch and the write leaves the key claimed and the attempt unrecorded: the next pass
 *   that dispatches it meets the claim (`duplicate`) and records the attempt, and the reconciler
 *   then finds its run, or gives it up when none started and runs the next attempt. So the
 *   attempt and the run GitHub named are recorded in one write.
 */
const SELF_RECORDING: ReadonlySet<keyof GitHubPort> = new Set<keyof GitHubPort>(["mergeIfHeadIs", "dispatchWorkflow"]);

/** Whether two status comment bodies carry the same item: equal state blocks, or equal text without one. */
function sameItem(a: string, b: string): boolean {
  const left = decodeStateBlock(a);
  const right = decodeStateBlock(b);
  if (left.kind === "ok" && right.kind === "ok") return JSON.stringify(left.state) === JSON.stringify(right.state);
  return a === b;
}

/**
 * Throws {@link StaleItemError} when the status comment is no longer `base`: one conditional GET of
 * the issue's comments before each write of it (free when nothing changed since the pass listed
 * them). This narrows a lost update between writers without a shared lock (replicas, concurrent
 * Actions-mode jobs, a person editing the status comment) to the moment between this read and the
 * write. With `REDIS_URL` the repository lock rules the replicas' case out and the check is skipped
 * (README "Reliability").
 */
async function ensureUnchanged(port: GitHubPort, issue: number, base: CommentSnapshot): Promise<void> {
  if (repoLockSpansReplicas()) return;
  const now = await port.getComment(base.id, issue);
  // Deleted meanwhile: upsertComment creates it again; nothing to overwrite.
  if (now === null) return;
  if (!sameItem(now.body, base.body)) throw new StaleItemError(issue);
}

/** Labels to add and remove to go from `read` to `wanted`. */
function labelDifference(read: readonly string[], wanted: readonly string[]): { add: string[]; remove: string[] } {
  return { add: wanted.filter((l) => !read.includes(l)), remove: read.filter((l) => !wanted.includes(l)) };
}

/** Whether an issue carries every label of a `listOpenIssues` filter. */
function carries(issue: IssueSnapshot, labels: readonly string[] | undefined): boolean {
  return (labels ?? []).every((l) => issue.labels.includes(l));
}

/**
 * The writes of one pass over `inner` (the pass's port); `catalog` gives new labels their colour.
 * @param now ISO 8601 clock, for the synthetic status comment of an item not yet written.
 */
export function itemWrites(inner: GitHubPort, catalog: LabelSpec[], now: () => string): ItemWrites {
  const pending = new Map<number, StagedItem>();
  const followers: Publication[] = [];
  const leaders: Publication[] = [];
  const atEnd = new Map<string, readonly Publication[]>();
  let failure: unknown = null;
  let flushing: Promise<void> | null = null;
  let wrote = false;

  /** Writes `item`, then `then` (in the item write's request when it is an edit). */
  async function send(item: StagedItem, then: readonly Publication[]): Promise<void> {
    const number = item.issue.number;
    const { body } = item;
    // Without the comment's id (none when the pass read the item, or 0: created by this pass since)
    // it is looked for by marker in the pass's own listing, kept current with its writes (no
    // request), so an item is never given a second status comment.
    const base = item.base !== null && item.base.id > 0 ? item.base : await inner.findComment(number, STATUS_MARKER);
    const change = labelDifference(item.labelsRead, item.issue.labels);
    const issue = { number, labels: item.labelsRead, ...(item.issue.nodeId ? { nodeId: item.issue.nodeId } : {}) };
    // Commit point: the status comment's state block. Labels follow it (in the same request when
    // the comment exists; else right after creating it), so a crash leaves labels behind the
    // block, and the reconciler makes them agree with the block (the block wins: it alone carries
    // the approval, attempts and pull request that justify a status).
    if (base !== null) {
      if (base.body !== body) await ensureUnchanged(inner, number, base);
      // The publications ride in the edit's request; when the comment was gone, they ran with it,
      // and the status comment is created again right after (a moment in which they lead it).
      const done = await inner.editItem(issue, { comment: base, body, ...change }, catalog, then);
      wrote ||= done.comment || done.labels;
      if (!("gone" in done && done.gone)) return;
      then = [];
    }
    const written = await inner.createItemComment(issue, STATUS_MARKER, body, change, catalog);
    wrote ||= written.created || written.updated || written.labels;
    // Another writer created the status comment first (this pass saw none): theirs may carry a
    // later state than ours, so it is kept and the pass runs again from it (labels included).
    if (written.theirs) throw new StaleItemError(number);
    if (then.length > 0) await inner.publish(then);
  }

  /** The queued publications, taken off their queue before they are sent (a failure is not retried by a later flush; the pass fails, as it would have at the write itself). */
  function take(queue: Publication[]): Publication[] {
    return queue.splice(0, queue.length);
  }

  async function publishTaken(queue: Publication[]): Promise<void> {
    const taken = take(queue);
    if (taken.length > 0) await inner.publish(taken);
  }

  async function flushAll(): Promise<void> {
    await publishTaken(leaders);
    await sendItems();
    await publishTaken(followers);
  }

  async function sendItems(): Promise<void> {
    while (pending.size > 0) {
      const [number, item] = pending.entries().next().value!;
      try {
        // The last item staged carries the followers (they publish what the pass recorded).
        await send(item, pending.size === 1 ? take(followers) : []);
      } catch (error) {
        failure = error;
        throw error;
      }
      const later = pending.get(number);
      if (later === item) pending.delete(number);
      // Staged again while it was being sent: keep the newer stage, now based on what was written.
      else if (later) pending.set(number, { ...later, base: later.base && { ...later.base, body: item.body }, labelsRead: [...item.issue.labels] });
    }
  }

  function flush(): Promise<void> {
    if (failure !== null) return Promise.reject(failure);
    flushing ??= flushAll().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  function statusCommentOf(item: StagedItem): CommentSnapshot {
    const at = now();
    return item.base
      ? { ...item.base, body: item.body, updatedAt: at }
      : { id: 0, body: item.body, author: { login: "", type: "Bot" }, createdAt: at, updatedAt: at, htmlUrl: "" };
  }

  // An issue as the pass will leave it: its staged labels, and no comment count (its status
  // comment may be about to be created; a count of 0 would say there is no state to read).
  const staged = (issue: IssueSnapshot, item: StagedItem): IssueSnapshot => {
    const { comments: _count, ...rest } = issue;
    return { ...rest, labels: [...item.issue.labels] };
  };
  const overlay: Partial<GitHubPort> = {
    async getIssue(number) {
      const issue = await inner.getIssue(number);
      const item = pending.get(number);
      return issue && item ? staged(issue, item) : issue;
    },
    async listOpenIssues(labels, options) {
      const listed = await inner.listOpenIssues(labels, options);
      const out: IssueSnapshot[] = [];
      for (const issue of listed) {
        const item = pending.get(issue.number);
        const seen = item ? staged(issue, item) : issue;
        if (carries(seen, labels)) out.push(seen);
      }
      for (const item of pending.values()) {
        if (item.issue.state === "open" && !item.issue.isPullRequest && !listed.some((i) => i.number === item.issue.number) && carries(item.issue, labels)) out.push(staged(item.issue, item));
      }
      return out;
    },
    async listComments(number) {
      const comments = await inner.listComments(number);
      const item = pending.get(number);
      if (!item) return comments;
      const status = statusCommentOf(item);
      if (item.base === null) return [...comments.filter((c) => !(c.author.type === "Bot" && c.body.includes(STATUS_MARKER))), status];
      return comments.map((c) => (c.id === item.base!.id ? status : c));
    },
    async findComment(number, marker) {
      const item = pending.get(number);
      if (item && marker === STATUS_MARKER) return statusCommentOf(item);
      return inner.findComment(number, marker);
    },
    async getComment(id, issue) {
      const item = [...pending.values()].find((i) => i.base?.id === id);
      return item ? statusCommentOf(item) : inner.getComment(id, issue);
    },
  };

  /**
   * Before a write GitHub records where the reconciler reads it (see {@link SELF_RECORDING}): the
   * staged items are checked, not sent. A staged item whose status comment changed since it was
   * read stops the write (a lost update: another writer's `/hold` must not be merged over), and
   * queued publications go first (a required `orchestrator/review` must be on the head before its
   * merge). The items are then sent after the write, with what it led to, as one write.
   */
  async function verify(): Promise<void> {
    if (failure !== null) throw failure;
    if (followers.length > 0) return flush();
    await publishTaken(leaders);
    for (const item of pending.values()) {
      const base = item.base;
      if (base === null || base.id <= 0 || base.body === item.body) continue;
      try {
        await ensureUnchanged(inner, item.issue.number, base);
      } catch (error) {
        failure = error;
        throw error;
      }
    }
  }

  // Reads pass through as they are; overlaid reads see the staged items; writes flush first.
  const port: Record<string, unknown> = { ...inner, ...overlay };
  for (const [name, value] of Object.entries(inner)) {
    const method = name as keyof GitHubPort;
    if (typeof value !== "function" || method in overlay || isPortRead(method)) continue;
    const before = SELF_RECORDING.has(method) ? verify : flush;
    port[name] = async (...args: unknown[]) => {
      await before();
      return (value as (...a: unknown[]) => Promise<unknown>).apply(inner, args);
    };
  }

  return {
    port: port as unknown as GitHubPort,
    stage(item) {
      const earlier = pending.get(item.issue.number);
      // The first stage since the last flush fixes what the pass read: the lost-update check and
      // the label difference are taken against it.
      pending.set(item.issue.number, earlier ? { ...item, base: earlier.base, labelsRead: earlier.labelsRead } : item);
    },
    follow(publications) {
      followers.push(...publications);
    },
    lead(publications) {
      leaders.push(...publications);
    },
    atEnd(key, publications) {
      atEnd.set(key, publications);
    },
    flush,
    async finish() {
      if (failure !== null) throw failure;
      for (const publications of atEnd.values()) followers.push(...publications);
      atEnd.clear();
      await flush();
    },
    get wrote() {
      return wrote;
    },
  };
}
