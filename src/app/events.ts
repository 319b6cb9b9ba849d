import type { Context, Probot } from "probot";
import { handleEvent } from "./pipeline.js";
import { defaultBranchOf } from "../github/payload.js";
import { EVENT_NAMES, parseRepoEvent, type EventName } from "./repo-event.js";
import { sourceFor, sourceOf, type AppOptions } from "./route.js";
import { rememberPushedHead } from "./session.js";

/**
 * The app's only webhook registrations (DESIGN.md "One pass per event"): ONE `app.on` per event
 * name, whatever the action. The payload becomes a zod-validated RepoEvent and goes to the
 * pipeline; no logic here. An installation names several repositories: one pass for each.
 */
export function registerEvents(app: Probot, options: AppOptions): void {
  for (const name of EVENT_NAMES) {
    app.on(name, async (context: Context) => {
      await handle(name, context, options);
    });
  }
}

async function handle(name: EventName, context: Context, options: AppOptions): Promise<void> {
  const parsed = parseRepoEvent(name, context.payload);
  if (!parsed.ok) {
    context.log.warn({ event: name, id: context.id, reason: parsed.reason }, "webhook payload not understood; ignored");
    return;
  }
  const event = parsed.event;
  if (!event) return;
  if (event.kind === "installation") {
    for (const { owner, repo } of event.repositories) await handleEvent(sourceFor(context, owner, repo), event, options);
    return;
  }
  // A push to the default branch names its new head: the configuration's cache key, for free.
  const head = event.kind === "push" && event.ref === `refs/heads/${event.defaultBranch}` ? { defaultBranchHead: event.after } : {};
  const source = sourceOf(context);
  if (head.defaultBranchHead) rememberPushedHead(source.octokit, source.repo, head.defaultBranchHead);
  const branch = defaultBranchOf(context.payload);
  await handleEvent({ ...source, ...head, ...(branch ? { defaultBranch: branch } : {}) }, event, options);
}
