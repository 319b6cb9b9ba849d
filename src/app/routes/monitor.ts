import type { Probot } from "probot";
import { toComment, type RawComment } from "../../github/octokit/map.js";
import { handleWorkerReport, handleWorkflowRun } from "../monitor.js";
import { inRepository, sourceOf, type AppOptions } from "../route.js";

/**
 * The worker side of the lifecycle: report comments from workers (a bot-authored structured
 * handoff) and workflow runs of the worker workflow (the completion guarantee).
 */
export function registerMonitor(app: Probot, options: AppOptions): void {
  app.on("issue_comment.created", async (context) => {
    const { comment, issue } = context.payload;
    if (comment.user?.type !== "Bot" || issue.pull_request) return;
    if (!comment.body?.includes("orchestrator:report ")) return;
    await inRepository(sourceOf(context), { kind: "issue", number: issue.number }, options, async (session) => {
      await handleWorkerReport(session, issue.number, toComment(comment as RawComment), options.appSlug);
    });
  });

  app.on("workflow_run", async (context) => {
    const run = context.payload.workflow_run;
    await inRepository(sourceOf(context), { kind: "none" }, options, async (session) => {
      await handleWorkflowRun(session, {
        id: run.id,
        path: run.path,
        displayTitle: (run as { display_title?: string }).display_title ?? run.name ?? "",
        status: run.status ?? "unknown",
        conclusion: run.conclusion ?? null,
        htmlUrl: run.html_url,
      }, options.appSlug);
    });
  });
}
