/**
 * The one interface through which the app and the worker talk to GitHub (see DESIGN.md: "github/:
 * the ONE place that talks to GitHub"). Operations are named for intentions, not endpoints. Every
 * write is idempotent: an "ensure"/"upsert" finds what exists (by name, marker or head sha),
 * compares, and writes only on change, so a redelivered webhook or a second replica does no harm.
 *
 * Errors: methods return `null`/`[]` for "not found" where that is an expected answer; anything
 * else (network, 5xx, permissions) rejects with the Octokit `RequestError` so the caller's handler
 * fails and GitHub's redelivery (or the next event) retries from fresh state.
 */

import type { LabelSpec } from "../domain/labels.js";
import type { NativeQueueEntry } from "../domain/queue/github-strategy.js";

/** A repository coordinate. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** A GitHub account as seen on an issue, comment or review. */
export interface Actor {
  login: string;
  /** "User", "Bot" or "Organization". Bots never drive the app, except the worker's report. */
  type: string;
}

export interface IssueSnapshot {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  stateReason: string | null;
  labels: string[];
  author: Actor;
  /** ISO 8601 */
  createdAt: string;
  htmlUrl: string;
  /** Pull requests are issues too on GitHub's issue API; work items are never pull requests. */
  isPullRequest: boolean;
  /** GraphQL node id (for a batched write, {@link GitHubPort.editItem}); absent when not read from GitHub. */
  nodeId?: string;
  /**
   * How many relations the issue has, as GitHub's issue object counts them: its sub-issues
   * (`sub_issues_summary.total`) and its blockers, open or closed
   * (`issue_dependencies_summary.total_blocked_by`). Absent when GitHub did not say (an older
   * GitHub Enterprise Server): then the relations are listed. A count of 0 saves the listing
   * (issue #9, request budget).
   */
  relations?: { subIssues: number; blockedBy: number };
  /**
   * How many comments the issue has, as GitHub's issue object counts them (`comments`); absent when
   * not said. 0 means no status comment, so no work-item state to read (issue #9, request budget).
   */
  comments?: number;
}

/** What {@link GitHubPort.readWorkItems} answers. */
export interface WorkItemsRead {
  /** The issue or pull request asked by number; null when none has it; absent when none was asked. */
  thread?: IssueSnapshot | null;
  /**
   * Pull requests read with the thread, as {@link GitHubPort.getPullRequest} answers them: the
   * thread itself when it is a pull request, else the open pull requests that close the thread
   * issue (GitHub's closing-keyword links, up to 5). Absent when no thread was read.
   */
  pulls?: PullRequestSnapshot[];
  /** The default branch and its head commit at the time of the read (`Repository.defaultBranchRef`); absent when GitHub did not say. */
  defaultBranch?: { name: string; sha: string };
  /**
   * The thread pull request's head compared with the branch `compareWith` named, at the time of
   * the read, as {@link GitHubPort.compareCommits}`(base, head)` answers it (`base` that branch's
   * head, `head` the pull request's); absent when not asked or GitHub could not compare them.
   */
  comparison?: { base: string; head: string; result: CommitComparison };
  /** Per label asked: the open issues carrying it, newest first (as `listOpenIssues([label])`), or null when they need more than one page (list them then). */
  lists: Record<string, IssueSnapshot[] | null>;
  /** Per issue read (the thread and every listed issue): all its comments, oldest first, when they fit its page; absent otherwise. */
  comments: Map<number, CommentSnapshot[]>;
  /**
   * When `updatedSince` was asked: the open issues updated at or after it (as
   * `listOpenIssues([], { since })`), each with its `updatedAt` (ISO 8601), or null when they need
   * more than one page (list them then).
   */
  updatedSince?: Array<{ issue: IssueSnapshot; updatedAt: string }> | null;
}

/** Result of comparing two commits (see `GitHubPort.compareCommits`). */
export interface CommitComparison {
  /** "identical" | "ahead" | "behind" | "diverged" */
  status: string;
  aheadBy: number;
  behindBy: number;
}

