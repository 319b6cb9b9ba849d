import type { Probot } from "probot";
import { handleCommandComment, handlePullRequestPush, handleSubmittedReview } from "../commands.js";
import { inRepository, sourceOf, type AppOptions } from "../route.js";

/**
 * Human commands (issue #5 "Commands"): new comments on issues and pull requests (edited comments
 * are never re-run), GitHub review approvals when `merge.accept_github_reviews` is on, and pushes
 * to an item's pull request, which void an approval unless they are the merge queue's own update.
 */
export function registerCommands(app: Probot, options: AppOptions): void {
  const commandOptions = options.appSlug ? { appSlug: options.appSlug } : {};

  app.on("issue_comment.created", async (context) => {
    const { comment, issue } = context.payload;
    // Bots (our app, workers' reports, other apps) never give commands; skip before any API call.
    if (comment.user?.type === "Bot" || !comment.body?.includes("/")) return;
    await inRepository(sourceOf(context), { kind: "issue", number: issue.number }, options, async (session) => {
      await handleCommandComment(
        session,
        {
          id: comment.id,
          body: comment.body,
          author: { login: comment.user?.login ?? "", type: comment.user?.type ?? "User" },
          number: issue.number,
          onPullRequest: issue.pull_request !== undefined && issue.pull_request !== null,
        },
        commandOptions,
      );
    });
  });

  app.on("pull_request_review.submitted", async (context) => {
    const { review, pull_request: pr } = context.payload;
    if (review.user?.type === "Bot") return;
    await inRepository(sourceOf(context), { kind: "issue", number: pr.number }, options, async (session) => {
      await handleSubmittedReview(
        session,
        {
          id: review.id,
          state: review.state,
          author: { login: review.user?.login ?? "", type: review.user?.type ?? "User" },
          commitId: review.commit_id ?? null,
          prNumber: pr.number,
        },
        commandOptions,
      );
    });
  });

  app.on("pull_request.synchronize", async (context) => {
    const { pull_request: pr, before, after, sender } = context.payload;
    await inRepository(sourceOf(context), { kind: "commit", sha: after }, options, async (session) => {
      await handlePullRequestPush(session, { prNumber: pr.number, before, after, sender: { login: sender.login, type: sender.type } }, commandOptions);
    });
  });
}
