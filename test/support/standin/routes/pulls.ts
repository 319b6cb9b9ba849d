/**
 * Pull requests backed by real git: open/list/get/edit, files, commits, reviews, update-branch and
 * merge (merge | squash | rebase) with GitHub's status codes (409 head moved, 405 not mergeable,
 * 422 expected_head_sha mismatch / merge conflict on update-branch).
 */
import type { StandInContext } from "../context.js";
import type { IssueRecord, PullRecord, ReviewRecord } from "../state.js";
import { emit, emitItem, pullPayload } from "../events.js";
import { noreplyEmail } from "../git-backend.js";
import { requireRole, setIssueState } from "../mutations.js";
import { HttpError, intParam, notFound, paginate, unprocessable, type RouteRequest, type RouteResult, type Routes } from "../routing.js";
import { isoNow, pullJson, reviewJson, type PullDetail } from "../shapes.js";
import { commitJson, fileJson } from "./repos.js";

/** Merge base sha kept for merged pulls so their files/commits stay what was merged. */
const frozenBase = new WeakMap<PullRecord, string>();

/** Records a pull request as merged (and closed) by `by` as commit `sha`; its diff stays the merged one. */
function markMerged(ctx: StandInContext, pr: PullRecord, issue: IssueRecord, merge: { sha: string; mergeBase: string; by: string }): void {
  frozenBase.set(pr, merge.mergeBase);
  const now = isoNow();
  pr.merged = true;
  pr.mergedAt = now;
  pr.mergedBy = merge.by;
  pr.mergeCommitSha = merge.sha;
  issue.state = "closed";
  issue.closedAt = now;
  issue.closedBy = merge.by;
  issue.updatedAt = now;
}

/**
 * GitHub's "merged by a push": a push that makes an open pull request's head part of its base
 * branch marks it merged (by the pusher, as the pushed commit) and closes it, as when the base
 * is fast-forwarded to a tested staging head. Called for every branch push.
 */
export async function mergedByPush(ctx: StandInContext, push: { branch: string; before: string; after: string }, pusher: string): Promise<void> {
  const { branch, before, after } = push;
  for (const pr of ctx.state.pulls.values()) {
    const issue = ctx.state.issues.get(pr.number)!;
    if (pr.baseRef !== branch || issue.state !== "open" || !(await ctx.git.isAncestor(pr.headSha, after))) continue;
    markMerged(ctx, pr, issue, { sha: after, mergeBase: (await ctx.git.mergeBase(before, pr.headSha)) ?? before, by: pusher });
    ctx.note({ kind: "write", actor: pusher, item: pr.number, summary: `PR #${pr.number} merged by a push of ${branch} to ${after.slice(0, 7)} by ${pusher}` });
    emit(ctx, "pull_request", pusher, { action: "closed", number: pr.number, pull_request: await pullPayload(ctx, pr) });
  }
}

/**
 * Submits a review of pull request `number` by `caller`, as GitHub's REST `POST .../reviews` and
 * GraphQL `addPullRequestReview` do, with GitHub's refusals (422): no pending reviews (an event is
 * required here), a closed pull request, approving or requesting changes on one's own, a body
 * missing where the event needs one. Sends `pull_request_review.submitted`.
 */
export async function submitReview(
  ctx: StandInContext,
  number: number,
  b: { body?: string | null; event?: "APPROVE" | "REQUEST_CHANGES" | "COMMENT" | null; commitId?: string | null },
  caller: string,
): Promise<ReviewRecord> {
  const { pr, issue } = mustPull(ctx, number);
  if (!b.event) throw unprocessable("stand-in: pending reviews (no `event`) are not supported");
  if (issue.state !== "open") throw unprocessable("Unprocessable Entity", [{ message: "Can not review a closed pull request" }]);
  if (b.event !== "COMMENT" && issue.user === caller) {
    throw unprocessable("Unprocessable Entity", [`Can not ${b.event === "APPROVE" ? "approve" : "request changes on"} your own pull request`]);
  }
  if (b.event !== "APPROVE" && !b.body) throw unprocessable("Unprocessable Entity", ["Body is required for this review event"]);
  const state = b.event === "APPROVE" ? "APPROVED" : b.event === "REQUEST_CHANGES" ? "CHANGES_REQUESTED" : "COMMENTED";
  const review: ReviewRecord = { id: ctx.state.ids.take("review"), pullNumber: pr.number, user: caller, body: b.body ?? "", state, commitId: b.commitId ?? pr.headSha, submittedAt: isoNow() };
  ctx.state.reviews.push(review);
  ctx.note({ kind: "write", actor: caller, item: pr.number, summary: `PR #${pr.number} review ${state} by ${caller}` });
  emit(ctx, "pull_request_review", caller, { action: "submitted", review: reviewJson(ctx, review), pull_request: await pullPayload(ctx, pr) });
  return review;
}