/** A linked issue (sub-issue or blocker) with its state. */
export interface IssueLink {
  number: number;
  /** `owner/repo` of the linked issue (may differ from the port's repository). */
  repository: string;
  state: "open" | "closed";
  title: string;
}

export interface CommentSnapshot {
  id: number;
  body: string;
  author: Actor;
  createdAt: string;
  updatedAt: string;
  htmlUrl: string;
  /** GraphQL node id (for a batched write, {@link GitHubPort.editItem}); absent when not read from GitHub. */
  nodeId?: string;
  /**
   * How many relations the issue has, as GitHub's issue object counts them: its sub-issues
   * (`sub_issues_summary.total`) and its blockers, open or closed
   * (`issue_dependencies_summary.total_blocked_by`). Absent when GitHub did not say (an older
   * GitHub Enterprise Server): then the relations are listed. A count of 0 saves the listing
   * (issue #9, request budget).
   */
  relations?: { subIssues: number; blockedBy: number };
}

export interface PullRequestSnapshot {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  merged: boolean;
  mergeCommitSha: string | null;
  draft: boolean;
  headRef: string;
  headSha: string;
  baseRef: string;
  baseSha: string;
  /** GitHub computes this lazily: `null` means not computed yet. */
  mergeable: boolean | null;
  /** e.g. "clean", "behind", "dirty" (conflict), "blocked", "unstable", "unknown". */
  mergeableState: string;
  author: Actor;
  labels: string[];
  htmlUrl: string;
  /** GitHub's global node id (REST `node_id`, GraphQL `PullRequest.id`); what GraphQL mutations take. */
  nodeId?: string;
}

export interface ChangedFile {
  path: string;
  /** "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged" */
  status: string;
  previousPath?: string;
  additions: number;
  deletions: number;
}

export interface CheckRunSnapshot {
  id: number;
  name: string;
  headSha: string;
  status: "queued" | "in_progress" | "completed" | string;
  /** "success" | "failure" | "neutral" | "cancelled" | "skipped" | "timed_out" | "action_required" | null */
  conclusion: string | null;
  htmlUrl: string | null;
  detailsUrl: string | null;
  /** Slug of the app that owns the check run. */
  appSlug: string | null;
  /** GraphQL node id (REST `node_id`, GraphQL `CheckRun.id`): what `updateCheckRun` takes; absent when not read. */
  nodeId?: string;
}

export interface CommitStatusSnapshot {
  context: string;
  state: "error" | "failure" | "pending" | "success" | string;
  targetUrl: string | null;
}

export interface WorkflowRunSnapshot {
  id: number;
  /** Path of the workflow file, e.g. ".github/workflows/orchestrator-worker.yml". */
  path: string;
  status: string;
  conclusion: string | null;
  event: string;
  htmlUrl: string;
  createdAt: string;
  displayTitle: string;
}

/** A workflow file of the default branch (see `GitHubPort.listWorkflowFiles`). */
export interface WorkflowFile {
  /** e.g. ".github/workflows/ci.yml" */
  path: string;
  /** The file's text; null when it is larger than the port reads (see MAX_WORKFLOW_FILE_BYTES). */
  text: string | null;
}

export interface ReviewSnapshot {
  id: number;
  state: string;
  body: string;
  commitId: string | null;
  author: Actor;
}

/** A label to ensure (defined with the label catalog in the domain). */
export type { LabelSpec } from "../domain/labels.js";

/** Repository permission levels of GitHub's collaborator permission API. */
export type Permission = "admin" | "maintain" | "write" | "triage" | "read" | "none";

export interface CheckRunAnnotation {
  path: string;
  startLine: number;
  endLine: number;
  level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
}

/** A check run to create or update, identified by (name, headSha) among the caller's own runs. */
export interface CheckRunSpec {
  name: string;
  headSha: string;
  status: "queued" | "in_progress" | "completed";
  conclusion?: "success" | "failure" | "neutral" | "action_required" | "cancelled" | "skipped";
  title: string;
  summary: string;
  text?: string;
  annotations?: CheckRunAnnotation[];
  detailsUrl?: string;
  /**
   * Only the last word on a run of ours already on the head: updated when there is one, and none
   * created (a pull request merged in the pass that would first show it needs no check run saying
   * so; issue #9 "A request budget").
   */
  ifShown?: boolean;
}

