import type { Context, Probot } from "probot";
import { periodicEnabled, startPeriodicEvaluation, type PeriodicHandle } from "../periodic.js";
import { evaluateQueue, recordQueueUpdate } from "../queue.js";
import { inRepository, sourceOf, type AppOptions } from "../route.js";

/** Periodic re-evaluations started by {@link registerQueue}, so a process can stop them all. */
const running = new Set<PeriodicHandle>();

/** Stops every periodic re-evaluation this process started (for shutdown). */
export function stopPeriodicEvaluations(): void {
  for (const handle of running) handle.stop();
  running.clear();
}

/** Whether the event was sent by our own app (`<slug>[bot]`; any app bot but Actions when the slug is unknown). */
function sentByUs(context: Context, options: AppOptions): boolean {
  const sender = (context.payload as { sender?: { login?: string; type?: string } }).sender;
  if (sender?.type !== "Bot") return false;
  if (options.appSlug) return sender.login === `${options.appSlug}[bot]`;
  return sender.login !== "github-actions[bot]";
}

/**
 * The merge queue's triggers (issue #6 "Triggers"): check runs and suites completed, pull
 * requests labeled, unlabeled, synchronized, closed or reopened, reviews submitted, pushes to the
 * default branch, an item getting the approved status label (what `/approve` writes, so the
 * evaluation sees the applied command) and the hold label going on or off an item.
 * Every trigger evaluates the whole queue from GitHub (serialized per repository), so which
 * event arrives, twice or not at all, changes nothing but when. A synchronize sent by our app
 * first records the queue's own update of an approved head. Outside tests, a periodic
 * re-evaluation catches missed events.
 */
export function registerQueue(app: Probot, options: AppOptions): void {
  const evaluate = async (context: Context): Promise<void> => {
    await inRepository(sourceOf(context), { kind: "none" }, options, evaluateQueue);
  };

  // Our own check runs, reviews, merges and pushes change nothing the queue has not seen: the
  // evaluation that caused them already went on (bots never act on their own events).
  const unlessOurs = async (context: Context): Promise<void> => {
    if (!sentByUs(context, options)) await evaluate(context);
  };
  app.on(["check_run.completed", "check_suite.completed"], unlessOurs);
  app.on(["pull_request.labeled", "pull_request.unlabeled", "pull_request.closed", "pull_request.reopened"], unlessOurs);
  app.on("pull_request_review.submitted", unlessOurs);

  app.on("pull_request.synchronize", async (context) => {
    const { pull_request: pr, before, after } = context.payload;
    await inRepository(sourceOf(context), { kind: "none" }, options, async (session) => {
      await recordQueueUpdate(session, { prNumber: pr.number, before, after, ours: sentByUs(context, options) });
      await evaluateQueue(session);
    });
  });

  app.on("push", async (context) => {
    const { ref, repository } = context.payload;
    if (ref !== `refs/heads/${repository.default_branch}`) return;
    await unlessOurs(context);
  });

  // An item approved (`/approve` writes the approved status label), or put on / taken off hold.
  app.on(["issues.labeled", "issues.unlabeled"], async (context) => {
    const label = context.payload.label?.name;
    if (context.payload.issue.pull_request || !label) return;
    const labeled = context.payload.action === "labeled";
    await inRepository(sourceOf(context), { kind: "none" }, options, async (session) => {
      const { labels } = session.config;
      if (label === labels.hold || (labeled && label === labels.status.approved)) await evaluateQueue(session);
    });
  });

  if (periodicEnabled()) running.add(startPeriodicEvaluation(app, options));
}
