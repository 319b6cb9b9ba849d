import type { CommentSnapshot } from "../port.js";
import { toComment, type RawComment } from "./map.js";
import type { PortContext } from "./types.js";

/**
 * Comments found and written by hidden marker, so every write is an idempotent upsert.
 *
 * A port lives for one event (one session), and the app handles one event per repository at a
 * time; so an issue's comment list is read once per port and kept current with our own writes
 * instead of being listed again for every status comment read (the largest API cost per work item).
 */
export function commentOps({ octokit, repo }: PortContext) {
  const lists = new Map<number, CommentSnapshot[]>();

  async function listComments(number: number): Promise<CommentSnapshot[]> {
    const cached = lists.get(number);
    if (cached) return [...cached];
    const raw = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: number, per_page: 100 });
    const comments = (raw as RawComment[]).map(toComment);
    lists.set(number, comments);
    return [...comments];
  }

  async function findComment(number: number, marker: string): Promise<CommentSnapshot | null> {
    const comments = await listComments(number);
    return comments.find((c) => c.author.type === "Bot" && c.body.includes(marker)) ?? null;
  }

  function remember(number: number, comment: CommentSnapshot): void {
    const list = lists.get(number);
    if (!list) return;
    const at = list.findIndex((c) => c.id === comment.id);
    if (at >= 0) list[at] = comment;
    else list.push(comment);
  }

  return {
    listComments,
    findComment,
    async upsertComment(number: number, marker: string, body: string) {
      if (!body.includes(marker)) throw new Error(`upsertComment: body must contain its marker ${marker}`);
      const existing = await findComment(number, marker);
      if (!existing) {
        const { data } = await octokit.rest.issues.createComment({ ...repo, issue_number: number, body });
        remember(number, toComment(data as RawComment));
        return { id: data.id, created: true, updated: false };
      }
      if (existing.body === body) return { id: existing.id, created: false, updated: false };
      const { data } = await octokit.rest.issues.updateComment({ ...repo, comment_id: existing.id, body });
      remember(number, toComment(data as RawComment));
      return { id: existing.id, created: false, updated: true };
    },
    async addReaction(commentId: number, content: "+1" | "-1" | "eyes" | "rocket" | "confused" | "hooray"): Promise<void> {
      await octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: commentId, content });
    },
  };
}