/** A pull request review the app posts: on commit `commitId`, found again by the hidden `marker` in `body`. */
export interface ReviewSpec {
  commitId: string;
  event: "APPROVE" | "REQUEST_CHANGES" | "COMMENT";
  body: string;
  marker: string;
}

/**
 * A write that publishes what a work item's write recorded (issue #9 "A request budget"): sent in
 * the item write's own request ({@link GitHubPort.editItem} `then`), or several in one request
 * ({@link GitHubPort.publish}).
 * - `checkRun`: {@link GitHubPort.upsertCheckRun} of `spec`;
 * - `review`: {@link GitHubPort.ensureReview} on pull request `pr` (its GraphQL node id `nodeId`,
 *   when known; without it the review goes through REST), `absent` as there.
 */
export type Publication =
  | { kind: "checkRun"; spec: CheckRunSpec }
  | { kind: "review"; pr: { number: number; nodeId?: string }; review: ReviewSpec; absent?: boolean };

/** Outcome of a guarded write that GitHub may refuse for a reason the caller must handle. */
export type GuardedResult =
  | { ok: true; sha: string }
  | { ok: false; status: number; message: string };

/** Outcome of adding an issue relation (sub-issue, blocked-by): done, or GitHub's refusal with its message. */
export type RelationResult = { ok: true } | { ok: false; status: number; message: string };

/** Outcome of merging a head into a branch on GitHub's side (`POST /merges`). */
export type BranchMerge =
  | { kind: "merged"; sha: string }
  /** The head is already in the branch: nothing written. */
  | { kind: "noop" }
  /** 409: the head does not merge cleanly into the branch. */
  | { kind: "conflict"; message: string };

/** One entry of a branch's merge queue, as GitHub's GraphQL `MergeQueueEntry` reports it (the planner's shape). */
export type MergeQueueEntrySnapshot = NativeQueueEntry;

/** The latest time GitHub's merge queue removed a pull request (GraphQL `RemovedFromMergeQueueEvent`). */
export interface MergeQueueRemoval {
  /** GitHub's reason, e.g. CI_FAILURE, MERGE_CONFLICT, MANUAL. */
  reason: string;
  /** The pull request's head when it was removed (`beforeCommit`), null when GitHub does not say. */
  headSha: string | null;
  /** ISO-8601. */
  at: string;
  /** Login of whoever removed it (a person, an app's bot), null when GitHub does not say. */
  by: string | null;
}

/** Outcome of handing a pull request to GitHub's merge queue (GraphQL `enqueuePullRequest`). */
export type EnqueueResult = { ok: true; position: number; state: string } | { ok: false; message: string };

/**
 * How {@link GitHubPort.upsertComment} settles two writers (two replicas, or a create whose answer
 * was lost) creating the same marker comment at once. Rule's source: issue #9, "Two replicas safe"
 * (one status comment per item, oldest wins) and "A request budget" (30 requests per work item,
 * 6 per command): listing an issue's comments again after every create cost about 3 requests per
 * work item and 1 per command, for duplicates that are harmless for a moment.
 */
