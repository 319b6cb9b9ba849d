import type { CommentSnapshot } from "../port.js";
import { toComment, type RawComment } from "./map.js";
import type { PortContext } from "./types.js";

/** Comments found and written by hidden marker, so every write is an idempotent upsert. */
export function commentOps({ octokit, repo }: PortContext) {
  async function listComments(number: number): Promise<CommentSnapshot[]> {
    const raw = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: number, per_page: 100 });
    return (raw as RawComment[]).map(toComment);
  }

  async function findComment(number: number, marker: string): Promise<CommentSnapshot | null> {
    const comments = await listComments(number);
    return comments.find((c) => c.author.type === "Bot" && c.body.includes(marker)) ?? null;
  }

  return {
    listComments,
    findComment,
    async upsertComment(number: number, marker: string, body: string) {
      if (!body.includes(marker)) throw new Error(`upsertComment: body must contain its marker ${marker}`);
      const existing = await findComment(number, marker);
      if (!existing) {
        const { data } = await octokit.rest.issues.createComment({ ...repo, issue_number: number, body });
        return { id: data.id, created: true, updated: false };
      }
      if (existing.body === body) return { id: existing.id, created: false, updated: false };
      await octokit.rest.issues.updateComment({ ...repo, comment_id: existing.id, body });
      return { id: existing.id, created: false, updated: true };
    },
    async addReaction(commentId: number, content: "+1" | "-1" | "eyes" | "rocket" | "confused" | "hooray"): Promise<void> {
      await octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: commentId, content });
    },
  };
}
