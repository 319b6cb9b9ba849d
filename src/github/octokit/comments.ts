import type { CommentSnapshot, UpsertCommentOptions, UpsertCommentResult } from "../port.js";
import { policyOf } from "../retry-policy.js";
import { createOnce, NO_BLIND_RETRY } from "./create-once.js";
import { toComment, type RawComment } from "./map.js";
import type { PortContext } from "./types.js";
import { statusOf } from "./types.js";

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
export function commentOps({ octokit, repo }: PortContext) {
  const lists = new Map<number, CommentSnapshot[]>();
  const policy = policyOf(octokit);

  async function readComments(number: number): Promise<CommentSnapshot[]> {
    const raw = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: number, per_page: 100 });
    const comments = (raw as RawComment[]).map(toComment);
    lists.set(number, comments);
    return [...comments];
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
   * Eager uniqueness, after creating `created`: the comments are listed again and the oldest with
   * the marker is kept; our newer duplicates are deleted (see deleteNewer).
   */
  async function keepOldest(number: number, marker: string, created: CommentSnapshot): Promise<CommentSnapshot> {
    const mine = ours(await readComments(number), marker);
    const kept = mine[0];
    if (!kept) return created;
    await deleteNewer(number, mine, created.author.login);
    return kept;
  }

  async function update(number: number, id: number, body: string): Promise<void> {
    const { data } = await octokit.rest.issues.updateComment({ ...repo, comment_id: id, body });
    remember(number, toComment(data as RawComment));
  }

  async function getComment(id: number): Promise<CommentSnapshot | null> {
    try {
      const { data } = await octokit.rest.issues.getComment({ ...repo, comment_id: id });
      return toComment(data as RawComment);
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  return {
    listComments,
    getComment,
    findComment,
    async upsertComment(number: number, marker: string, body: string, options: UpsertCommentOptions = {}): Promise<UpsertCommentResult> {
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
      const kept = await keepOldest(number, marker, created);
      if (kept.id === created.id) return { id: created.id, created: true, updated: false };
      if (options.keepTheirs) return { id: kept.id, created: false, updated: false, theirs: true };
      if (kept.body !== body) await update(number, kept.id, body);
      return { id: kept.id, created: false, updated: kept.body !== body };
    },
    async addReaction(commentId: number, content: "+1" | "-1" | "eyes" | "rocket" | "confused" | "hooray"): Promise<void> {
      await octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: commentId, content });
    },
  };
}
