import type { Probot } from "probot";
import { OWN_CHECK_PREFIX, reviewHead, reviewItemPullRequest, reviewPullRequestNumber } from "../review.js";
import { inRepository, sourceOf, type AppOptions } from "../route.js";

/**
 * The PM review (issue #5 "PM review"): a worker's pull request is reviewed when it is opened,
 * reopened or gets new commits, when a check on its head completes (our own `orchestrator/*`
 * checks and suites excepted, so the review never triggers itself), and when the worker's report
 * links it to its item. The review is idempotent, so the several events one push causes write once.
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
}