export interface UpsertCommentOptions {
  /**
   * - `"lazy"` (the default): a create returns at once, without listing the comments again. A
   *   duplicate made by another writer meanwhile is deleted at the next {@link GitHubPort.findComment}
   *   of the marker (by either writer, in any later pass), which every upsert does first. For
   *   command replies, verdicts, blocker reports, landed notes, config errors...
   * - `"eager"`: after creating, the comments are listed again (one request), the oldest with the
   *   marker is kept and our newer duplicates are deleted, so every writer converges on the same
   *   comment before it returns; the kept comment is given `body` unless `keepTheirs`.
   */
  unique?: "lazy" | "eager";
  /**
   * Implies `unique: "eager"`. When another writer's comment is older than the one just created,
   * theirs is kept AS IT IS (ours is deleted) and `theirs: true` is returned: for the status
   * comment (src/app/item-store.ts `saveItem`) their body may carry a later state than ours, so
   * the caller reads the item again instead of overwriting it.
   */
  keepTheirs?: boolean;
  /**
   * The caller knows no comment with the marker exists yet (a reply to a command recorded in the
   * item's state by this very pass: a redelivery finds it recorded and writes no reply), so the
   * lookup is skipped and the comment is created (issue #9 "A request budget": the lookup lists
   * the comments of a pull request the pass has not read otherwise).
   */
  absent?: boolean;
}

/**
 * What {@link GitHubPort.upsertComment} did: `id` of the comment kept; `created` when it is the one
 * just created, `updated` when an existing one was edited (neither when it already had `body`);
 * `theirs: true` only with `keepTheirs`, when another writer's comment won (left unchanged).
 */
export interface UpsertCommentResult {
  id: number;
  created: boolean;
  updated: boolean;
  theirs?: boolean;
}

/** What a workflow dispatch came to (see GitHubPort.dispatchWorkflow). */
export type DispatchResult =
  | { ok: true; duplicate?: true; run?: { id: number; htmlUrl: string } }
  | { ok: false; status: number; message: string };

export interface GitHubPort {
  readonly repo: RepoRef;

  /** The repository's default branch name (e.g. "main"). */
  getDefaultBranch(): Promise<string>;
  /** The commit sha a branch points at, or null if the branch does not exist. */
  getBranchSha(branch: string): Promise<string | null>;
  /**
   * How `head` relates to `base` (GitHub's compare `base...head`): `behindBy` = commits of `base`
   * missing from `head` (0: the head contains the base, e.g. a pull request up to date with its
   * base branch), `aheadBy` = commits of `head` missing from `base`. Null if either is unknown.
   */
  compareCommits(base: string, head: string): Promise<CommitComparison | null>;
  /**
   * The workflow files on the default branch: every `.yml`/`.yaml` file directly in
   * `.github/workflows/` (the only place GitHub runs them from), at most 50, with its text (null
   * over 64 KiB). [] when the directory does not exist.
   */
  listWorkflowFiles(): Promise<WorkflowFile[]>;

  // --- refs (the merge queue's staging branches) ---------------------------------------------
  /** Points branch `branch` at `sha`: created when missing, else moved with force (staging branches only). */
  setBranch(branch: string, sha: string): Promise<void>;
  /**
   * Merges `head` (a sha) into `branch` with a merge commit whose message is `message` (GitHub's
   * `POST /merges`); the branch moves to it. 409 (a conflict) comes back as `conflict`.
   */
  mergeIntoBranch(branch: string, head: string, message: string): Promise<BranchMerge>;
  /**
   * Moves `branch` to `sha` only as a fast-forward (`force: false`): `ok: false` with 422 when
   * `sha` does not contain the branch's tip (someone moved it), never retried blindly.
   */
  fastForwardBranch(branch: string, sha: string): Promise<GuardedResult>;
  /** The full message of commit `sha`, or null when it does not exist. */
  getCommitMessage(sha: string): Promise<string | null>;

  // --- GitHub's merge queue (the `github` strategy; GraphQL) ----------------------------------
  /**
   * Hands the pull request (its node id) to its base branch's merge queue, only while its head is
   * `expectedHeadSha` (`enqueuePullRequest` with `expectedHeadOid`). A refusal GitHub answers (head
   * moved, not mergeable, no merge queue, already queued) comes back as `ok: false` with GitHub's
   * message; transport errors propagate.
   */
  enqueueInMergeQueue(prNodeId: string, expectedHeadSha: string): Promise<EnqueueResult>;
  /**
   * The merge queue of `branch` in queue order (first 100 entries), or null when the branch has no
   * merge queue (`Repository.mergeQueue` is null).
   */
  listMergeQueue(branch: string): Promise<MergeQueueEntrySnapshot[] | null>;
  /**
   * Takes the pull request (its node id) out of its merge queue (`dequeuePullRequest`). A refusal
   * GitHub answers (e.g. not in the queue) comes back as `ok: false`; transport errors propagate.
   */
  dequeueFromMergeQueue(prNodeId: string): Promise<{ ok: true } | { ok: false; message: string }>;
  /** The latest removal of pull request `number` from a merge queue (its timeline), or null when none. */
  lastMergeQueueRemoval(number: number): Promise<MergeQueueRemoval | null>;

