/**
 * Builds webhook payloads the way GitHub shapes them (see @octokit/webhooks-examples) and queues
 * them: every payload carries action, the object(s), repository, sender and installation {id}.
 */
import type { StandInContext } from "./context.js";
import type { IssueRecord, PullRecord } from "./state.js";
import { issueJson, nodeId, pullJson, repositoryJson, userJsonByLogin } from "./shapes.js";

/** Queues `event` with the common envelope; `sender` is the login that caused it. */
export function emit(ctx: StandInContext, event: string, sender: string, fields: Record<string, unknown>): void {
  const installationId = ctx.opts.app.installationId;
  ctx.webhooks.enqueue(event, {
    ...fields,
    repository: repositoryJson(ctx),
    sender: userJsonByLogin(ctx, sender),
    installation: { id: installationId, node_id: nodeId("Installation", installationId) },
  });
}

export async function pullPayload(ctx: StandInContext, pr: PullRecord): Promise<Record<string, unknown>> {
  const baseSha = await ctx.git.branchSha(pr.baseRef);
  return pullJson(ctx, pr, baseSha);
}

/**
 * issues.<action> for issues, pull_request.<action> for pull requests (GitHub sends labeled,
 * edited, closed... of a PR as pull_request events).
 */
export async function emitItem(
  ctx: StandInContext,
  action: string,
  issue: IssueRecord,
  sender: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  if (issue.isPull) {
    const pr = ctx.state.pulls.get(issue.number)!;
    emit(ctx, "pull_request", sender, { action, number: pr.number, pull_request: await pullPayload(ctx, pr), ...extra });
    return;
  }
  emit(ctx, "issues", sender, { action, issue: issueJson(ctx, issue), ...extra });
}
