import type { CommentSnapshot, IssueSnapshot, LabelSpec, Publication, UpsertCommentOptions, UpsertCommentResult, WorkItemsRead } from "../port.js";
import { mutationDocument, refusedFields, sendMutation, type MutationPart, type PublicationOps } from "./publications.js";
import { workItemsReader } from "./work-items.js";
import { forgetKnownLabels, labelNodeIds, labelOps, netLabelChange } from "./labels.js";
import { policyOf } from "../retry-policy.js";
import { createOnce, NO_BLIND_RETRY } from "./create-once.js";
import { toComment, type RawComment } from "./map.js";
import { COMMENTS_PAGE, commentsPage, issueThreadReader } from "./issue-thread.js";
import type { PortContext } from "./types.js";
import { statusOf } from "./types.js";

/** Whether a GraphQL answer says a node one of `fields` names does not exist (NOT_FOUND). */
function notFoundIn(error: unknown, fields: readonly string[]): boolean {
  const errors = (error as { errors?: Array<{ type?: string; path?: unknown[]; extensions?: { type?: string } }> }).errors;
  return Array.isArray(errors) && errors.some((e) => (e.type ?? e.extensions?.type) === "NOT_FOUND" && Array.isArray(e.path) && fields.includes(String(e.path[0])));
}

/** The label parts of an item's write (see `itemParts`). */
const LABEL_FIELDS = ["add", "remove"] as const;

/** Bot-authored comments carrying `marker`, oldest first (GitHub's comment ids only grow). */
function ours(comments: CommentSnapshot[], marker: string): CommentSnapshot[] {
  return comments.filter((c) => c.author.type === "Bot" && c.body.includes(marker)).sort((a, b) => a.id - b.id);
}

/**
 * Comments found and written by hidden marker, so every write is an idempotent upsert.
 *
 * A port lives for one event (one session), and the app handles one event per repository at a
 * time; so an issue's comment list is read once per port and kept current with our own writes
 * instead of being listed again for every status comment read (the largest API cost per work item).
 * Duplicates that a second replica (or a retried create) made at the same time are deleted lazily,
 * when the marker is next looked up; only an eager upsert (the status comment) lists the comments
 * again right after creating (port.ts UpsertCommentOptions, issue #9 "A request budget").
 */
