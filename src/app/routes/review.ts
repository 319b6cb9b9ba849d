import type { Probot } from "probot";
import { REVIEWER_VERDICT_TAG } from "../../domain/reviewer-verdict-block.js";
import { parseReviewRunTitle } from "../../domain/run-title.js";
import { handleReviewerRunCompleted, OWN_CHECK_PREFIX, reviewHead, reviewItemPullRequest, reviewPullRequestNumber } from "../review.js";
import { inRepository, sourceOf, type AppOptions } from "../route.js";

/**
 * The PM review (issue #5 "PM review"): a worker's pull request is reviewed when it is opened,
 * reopened or gets new commits, when a check on its head completes (our own `orchestrator/*`
 * checks and suites excepted, so the review never triggers itself), and when the worker's report
 * links it to its item. The review is idempotent, so the several events one push causes write once.
 * With a reviewer agent (`review.agent`), its verdict comment on the pull request (bot-authored
 * only: a person's comment never carries a verdict) and the end of its run review again.
 */
export function registerReview(app: Probot, options: AppOptions): void {
  const reviewOptions = options.appSlug ? { appSlug: options.appSlug } : {};

  app.on(["pull_request.opened", "pull_request.reopened", "pull_request.synchronize"], async (context) => {
    const pr = context.payload.pull_request;
    await inRepository(sourceOf(context), { kind: "commit", sha: pr.head.sha }, options, async (session) => {
      await reviewPullRequestNumber(session, pr.number, reviewOptions);
    });
  });

  app.on("check_run.completed", async (context) => {
    const run = context.payload.check_run;
    if (run.name.startsWith(OWN_CHECK_PREFIX)) return;
    const prs = (run.pull_requests ?? []).map((p) => p.number);
    await inRepository(sourceOf(context), { kind: "none" }, options, async (session) => {
      await reviewHead(session, run.head_sha, prs, reviewOptions);
    });
  });

  app.on("check_suite.completed", async (context) => {
    const suite = context.payload.check_suite;
    if (options.appSlug && suite.app?.slug === options.appSlug) return;
    const prs = (suite.pull_requests ?? []).map((p) => p.number);
    await inRepository(sourceOf(context), { kind: "none" }, options, async (session) => {
      await reviewHead(session, suite.head_sha, prs, reviewOptions);
    });
  });

  // The worker's report (a bot comment) links the pull request to its item and moves the item to
  // in-review; the monitor handles it first (registered earlier, same repository lock), then the
  // review runs with the link known (checks may have finished before the report arrived).
  app.on("issue_comment.created", async (context) => {
    const { comment, issue } = context.payload;
    if (comment.user?.type !== "Bot" || issue.pull_request || !comment.body?.includes("orchestrator:report ")) return;
    await inRepository(sourceOf(context), { kind: "issue", number: issue.number }, options, async (session) => {
      await reviewItemPullRequest(session, issue.number, reviewOptions);
    });
  });

  // The reviewer run's verdict comment on the pull request (the structured handoff reviewer -> app).
  app.on("issue_comment.created", async (context) => {
    const { comment, issue } = context.payload;
    if (comment.user?.type !== "Bot" || !issue.pull_request || !comment.body?.includes(REVIEWER_VERDICT_TAG)) return;
    await inRepository(sourceOf(context), { kind: "none" }, options, async (session) => {
      await reviewPullRequestNumber(session, issue.number, reviewOptions);
    });
  });

  // A reviewer run that ended without a verdict comment fails the review (never ignored).
  app.on("workflow_run.completed", async (context) => {
    const run = context.payload.workflow_run;
    const displayTitle = (run as { display_title?: string }).display_title ?? run.name ?? "";
    // Only reviewer runs (their title); worker attempts are the monitor's.
    if (!parseReviewRunTitle(displayTitle)) return;
    await inRepository(sourceOf(context), { kind: "none" }, options, async (session) => {
      const facts = { path: run.path, displayTitle, status: run.status ?? "unknown", conclusion: run.conclusion ?? null, htmlUrl: run.html_url };
      await handleReviewerRunCompleted(session, facts, reviewOptions);
    });
  });
}