function mustPull(ctx: StandInContext, n: number): { pr: PullRecord; issue: IssueRecord } {
  const pr = ctx.state.pulls.get(n);
  const issue = ctx.state.issues.get(n);
  if (!pr || !issue) throw notFound();
  return { pr, issue };
}

async function diffBase(ctx: StandInContext, pr: PullRecord): Promise<string> {
  const frozen = frozenBase.get(pr);
  if (frozen) return frozen;
  const base = await ctx.git.branchSha(pr.baseRef);
  if (!base) return pr.headSha;
  return (await ctx.git.mergeBase(base, pr.headSha)) ?? base;
}

/** A pull request's computed fields (mergeability, the base tip, counts), as its single GET shows them (REST and GraphQL). */
export async function pullDetail(ctx: StandInContext, pr: PullRecord, issue: IssueRecord): Promise<PullDetail> {
  const baseSha = await ctx.git.branchSha(pr.baseRef);
  const from = await diffBase(ctx, pr);
  // The three git answers at once (each is one or more git processes, cached by sha).
  const head = pr.headSha;
  const [files, between, merged] = await Promise.all([
    ctx.git.diffFiles(from, head),
    ctx.git.commitsBetween(from, head),
    baseSha ? ctx.git.mergeTree(baseSha, head) : null,
  ]);
  const commits = between.length;
  let mergeable: boolean | null = null;
  let mergeableState = "unknown";
  if (issue.state === "open" && merged) {
    mergeable = merged.clean;
    const failing = [...ctx.state.checkRuns.values()].some(
      (r) => r.headSha === pr.headSha && r.status === "completed" && ["failure", "timed_out", "cancelled", "action_required"].includes(r.conclusion ?? ""),
    ) || ctx.state.statuses.some((s) => s.sha === pr.headSha && (s.state === "failure" || s.state === "error"));
    mergeableState = !mergeable ? "dirty" : pr.draft ? "draft" : failing ? "unstable" : "clean";
  }
  return {
    baseSha,
    mergeable,
    mergeableState,
    commits,
    additions: files.reduce((s, f) => s + f.additions, 0),
    deletions: files.reduce((s, f) => s + f.deletions, 0),
    changedFiles: files.length,
  };
}

export async function fullPullJson(ctx: StandInContext, pr: PullRecord, issue: IssueRecord) {
  const d = await pullDetail(ctx, pr, issue);
  return pullJson(ctx, pr, d.baseSha, d);
}

function headBranch(ctx: StandInContext, head: string): string {
  const i = head.indexOf(":");
  if (i < 0) return head;
  if (head.slice(0, i) !== ctx.owner) throw unprocessable("Validation Failed", [{ resource: "PullRequest", field: "head", code: "invalid" }]);
  return head.slice(i + 1);
}