  // --- issues ---------------------------------------------------------------------------------
  /** One issue (or pull request seen as an issue), or null if it does not exist. */
  getIssue(number: number): Promise<IssueSnapshot | null>;
  /**
   * {@link getIssue} and {@link listComments} of one issue in ONE GraphQL request (issue #9 "A
   * request budget"; the worker reads both for its task envelope), plus one per further 100
   * comments. `issue` is mapped as getIssue maps it (a pull request comes back with
   * `isPullRequest: true` and its conversation comments, as getIssue and listComments answer for
   * it, but with the pull request's node id and no `relations`); `comments` oldest first, as
   * listComments. Null when no issue or pull request has that
   * number. The comments are kept as this port's listing of the issue, so a later
   * {@link findComment} or {@link upsertComment} on it costs no further listing.
   */
  getIssueWithComments(number: number): Promise<{ issue: IssueSnapshot; comments: CommentSnapshot[] } | null>;
  /**
   * A pass's view of the work items in ONE GraphQL request (issue #9 "A request budget"): issue or
   * pull request `thread` (when given), per label of `labels` the open issues carrying it, and
   * (when given) the open issues updated since `updatedSince`, each with its labels, relation
   * counts and first comments (src/github/octokit/work-items.ts
   * for the page sizes). Mapped as getIssue, listOpenIssues and listComments map them; whatever
   * does not fit its page is said (see {@link WorkItemsRead}). Comments read become this port's
   * listing of their issue, as with getIssueWithComments.
   */
  readWorkItems(request: { thread?: number; labels: readonly string[]; updatedSince?: string; compareWith?: string }): Promise<WorkItemsRead>;
  /** Open issues, excluding pull requests, optionally only those carrying every given label. */
  listOpenIssues(labels?: string[], options?: { since?: string }): Promise<IssueSnapshot[]>;
  /**
   * Closed issues (not pull requests) carrying every label of `labels`, most recently updated
   * first, at most 100 (`GET /issues?state=closed&labels=...&sort=updated`; conditional, so free
   * while none changed). The sweep finds with it a landing whose record a crash lost after GitHub
   * closed the issue (reconcile.ts).
   */
  listClosedIssues(labels: string[]): Promise<IssueSnapshot[]>;
  /** GitHub sub-issues of an issue. */
  listSubIssues(number: number): Promise<IssueLink[]>;
  /** GitHub's native issue dependencies: the issues blocking this one. */
  listBlockedBy(number: number): Promise<IssueLink[]>;
  /**
   * Make issue `child` a GitHub sub-issue of `parent` (the request carries the child's issue id,
   * read first). Callers read `listSubIssues` first and add only missing links. GitHub's refusal
   * (422: a limit of 100 sub-issues, the child has another parent) comes back as `ok: false` for
   * the caller to report; other errors reject.
   */
  addSubIssue(parent: number, child: number): Promise<RelationResult>;
  /**
   * Mark issue `number` as blocked by issue `blocking` (GitHub's native issue dependency; the
   * request carries the blocking issue's id, read first). Callers read `listBlockedBy` first and
   * add only missing links. A refusal (422: the limit of 50 blocked-by links) comes back as `ok: false`.
   */
  addBlockedBy(number: number, blocking: number): Promise<RelationResult>;
  /** Close an issue with a state reason. No-op if already closed. */
  closeIssue(number: number, reason: "completed" | "not_planned"): Promise<void>;
  /** Reopen a closed issue (a failed verification after landing, issue #13). No-op if open. */
  reopenIssue(number: number): Promise<void>;
  /**
   * Open a new issue as the app (the dashboard issue, an epic's planned children). Labels are set at
   * creation (the app has triage access). Not idempotent on its own: callers look for an existing
   * one first. With `marker` (hidden text in `body`), a create whose answer was lost is not sent
   * again blindly: the open issues are searched for a bot-authored one carrying the marker.
   */
  createIssue(spec: { title: string; body: string; labels: string[]; marker?: string }): Promise<IssueSnapshot>;
  /** Replace an issue's body. Callers compare first, so an unchanged body is never written. */
  updateIssueBody(number: number, body: string): Promise<void>;