export function commentOps(ctx: PortContext, publications: PublicationOps) {
  const { octokit, repo } = ctx;
  const lists = new Map<number, CommentSnapshot[]>();
  const policy = policyOf(octokit);

  async function readComments(number: number): Promise<CommentSnapshot[]> {
    const raw = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: number, per_page: 100 });
    const comments = (raw as RawComment[]).map(toComment);
    lists.set(number, comments);
    return [...comments];
  }

  const readThread = issueThreadReader(ctx);
  /** See GitHubPort.getIssueWithComments: the comments read become this port's listing of the issue. */
  async function getIssueWithComments(number: number): Promise<{ issue: IssueSnapshot; comments: CommentSnapshot[] } | null> {
    const thread = await readThread(number);
    if (thread) lists.set(number, [...thread.comments]);
    return thread;
  }

  const readItems = workItemsReader(ctx);
  /** See GitHubPort.readWorkItems: every complete set of comments read becomes this port's listing of its issue. */
  async function readWorkItems(request: { thread?: number; labels: readonly string[]; updatedSince?: string; compareWith?: string }): Promise<WorkItemsRead> {
    const read = await readItems(request);
    for (const [number, comments] of read.comments) lists.set(number, [...comments]);
    return read;
  }

  async function listComments(number: number): Promise<CommentSnapshot[]> {
    const cached = lists.get(number);
    return cached ? [...cached] : readComments(number);
  }

  /**
   * The oldest of `mine` (bot-authored comments with one marker, oldest first) is kept; the newer
   * ones by `author` are deleted (a 404 means another writer deleted it first) and forgotten.
   * Every writer computes the same winner. Costs one request per duplicate, none without.
   */
  async function deleteNewer(number: number, mine: CommentSnapshot[], author: string): Promise<void> {
    for (const duplicate of mine.slice(1)) {
      if (duplicate.author.login !== author) continue;
      try {
        await octokit.rest.issues.deleteComment({ ...repo, comment_id: duplicate.id });
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
      }
      forget(number, duplicate.id);
    }
  }

  /** The oldest comment with `marker`; our duplicates of it found in the list are cleaned up lazily. */
  async function findComment(number: number, marker: string): Promise<CommentSnapshot | null> {
    const mine = ours(await listComments(number), marker);
    const oldest = mine[0];
    if (!oldest) return null;
    if (mine.length > 1) {
      // A read must not fail over a duplicate that is harmless for a moment: a failed delete is
      // logged and the duplicate is left for the next read to delete.
      await deleteNewer(number, mine, oldest.author.login).catch((error: unknown) => {
        octokit.log.warn(`comment #${oldest.id} on #${number}: a duplicate of it could not be deleted (${String(error)}); left for a later read`);
      });
    }
    return oldest;
  }

  function remember(number: number, comment: CommentSnapshot): void {
    const list = lists.get(number);
    if (!list) return;
    const at = list.findIndex((c) => c.id === comment.id);
    if (at >= 0) list[at] = comment;
    else list.push(comment);
  }

  function forget(number: number, id: number): void {
    const list = lists.get(number);
    const at = list?.findIndex((c) => c.id === id) ?? -1;
    if (list && at >= 0) list.splice(at, 1);
  }

  /** Creates the comment; a create whose answer was lost is looked for before it is sent again. */
  async function create(number: number, marker: string, body: string): Promise<CommentSnapshot> {
    return createOnce(
      policy,
      async () => {
        const { data } = await octokit.rest.issues.createComment({ ...repo, issue_number: number, body, ...NO_BLIND_RETRY });
        const created = toComment(data as RawComment);
        remember(number, created);
        return created;
      },
      async () => ours(await readComments(number), marker).find((c) => c.body === body) ?? null,
    );
  }

  /**
   * Eager uniqueness, after creating the comment `created` (its id): the comments are listed again
   * (or `listed`: as the create's own answer read them after it) and the oldest with the marker is kept; our newer duplicates (by the creator) are deleted (see
   * deleteNewer). Null when the listing shows none (GitHub's list lagging the create).
   */
  async function keepOldest(number: number, marker: string, created: number, listed?: CommentSnapshot[]): Promise<CommentSnapshot | null> {
    if (listed) lists.set(number, [...listed]);
    const mine = ours(listed ?? (await readComments(number)), marker);
    const creator = mine.find((c) => c.id === created);
    if (creator) await deleteNewer(number, mine, creator.author.login);
    return mine[0] ?? null;
  }

  async function update(number: number, id: number, body: string): Promise<void> {
    const { data } = await octokit.rest.issues.updateComment({ ...repo, comment_id: id, body });
    remember(number, toComment(data as RawComment));
  }

  async function getComment(id: number, issue: number): Promise<CommentSnapshot | null> {
    // The issue's first page of comments, as the pass listed it: conditional, so free when no
    // comment of the issue changed since (a status comment is among the first comments).
    const { data } = await octokit.rest.issues.listComments({ ...repo, issue_number: issue, per_page: 100 });
    const found = (data as RawComment[]).find((c) => c.id === id);
    if (found) return toComment(found);
    if (data.length < 100) return null;
    try {
      const { data } = await octokit.rest.issues.getComment({ ...repo, comment_id: id });
      return toComment(data as RawComment);
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  /** See GitHubPort.upsertComment and UpsertCommentOptions. */
  async function upsertComment(number: number, marker: string, body: string, options: UpsertCommentOptions = {}): Promise<UpsertCommentResult> {
    if (!body.includes(marker)) throw new Error(`upsertComment: body must contain its marker ${marker}`);
    // At most twice: a comment deleted meanwhile (by a person, or as a newer duplicate by another
    // writer whose list showed an older one) is looked for again on a fresh list.
    for (let fresh = false; !options.absent; fresh = true) {
      const existing = await findComment(number, marker);
      if (!existing) break;
      if (existing.body === body) return { id: existing.id, created: false, updated: false };
      try {
        await update(number, existing.id, body);
        return { id: existing.id, created: false, updated: true };
      } catch (error) {
        if (statusOf(error) !== 404 || fresh) throw error;
        await readComments(number);
      }
    }
    const created = await create(number, marker, body);
    const eager = options.keepTheirs === true || options.unique === "eager";
    if (!eager) return { id: created.id, created: true, updated: false };
    const kept = (await keepOldest(number, marker, created.id)) ?? created;
    if (kept.id === created.id) return { id: created.id, created: true, updated: false };
    if (options.keepTheirs) return { id: kept.id, created: false, updated: false, theirs: true };
    if (kept.body !== body) await update(number, kept.id, body);
    return { id: kept.id, created: false, updated: kept.body !== body };
  }

  /**
   * The GraphQL mutation parts of an item's write: `first` (the comment edit or create), then the
   * label parts; null when a node id they need is unknown (the caller then writes through REST).
   */
  async function itemParts(issue: { nodeId?: string }, first: MutationPart | null, change: { add: string[]; remove: string[] }, catalog?: LabelSpec[]): Promise<MutationPart[] | null> {
    const labels = change.add.length + change.remove.length > 0;
    const ids = labels ? await labelNodeIds(ctx, [...change.add, ...change.remove], catalog) : new Map<string, string | null>();
    if ((labels && !issue.nodeId) || [...ids.values()].some((id) => id === null)) return null;
    const parts = first ? [first] : [];
    // `$issue` is declared once, by the first label part.
    const issueVariable = (declared: string) => (parts.length > (first ? 1 : 0) ? declared : `$issue: ID!, ${declared}`);
    for (const [alias, mutation, names] of [
      ["add", "addLabelsToLabelable", change.add],
      ["remove", "removeLabelsFromLabelable", change.remove],
    ] as const) {
      if (names.length === 0) continue;
      parts.push({
        field: `${alias}: ${mutation}(input: { labelableId: $issue, labelIds: $${alias} }) { clientMutationId }`,
        declared: issueVariable(`$${alias}: [ID!]!`),
        variables: { issue: issue.nodeId, [alias]: names.map((name) => ids.get(name)) },
        creates: false,
      });
    }
    return parts;
  }

  /**
   * See GitHubPort.editItem: one GraphQL document for the comment edit, the label changes and the
   * publications `then`. `gone` when the comment no longer exists (a person deleted it): the label
   * parts and the publications still ran.
   */
  async function editItem(
    issue: { number: number; nodeId?: string; labels: string[] },
    edit: { comment: CommentSnapshot | null; body: string; add: string[]; remove: string[] },
    catalog?: LabelSpec[],
    then: readonly Publication[] = [],
  ): Promise<{ comment: boolean; labels: boolean; gone?: true }> {
    const change = netLabelChange(issue.labels, edit);
    const comment = edit.comment && edit.comment.body !== edit.body ? edit.comment : null;
    const labels = change.add.length + change.remove.length > 0;
    if (!comment && !labels) {
      await publications.publish(then);
      return { comment: false, labels: false };
    }
    const edit1: MutationPart | null = comment?.nodeId
      ? { field: "edit: updateIssueComment(input: { id: $comment, body: $body }) { clientMutationId }", declared: "$comment: ID!, $body: String!", variables: { comment: comment.nodeId, body: edit.body }, creates: false }
      : null;
    const published = then.length > 0 ? await publications.parts(then, "p") : [];
    const parts = (comment && !edit1) || published === null ? null : await itemParts(issue, edit1, change, catalog);
    if (!parts) {
      if (comment) await update(issue.number, comment.id, edit.body);
      const written = { comment: comment !== null, labels: await labelOps(ctx).applyLabels(issue.number, issue.labels, change, catalog) };
      await publications.publish(then);
      return written;
    }
    let labelsByRest = false;
    try {
      await sendMutation(ctx, "ItemWrite", [...parts, ...published!]);
    } catch (error) {
      const gone = comment !== null && notFoundIn(error, ["edit"]);
      labelsByRest = notFoundIn(error, LABEL_FIELDS);
      // A refusal other than these two (a publication's, or the edit's for another reason) is the pass's to handle.
      const handled = (field: string) => (gone && field === "edit") || (labelsByRest && (LABEL_FIELDS as readonly string[]).includes(field));
      const refused = refusedFields(error);
      if (refused.length === 0 || !refused.every(handled)) throw error;
      // A remembered label id GitHub no longer knows: forget them all; the labels go through REST.
      if (labelsByRest) forgetKnownLabels(ctx);
      if (gone) {
        forget(issue.number, comment.id);
        if (labelsByRest) await labelOps(ctx).applyLabels(issue.number, issue.labels, change, catalog);
        return { comment: false, labels, gone: true };
      }
    }
    if (comment) remember(issue.number, { ...comment, body: edit.body });
    if (labelsByRest) await labelOps(ctx).applyLabels(issue.number, issue.labels, change, catalog);
    return { comment: comment !== null, labels };
  }

  /**
   * See GitHubPort.createItemComment: `addComment` and the label parts in one GraphQL document,
   * sent at most once (a create whose answer was lost is looked for first), then the oldest comment
   * with the marker is kept, as upsertComment with `keepTheirs` does, from the issue's comments the
   * mutation's `subject` reads after the create (the same request: a writer that created first is
   * seen by the one that created later). More than one page of comments is listed by REST.
   */
  async function createItemComment(
    issue: { number: number; nodeId?: string; labels: string[] },
    marker: string,
    body: string,
    labelChange: { add: string[]; remove: string[] },
    catalog?: LabelSpec[],
  ): Promise<UpsertCommentResult & { labels: boolean }> {
    if (!body.includes(marker)) throw new Error(`createItemComment: body must contain its marker ${marker}`);
    const change = netLabelChange(issue.labels, labelChange);
    const labels = change.add.length + change.remove.length > 0;
    const create = issue.nodeId
      ? { field: `create: addComment(input: { subjectId: $subject, body: $body }) { commentEdge { node { fullDatabaseId } } subject { __typename ... on Issue { ${COMMENTS_PAGE()} } } }`, declared: "$subject: ID!, $body: String!", variables: { subject: issue.nodeId, body }, creates: true }
      : null;
    const parts = create ? await itemParts(issue, create, change, catalog) : null;
    const document = parts && mutationDocument("ItemWrite", parts);
    if (!document) {
      const written = await upsertComment(issue.number, marker, body, { keepTheirs: true });
      return { ...written, labels: await labelOps(ctx).applyLabels(issue.number, issue.labels, change, catalog) };
    }
    const number = issue.number;
    const landed = async () => ours(await readComments(number), marker).find((c) => c.body === body)?.id ?? null;
    type Created = { create?: { commentEdge?: { node?: { fullDatabaseId?: string } }; subject?: { comments?: unknown } | null } | null };
    let labelsByRest = false;
    // The issue's comments as the mutation left them (read after the create, in the same request):
    // the listing that settles duplicates, without a second request. Null: listed by REST.
    let listed: CommentSnapshot[] | null = null;
    const id = await createOnce(
      policy,
      async () => {
        // `fullDatabaseId` (BigInt, sent as a string): comment ids no longer fit GraphQL's 32-bit
        // `databaseId`, which GitHub then answers with an error.
        try {
          const answer = await octokit.graphql<Created>(document.query, { ...document.variables, ...NO_BLIND_RETRY });
          listed = commentsPage(answer.create?.subject?.comments);
          return Number(answer.create?.commentEdge?.node?.fullDatabaseId);
        } catch (error) {
          // Created, but a remembered label id GitHub no longer knows: the labels go through REST.
          const created = (error as { data?: Created }).data?.create?.commentEdge?.node?.fullDatabaseId;
          if (created === undefined || !notFoundIn(error, LABEL_FIELDS)) throw error;
          forgetKnownLabels(ctx);
          labelsByRest = true;
          return Number(created);
        }
      },
      landed,
    );
    if (labelsByRest) await labelOps(ctx).applyLabels(number, issue.labels, change, catalog);
    const kept = await keepOldest(number, marker, id, (listed as CommentSnapshot[] | null) ?? undefined);
    if (!kept || kept.id === id) return { id, created: true, updated: false, labels };
    return { id: kept.id, created: false, updated: false, theirs: true, labels };
  }

  return {
    getIssueWithComments,
    readWorkItems,
    editItem,
    createItemComment,
    listComments,
    getComment,
    findComment,
    upsertComment,
    async addReaction(commentId: number, content: "+1" | "-1" | "eyes" | "rocket" | "confused" | "hooray"): Promise<void> {
      await octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: commentId, content });
    },
  };
}