/** Issues closed by a merged PR body per GitHub's closing keywords ("Closes #12", "fixes #3"). */
export function closingIssues(body: string | null): number[] {
  const out: number[] = [];
  for (const m of (body ?? "").matchAll(/\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+#(\d+)\b/gi)) out.push(Number(m[1]));
  return [...new Set(out)];
}

export function pullRoutes(routes: Routes): void {
  routes.add("POST", "/repos/{owner}/{repo}/pulls", async (req, ctx) => {
    const b = req.body as { title?: string; head: string; base: string; body?: string; draft?: boolean; maintainer_can_modify?: boolean; issue?: number };
    const head = headBranch(ctx, b.head);
    const headSha = await ctx.git.branchSha(head);
    const baseSha = await ctx.git.branchSha(b.base);
    if (!headSha) throw unprocessable("Validation Failed", [{ resource: "PullRequest", field: "head", code: "invalid" }]);
    if (!baseSha) throw unprocessable("Validation Failed", [{ resource: "PullRequest", field: "base", code: "invalid" }]);
    for (const p of ctx.state.pulls.values()) {
      if (p.headRef === head && p.baseRef === b.base && ctx.state.issues.get(p.number)?.state === "open") {
        throw unprocessable("Validation Failed", [{ resource: "PullRequest", code: "custom", message: `A pull request already exists for ${ctx.owner}:${head}.` }]);
      }
    }
    if ((await ctx.git.commitsBetween(baseSha, headSha)).length === 0) {
      throw unprocessable("Validation Failed", [{ resource: "PullRequest", code: "custom", message: `No commits between ${b.base} and ${head}` }]);
    }
    const now = isoNow();
    const number = ctx.state.ids.take("number");
    const issue: IssueRecord = {
      id: ctx.state.ids.take("issue"),
      number,
      title: b.title ?? head,
      body: b.body ?? null,
      state: "open",
      stateReason: null,
      labels: [],
      user: req.caller,
      assignees: [],
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closedBy: null,
      isPull: true,
      parent: null,
      subIssues: [],
      blockedBy: [],
    };
    const pr: PullRecord = {
      number,
      id: ctx.state.ids.take("pull"),
      headRef: head,
      headSha,
      baseRef: b.base,
      draft: b.draft ?? false,
      merged: false,
      mergedAt: null,
      mergedBy: null,
      mergeCommitSha: null,
      maintainerCanModify: b.maintainer_can_modify ?? true,
    };
    ctx.state.issues.set(number, issue);
    ctx.state.pulls.set(number, pr);
    ctx.note({ kind: "write", actor: req.caller, item: number, summary: `PR #${number} opened by ${req.caller}: ${head} -> ${b.base} "${issue.title}"` });
    emit(ctx, "pull_request", req.caller, { action: "opened", number, pull_request: await pullPayload(ctx, pr) });
    return { status: 201, body: await fullPullJson(ctx, pr, issue), headers: { location: `${ctx.apiUrl}/repos/${ctx.owner}/${ctx.repo}/pulls/${number}` } };
  });

  routes.add("GET", "/repos/{owner}/{repo}/pulls", async (req, ctx) => {
    const state = req.query.get("state") ?? "open";
    const head = req.query.get("head");
    const base = req.query.get("base");
    const direction = req.query.get("direction") ?? "desc";
    let list = [...ctx.state.pulls.values()].filter((p) => state === "all" || ctx.state.issues.get(p.number)!.state === state);
    if (head) {
      const [owner, branch] = head.includes(":") ? head.split(/:(.*)/s) : [ctx.owner, head];
      list = owner === ctx.owner ? list.filter((p) => p.headRef === branch) : [];
    }
    if (base) list = list.filter((p) => p.baseRef === base);
    list.sort((a, b) => (direction === "asc" ? a.number - b.number : b.number - a.number));
    const json = [];
    for (const p of list) json.push(pullJson(ctx, p, await ctx.git.branchSha(p.baseRef)));
    return paginate(req, json);
  });

  routes.add("GET", "/repos/{owner}/{repo}/pulls/{pull_number}", async (req, ctx) => {
    const { pr, issue } = mustPull(ctx, intParam(req, "pull_number"));
    return { status: 200, body: await fullPullJson(ctx, pr, issue) };
  });

  routes.add("PATCH", "/repos/{owner}/{repo}/pulls/{pull_number}", async (req, ctx) => {
    const { pr, issue } = mustPull(ctx, intParam(req, "pull_number"));
    if (issue.user !== req.caller) requireRole(ctx, req.caller, "write");
    const b = (req.body ?? {}) as { title?: string; body?: string; state?: "open" | "closed"; base?: string; maintainer_can_modify?: boolean };
    const changes: Record<string, unknown> = {};
    if (b.title !== undefined && b.title !== issue.title) {
      changes.title = { from: issue.title };
      issue.title = b.title;
    }
    if (b.body !== undefined && b.body !== issue.body) {
      changes.body = { from: issue.body ?? "" };
      issue.body = b.body;
    }
    if (b.base !== undefined && b.base !== pr.baseRef) {
      if (!(await ctx.git.branchSha(b.base))) throw unprocessable("Validation Failed", [{ resource: "PullRequest", field: "base", code: "invalid" }]);
      changes.base = { ref: { from: pr.baseRef }, sha: { from: await ctx.git.branchSha(pr.baseRef) } };
      pr.baseRef = b.base;
    }
    if (b.maintainer_can_modify !== undefined) pr.maintainerCanModify = b.maintainer_can_modify;
    if (Object.keys(changes).length) {
      issue.updatedAt = isoNow();
      ctx.note({ kind: "write", actor: req.caller, item: pr.number, summary: `PR #${pr.number} edited (${Object.keys(changes).join(", ")}) by ${req.caller}` });
      await emitItem(ctx, "edited", issue, req.caller, { changes });
    }
    if (b.state && b.state !== issue.state) {
      if (pr.merged) throw unprocessable("Validation Failed", [{ resource: "PullRequest", code: "custom", message: "Cannot reopen a merged pull request" }]);
      await setIssueState(ctx, issue, b.state, null, req.caller);
    }
    return { status: 200, body: await fullPullJson(ctx, pr, issue) };
  });

  routes.add("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/files", async (req, ctx) => {
    const { pr } = mustPull(ctx, intParam(req, "pull_number"));
    const files = await ctx.git.diffFiles(await diffBase(ctx, pr), pr.headSha);
    return paginate(req, files.map((f) => fileJson(ctx, pr.headSha, f)));
  });

  routes.add("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/commits", async (req, ctx) => {
    const { pr } = mustPull(ctx, intParam(req, "pull_number"));
    const shas = await ctx.git.commitsBetween(await diffBase(ctx, pr), pr.headSha);
    const json = [];
    for (const s of shas) json.push(commitJson(ctx, await ctx.git.commitInfo(s)));
    return paginate(req, json);
  });

  routes.add("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews", async (req, ctx) => {
    const { pr } = mustPull(ctx, intParam(req, "pull_number"));
    return paginate(req, ctx.state.reviews.filter((r) => r.pullNumber === pr.number).map((r) => reviewJson(ctx, r)));
  });

  routes.add("POST", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews", async (req, ctx) => {
    const b = (req.body ?? {}) as { body?: string; event?: "APPROVE" | "REQUEST_CHANGES" | "COMMENT"; commit_id?: string };
    const review = await submitReview(ctx, intParam(req, "pull_number"), { body: b.body, event: b.event, commitId: b.commit_id }, req.caller);
    return { status: 200, body: reviewJson(ctx, review) };
  });

  routes.add("PUT", "/repos/{owner}/{repo}/pulls/{pull_number}/update-branch", async (req, ctx) => {
    const { pr, issue } = mustPull(ctx, intParam(req, "pull_number"));
    requireRole(ctx, req.caller, "write");
    const expected = (req.body as { expected_head_sha?: string } | undefined)?.expected_head_sha;
    if (issue.state !== "open") throw unprocessable("Pull request is closed");
    if (expected && expected !== pr.headSha) throw unprocessable("expected head sha didn’t match current head ref.");
    const baseSha = await ctx.git.branchSha(pr.baseRef);
    if (!baseSha) throw unprocessable("Base branch does not exist");
    if (await ctx.git.isAncestor(baseSha, pr.headSha)) throw unprocessable("There are no new commits on the base branch.");
    const merged = await ctx.git.mergeTree(pr.headSha, baseSha);
    if (!merged.clean) throw unprocessable("merge conflict between base and head", [{ conflicts: merged.conflicts }]);
    const before = pr.headSha;
    const sha = await ctx.git.commitTree(merged.tree, [before, baseSha], `Merge branch '${pr.baseRef}' into ${pr.headRef}`, { name: req.caller, email: noreplyEmail(req.caller) });
    if (!(await ctx.git.updateRef(`refs/heads/${pr.headRef}`, sha, before))) throw unprocessable("expected head sha didn’t match current head ref.");
    await ctx.onPush([{ ref: `refs/heads/${pr.headRef}`, before, after: sha }], req.caller);
    return { status: 202, body: { message: "Updating pull request branch.", url: `${ctx.baseUrl}/${ctx.owner}/${ctx.repo}/pull/${pr.number}` } };
  });

  routes.add("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/merge", async (req, ctx) => {
    const { pr } = mustPull(ctx, intParam(req, "pull_number"));
    if (!pr.merged) throw notFound();
    return { status: 204 };
  });

  routes.add("PUT", "/repos/{owner}/{repo}/pulls/{pull_number}/merge", async (req, ctx) => {
    const { pr, issue } = mustPull(ctx, intParam(req, "pull_number"));
    requireRole(ctx, req.caller, "write");
    const b = (req.body ?? {}) as { sha?: string; merge_method?: "merge" | "squash" | "rebase"; commit_title?: string; commit_message?: string };
    if (issue.state !== "open" || pr.merged) throw new HttpError(405, "Pull Request is not mergeable");
    // A pull request merges once, as on GitHub: a second merge arriving while the first is still
    // being applied (two replicas) is refused, not applied on top of the first.
    const inFlight = mergesInFlight.get(ctx) ?? new Set<number>();
    mergesInFlight.set(ctx, inFlight);
    if (inFlight.has(pr.number)) throw new HttpError(405, "Pull Request is not mergeable");
    inFlight.add(pr.number);
    try {
      return await mergePull(req, ctx, pr, issue, b);
    } finally {
      inFlight.delete(pr.number);
    }
  });
}

/** Merges being applied, per stand-in, by pull request number (see the merge route). */
const mergesInFlight = new WeakMap<object, Set<number>>();

async function mergePull(
  req: RouteRequest,
  ctx: StandInContext,
  pr: PullRecord,
  issue: IssueRecord,
  b: { sha?: string; merge_method?: "merge" | "squash" | "rebase"; commit_title?: string; commit_message?: string },
): Promise<RouteResult> {
  if (b.sha && b.sha !== pr.headSha) throw new HttpError(409, "Head branch was modified. Review and try the merge again.");
  const baseSha = await ctx.git.branchSha(pr.baseRef);
  if (!baseSha) throw new HttpError(405, "Pull Request is not mergeable");
  const mergeBase = (await ctx.git.mergeBase(baseSha, pr.headSha)) ?? baseSha;
  const merged = await ctx.git.mergeTree(baseSha, pr.headSha);
  if (!merged.clean) throw new HttpError(405, "Pull Request is not mergeable");
  const author = { name: req.caller, email: noreplyEmail(req.caller) };
  const method = b.merge_method ?? "merge";
  let sha: string | null;
  if (method === "merge") {
    const title = b.commit_title ?? `Merge pull request #${pr.number} from ${ctx.owner}/${pr.headRef}`;
    sha = await ctx.git.commitTree(merged.tree, [baseSha, pr.headSha], `${title}\n\n${b.commit_message ?? issue.title}`, author);
  } else if (method === "squash") {
    const title = b.commit_title ?? `${issue.title} (#${pr.number})`;
    const msgs = [];
    for (const c of await ctx.git.commitsBetween(mergeBase, pr.headSha)) msgs.push(`* ${(await ctx.git.commitInfo(c)).message}`);
    sha = await ctx.git.commitTree(merged.tree, [baseSha], `${title}\n\n${b.commit_message ?? msgs.join("\n\n")}`, author);
  } else {
    sha = await ctx.git.rebaseOnto(baseSha, mergeBase, pr.headSha);
    if (!sha) throw new HttpError(405, "This branch can't be rebased");
  }
  if (!(await ctx.git.updateRef(`refs/heads/${pr.baseRef}`, sha, baseSha))) throw new HttpError(405, "Base branch was modified. Review and try the merge again.");
  markMerged(ctx, pr, issue, { sha, mergeBase, by: req.caller });
  ctx.note({ kind: "write", actor: req.caller, item: pr.number, summary: `PR #${pr.number} merged (${method}) into ${pr.baseRef} as ${sha.slice(0, 7)} by ${req.caller}` });
  await ctx.onPush([{ ref: `refs/heads/${pr.baseRef}`, before: baseSha, after: sha }], req.caller);
  emit(ctx, "pull_request", req.caller, { action: "closed", number: pr.number, pull_request: await pullPayload(ctx, pr) });
  if (pr.baseRef === "main") {
    for (const n of closingIssues(issue.body)) {
      const target = ctx.state.issues.get(n);
      if (target && !target.isPull) await setIssueState(ctx, target, "closed", "completed", req.caller);
    }
  }
  return { status: 200, body: { sha, merged: true, message: "Pull Request successfully merged" } };
}