  // --- labels ---------------------------------------------------------------------------------
  /** Create missing labels and fix colour/description of existing ones. */
  ensureLabels(specs: LabelSpec[]): Promise<void>;
  /**
   * Add and remove labels on an issue or pull request, given its current labels: only labels not
   * present are added and only present ones removed (no churn). Labels missing from the
   * repository are created first from `catalog` when given, so they get colours and descriptions.
   * Returns whether anything was written.
   */
  applyLabels(
    number: number,
    current: string[],
    change: { add: string[]; remove: string[] },
    catalog?: LabelSpec[],
  ): Promise<boolean>;

  // --- comments -------------------------------------------------------------------------------
  listComments(number: number): Promise<CommentSnapshot[]>;
  /**
   * Ensure one bot-authored comment carrying `marker` (a hidden HTML comment) exists on the issue
   * with `body` (which must contain the marker): created if absent, edited only if the body
   * differs. Only comments whose author type is "Bot" count, so a person cannot forge one; when
   * several carry the marker, the OLDEST (lowest id) is the one (see {@link findComment}).
   *
   * Two writers (replicas, or a create whose answer was lost and was retried) may both create one.
   * How that is settled is `options.unique` (see {@link UpsertCommentOptions}): by default lazily,
   * at the next read of the marker, at no request in the usual case; eagerly, by listing the
   * comments again right after creating, only where the caller must know at once.
   * Returns the comment kept and whether it was created or updated; `theirs` as documented on
   * {@link UpsertCommentOptions.keepTheirs}.
   */
  upsertComment(number: number, marker: string, body: string, options?: UpsertCommentOptions): Promise<UpsertCommentResult>;
  /**
   * Comment `id` of issue `issue`, read now (never from a pass's memory), or null when it was
   * deleted. Used to check that a status comment did not change between reading an item and writing
   * it (app/item-writes.ts). It is read through the issue's first page of comments: the very request
   * with which the pass listed them, sent again as a conditional request, so it costs no rate limit
   * when no comment of the issue changed since (GitHub answers 304); by id when it is not there.
   */
  getComment(id: number, issue: number): Promise<CommentSnapshot | null>;
  /**
   * The oldest (lowest id) bot-authored comment containing `marker`, or null. Read from the
   * issue's comment list (listed once per port, then kept current with our own writes).
   * Lazy duplicate cleanup (issue #9, "Two replicas safe"): when the list shows more than one
   * such comment, the newer ones by the oldest's author are deleted (a 404 means another writer
   * deleted it first; another failure is logged and the duplicate is left for a later read) and
   * dropped from the list. No request beyond the listing unless there is a duplicate.
   */
  findComment(number: number, marker: string): Promise<CommentSnapshot | null>;
  /**
   * A work item's write in ONE request (issue #9 "A request budget": one label write per
   * transition, at most one status-comment edit per event): the comment `comment.id` gets
   * `comment.body`, and labels `add` are added to and `remove` removed from issue `number`, as one
   * GraphQL document of `updateIssueComment`, `addLabelsToLabelable` and `removeLabelsFromLabelable`
   * (run in order by GitHub; each is idempotent, so a request whose answer was lost is safely sent
   * again). Labels missing from the repository are created first from `catalog`, as in
   * {@link applyLabels}. Without the node ids it needs (a snapshot not read from GitHub, a label
   * outside the catalog) it falls back to REST: the comment edit, then {@link applyLabels}.
   * GitHub's refusal of any part rejects (GraphqlResponseError); the parts before it are applied.
   *
   * `then`: publications sent after the item's parts IN THE SAME DOCUMENT (GitHub runs a mutation
   * document's fields in order), as {@link publish} sends them; so an item write and the check runs
   * and review that publish it are one request. When the document creates something, it is sent
   * without blind retries: a request whose answer was lost is sent again only when what it creates
   * is not found. A part GitHub refuses does not stop the later parts (each field is its own
   * mutation); the refusal rejects after the document ran. Without the node ids the document
   * needs, `then` is sent after the REST writes, as {@link publish} sends it.
   * @returns whether the comment and the labels were written; `gone` when the comment no longer
   *   exists (a person deleted it; the label parts and `then` still ran), for the caller to create
   *   it again
   */
  editItem(
    issue: { number: number; nodeId?: string; labels: string[] },
    edit: { comment: CommentSnapshot | null; body: string; add: string[]; remove: string[] },
    catalog?: LabelSpec[],
    then?: readonly Publication[],
  ): Promise<{ comment: boolean; labels: boolean; gone?: true }>;
  /**
   * A work item's first write in ONE request: the marker comment `body` is created on issue
   * `issue.number` together with the label changes (GraphQL `addComment`, `addLabelsToLabelable`,
   * `removeLabelsFromLabelable`). Not idempotent: sent without blind retries, and a create whose
   * answer was lost is looked for before it is sent again (as every create). Duplicates are then
   * settled as {@link upsertComment} with `keepTheirs` does (the oldest kept; `theirs: true` when
   * another writer's is older), from the comments the same request reads after the create. Without the node ids it needs, it falls
   * back to REST: {@link upsertComment} then {@link applyLabels}.
   * @returns the kept comment as {@link upsertComment} returns it, and whether labels were written
   */
  createItemComment(
    issue: { number: number; nodeId?: string; labels: string[] },
    marker: string,
    body: string,
    change: { add: string[]; remove: string[] },
    catalog?: LabelSpec[],
  ): Promise<UpsertCommentResult & { labels: boolean }>;
  /** Add a reaction to an issue comment (idempotent on GitHub). */
  addReaction(commentId: number, content: "+1" | "-1" | "eyes" | "rocket" | "confused" | "hooray"): Promise<void>;

  // --- people ---------------------------------------------------------------------------------
  /** The user's permission on the repository, asked now ("none" for outsiders). */
  getPermission(login: string): Promise<Permission>;
  /** Whether `login` is an active member of team `org/teamSlug`. */
  isTeamMember(org: string, teamSlug: string, login: string): Promise<boolean>;

  // --- actions --------------------------------------------------------------------------------
  /**
   * workflow_dispatch of `workflow` (file name) on `ref` with string inputs. A missing workflow
   * (404) or refused inputs (422) come back as `ok: false` for the caller to report.
   * Exactly once: inputs naming an attempt (`issue`, `attempt`) or a reviewer run (`issue`, `mode:
   * review`, `pr`, `head`) first create the idempotency ref `refs/orchestrator/dispatch/...`
   * (github/dispatch-key.ts; creating a ref fails when it exists); when it already exists nothing
   * is sent and `duplicate: true` comes back. A dispatch whose answer was lost is never resent
   * before looking for its run by run name. Any other failure rejects (the attempt then has a ref
   * and no run: the reconciler records a new attempt).
   * `run`: the run GitHub started, when it says (`return_run_details`, GitHub.com since February
   * 2026: 200 with `workflow_run_id` and `html_url`; a server answering 204 gives none).
   */
  dispatchWorkflow(workflow: string, ref: string, inputs: Record<string, string>): Promise<DispatchResult>;
  /** Recent runs of a workflow (newest first). */
  listWorkflowRuns(workflow: string): Promise<WorkflowRunSnapshot[]>;
  /** Cancel a workflow run; no-op if it already finished. */
  cancelWorkflowRun(runId: number): Promise<void>;

  // --- pull requests --------------------------------------------------------------------------
  getPullRequest(number: number): Promise<PullRequestSnapshot | null>;
  /** The open pull request whose head is `branch` in this repository, or null. */
  findOpenPullRequest(branch: string): Promise<PullRequestSnapshot | null>;
  listOpenPullRequests(): Promise<PullRequestSnapshot[]>;
  /** Open a pull request from `head` into `base`, or update title/body of the open one. */
  openOrUpdatePullRequest(spec: { head: string; base: string; title: string; body: string }): Promise<PullRequestSnapshot>;
  listPullRequestFiles(number: number): Promise<ChangedFile[]>;
  listReviews(number: number): Promise<ReviewSnapshot[]>;
  /**
   * Post a pull request review on `commitId`, unless one of ours carrying `marker` already exists
   * for that commit. Returns whether a review was created. `options.absent`: the caller knows none
   * can exist yet (see review.ts), so the reviews are not listed first.
   */
  ensureReview(number: number, spec: ReviewSpec, options?: { absent?: boolean }): Promise<boolean>;
  /**
   * Bring the pull request's head up to date with its base (merge of base into head), only if
   * the head is still `expectedHeadSha`. `ok: false` with 422 for a moved head or a conflict.
   * On success `sha` is the expected head (the new head arrives later via `synchronize`).
   */
  updateBranch(number: number, expectedHeadSha: string): Promise<GuardedResult>;
  /**
   * Merge only if the head is still `sha` (GitHub's `sha` precondition). `ok: false` with 405
   * (not mergeable) or 409 (head moved) for the queue to re-evaluate; never retried blindly.
   */
  mergeIfHeadIs(
    number: number,
    sha: string,
    method: "merge" | "squash" | "rebase",
    commit?: { title?: string; message?: string },
  ): Promise<GuardedResult>;

  // --- checks ---------------------------------------------------------------------------------
  /**
   * Create or update our check run named `spec.name` on `spec.headSha`. Returns its id, or null
   * when `spec.ifShown` and no run of ours of that name is on the head (nothing written).
   */
  upsertCheckRun(spec: CheckRunSpec): Promise<number | null>;
  /**
   * Sends `publications` in order, in ONE GraphQL request when there is more than one write to
   * send (`createCheckRun`, `updateCheckRun`, `addPullRequestReview`; issue #9 "A request budget"),
   * each exactly as {@link upsertCheckRun} or {@link ensureReview} would: a completed run with an
   * unchanged conclusion, an `ifShown` run not on the head, or a review already posted is not sent.
   * The reads that decide this (our runs on a head, the reviews) come from the pass's memory or
   * are made first. Without the node ids a document needs (the repository's, a pull request's, a
   * run's) the publications go through REST one by one. Errors as {@link editItem}'s `then`.
   */
  publish(publications: readonly Publication[]): Promise<void>;
  /** Every check run on a commit (all apps). */
  listCheckRuns(ref: string): Promise<CheckRunSnapshot[]>;
  /** Commit statuses on a commit (latest per context). */
  listCommitStatuses(ref: string): Promise<CommitStatusSnapshot[]>;
  /**
   * Everything {@link listCheckRuns} and {@link listCommitStatuses} answer for commit `sha` (40 hex
   * digits; anything else, such as a branch name, is read by those two REST requests), in ONE
   * GraphQL request instead of two REST ones (issue #9 "A request budget"): `runs` is every app's latest check run per app and name, newest first, mapped exactly
   * as the REST read maps them (lower-case `status`/`conclusion`, `appSlug` of the owning app);
   * `statuses` is the latest commit status per context. One more request per further page (over
   * 50 check suites, or over 100 runs in one suite). A commit GitHub does not know: both empty.
   * Our own runs it lists are remembered for {@link upsertCheckRun}, as with listCheckRuns.
   */
  listChecks(sha: string): Promise<{ runs: CheckRunSnapshot[]; statuses: CommitStatusSnapshot[] }>;
}
