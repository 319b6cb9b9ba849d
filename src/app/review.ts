import { evidenceFromBody } from "../domain/pull-request-text.js";
import type { ItemState, ReviewRecord, ReviewRun as ReviewerRunRecord } from "../domain/item-state.js";
import { parseWorkItem } from "../domain/pm/refine-merge.js";
import { parseReviewRunTitle } from "../domain/run-title.js";
import { checkScope } from "../domain/scope.js";
import { reviewPullRequest, type ReviewCheckRun, type ReviewInput, type ReviewResult } from "../domain/verdict.js";
import type { CheckRunSnapshot, CommitStatusSnapshot, PullRequestSnapshot, Publication } from "../github/port.js";
import { GITHUB_COMMENT_LIMIT } from "../domain/bounds.js";
import { acceptVerdict, workerIdentities } from "../domain/trust/report-acceptance.js";
import { loadItem, saveItem, type LoadedItem } from "./item-store.js";
import { findItemForPullRequest, type PullRequestLink } from "./pr-link.js";
import type { RepoSession } from "./session.js";
import { decodeReviewerVerdictBlock, decodeTddEvidenceBlock, reviewerVerdictMarker, reviewMarker } from "../domain/item/markers.js";
import type { TddEvidence } from "../domain/tdd.js";
import { ownership } from "../domain/item/ownership.js";
import { nextChecksWait } from "./checks-grace.js";
import { queueEligibility } from "../domain/queue-membership.js";
import { othersChecks, queueCandidate } from "./queue-state.js";

/**
 * The PM review of a worker's pull request, through GitHub (issue #5 "PM review"): gathers the
 * checks on the head, the changed files against the item's scope and gates, the acceptance
 * criteria and the worker's evidence, asks the pure `reviewPullRequest`, and posts the outcome:
 * check runs `orchestrator/review` and `orchestrator/scope` (annotations per file outside scope),
 * a pull request review (COMMENT or REQUEST_CHANGES, as the domain decides; never APPROVE), and
 * the verdict in `state.reviews`. CHANGES_REQUESTED sends the findings back to the worker as
 * `state.feedback` with a new attempt (reason "review"), within the attempt budget. The verdict
 * never merges anything.
 *
 * The review also runs the checks grace of the head (checks-grace.ts, issue #11 "Tokens"): a head
 * that no check reports on is said once, with the fix, while workflows run on pull requests.
 *
 * Every write is idempotent (check runs by name and head, the review by a marker per head and
 * verdict, the state only on change), so a redelivered event writes nothing new.
 *
 * The optional reviewer agent (`review.agent`): when the PM review alone would approve (checks done
 * and green, scope and criteria fine), the reviewer run is dispatched once per head commit (the
 * worker workflow with `mode: review`, recorded in `state.reviewRuns` before dispatching) and the
 * verdict stays PENDING until the run's verdict comment for that head arrives (bot-authored, found
 * by its marker; see reviewer-verdict-block.ts). Its raw JSON goes to the domain as
 * `reviewerVerdict`; a comment without a usable verdict, or a run that ended without a comment,
 * goes as `reviewerProblem`: both fail the review with a finding naming the problem. When the PM
 * already requests changes (or still waits for checks), no reviewer is run: it could only add
 * findings, and the worker is sent back anyway.
 */

/** What a review did, for logs and tests. */
export interface ReviewRun {
  pr: number;
  issue: number;
  headSha: string;
  verdict: ReviewResult["verdict"];
  /** The findings were recorded as feedback: a new attempt is due (the schedule phase dispatches it). */
  sendBack: boolean;
}

/**
 * Reviews pull request `number` if a work item records it as its own (from the worker's report).
 * Closed pull requests and items that are done are left alone. Returns null when there was
 * nothing to review.
 */
export async function reviewPullRequestNumber(session: RepoSession, number: number): Promise<ReviewRun | null> {
  const pr = await session.port.getPullRequest(number);
  if (!pr || pr.state !== "open") return null;
  const link = await findItemForPullRequest(session, pr);
  // Only the pull request the item records (from its worker's report) is reviewed: a worker's pull
  // request seen before its report is reviewed when the report records it (the review-item
  // follow-up), so a green verdict is never posted while `/approve` would still be refused
  // (issue #9 item 6); a person's pull request that only names the item is never reviewed.
  if (!link?.recorded) return null;
  if (link.item.state.merged || link.item.state.status === "done") return null;
  return reviewLinked(session, pr, link);
}

async function reviewLinked(session: RepoSession, pr: PullRequestSnapshot, link: PullRequestLink): Promise<ReviewRun> {
  const { port, config } = session;
  const item = link.item;
  const { runs, statuses } = await port.listChecks(pr.headSha);
  const parsed = parseWorkItem({ title: item.issue.title, body: item.issue.body, labels: item.issue.labels }, item.state, config);
  const globs = parsed.scope.length > 0 ? parsed.scope : config.scope.default;
  // The merge queue's own update of an approved head (the approval carries to it). It merges the
  // base into the head and nothing else (update-branch; queue-state.ts `isUpdateOf`), so the paths
  // it changes against the base are the approved head's: the scope judged there stands, and the
  // files are not read again (issue #9 "A request budget"). The item records this pull request
  // (`link.recorded`), so `state.pr` is its record.
  const queueUpdate = !!item.state.approval && item.state.queue?.updatedTo === pr.headSha;
  const scope = queueUpdate
    ? { outOfScope: item.state.pr!.outOfScope, gated: item.state.pr!.gated }
    : checkScope(await port.listPullRequestFiles(pr.number), globs, config.autonomy.gate, config.autonomy.max_deleted_files);
  const checks = testChecks(runs, statuses, session.ours.appSlug);
  const input: ReviewInput = {
    headSha: pr.headSha,
    checks,
    requiredChecks: config.merge.required_checks,
    acceptanceCriteria: parsed.acceptanceCriteria,
    evidence: evidenceFromBody(pr.body, parsed.acceptanceCriteria),
    scope: { outOfScope: scope.outOfScope, gated: scope.gated },
    ...(session.ours.appSlug ? { appSlug: session.ours.appSlug } : {}),
    ...(config.worker.tdd ? { tdd: { evidence: tddEvidenceOf(pr.body) } } : {}),
  };
  let result = reviewPullRequest(input);
  let current = item;
  if (config.review.agent && result.verdict === "APPROVED") {
    const reviewer = await reviewerInput(session, item, pr, session.ours.appSlug);
    current = reviewer.item;
    result = reviewPullRequest({ ...input, ...reviewer.input });
  }

  // issue #11 "Tokens": a head no check ever reports on (pushed with GITHUB_TOKEN) is said, once.
  const checksWait = await nextChecksWait(session, current, pr, checks.length);
  // Commit point of a review: the verdict in the item's state. The check runs and the pull request
  // review that publish it follow the item's write (item-writes.ts `follow`), so a green check is
  // never shown before the app recorded what it judged (issue #9 item 6), and the pass's other
  // saves (the queue's position of the item) go in the same write. A crash between the two leaves
  // a verdict without its check run, which the reconciler's sweep reviews again (reconcile.ts).
  const standing = queueEligibility(queueCandidate(session, current, pr, othersChecks(session, pr.headSha, runs, statuses), await port.getDefaultBranch()), config);
  const queueReason = standing.eligible ? null : standing.reason;
  const sendBack = await recordVerdict(session, current, pr, { recorded: link.recorded, result, scope, checksWait, queueReason });
  // The first verdict on this head: no review of ours can exist for it yet (one is posted only
  // after its verdict is written), so none is looked for.
  const firstVerdict = !current.state.reviews.some((r) => r.headSha === pr.headSha);
  // On the queue's own update no `/approve` waits on this verdict, so it may be published before it
  // is recorded, and the queue's merge of the head that follows writes the verdict and the landing
  // in one item write. A crash between leaves a head without its verdict recorded, which the queue
  // or the sweep reviews again.
  // The same verdict as on the head it updated: the pull request review given there stands (a
  // review is the pull request's, not only its commit's); only the check runs, which a required
  // check needs on the new head, are posted again.
  const reviewStands = queueUpdate && current.state.reviews.some((r) => r.headSha === current.state.queue?.updatedFrom && r.verdict === result.verdict);
  const publications: Publication[] = checkRunsToPost(session, result, runs, { pendingShown: !queueUpdate });
  if (result.review && !reviewStands) {
    const marker = reviewMarker(pr.headSha, result.verdict);
    const review = { commitId: pr.headSha, event: result.review.event, body: `${marker}\n${result.review.body}`, marker };
    publications.push({ kind: "review", pr: { number: pr.number, ...(pr.nodeId ? { nodeId: pr.nodeId } : {}) }, review, absent: firstVerdict });
  }
  // Led only when a merge may follow in this pass (an approved verdict): otherwise it rides in the
  // item's write like any other review's.
  if (queueUpdate && result.verdict === "APPROVED") session.items.lead(publications);
  else session.items.follow(publications);
  session.log.info({ pr: pr.number, issue: item.issue.number, head: pr.headSha, verdict: result.verdict, sendBack }, "pull request reviewed");
  return { pr: pr.number, issue: item.issue.number, headSha: pr.headSha, verdict: result.verdict, sendBack };
}

/**
 * The reviewer agent's part of the review of `pr`'s head: its verdict comment (raw verdict, or the
 * problem that kept it from giving one), else a recorded run that failed (its problem), else a
 * wait (PENDING), dispatching the run first when none is recorded for the head (not while the item
 * is held: nothing is dispatched under `hold`). Returns the item as saved.
 */
async function reviewerInput(session: RepoSession, item: LoadedItem, pr: PullRequestSnapshot, appSlug?: string): Promise<{ input: Partial<ReviewInput>; item: LoadedItem }> {
  const comment = await acceptedVerdictComment(session, item, pr, appSlug);
  if (comment) {
    const decoded = decodeReviewerVerdictBlock(comment.body);
    if (decoded.kind === "absent") return { input: { reviewerProblem: "the reviewer's comment carries no verdict block" }, item };
    if (decoded.kind === "invalid") return { input: { reviewerProblem: decoded.reason }, item };
    const { block } = decoded;
    if (block.problem !== undefined) return { input: { reviewerProblem: block.problem }, item };
    if (block.verdict === undefined) return { input: { reviewerProblem: "the reviewer's comment carries no verdict" }, item };
    return { input: { reviewerVerdict: block.verdict }, item };
  }
  const run = item.state.reviewRuns.find((r) => r.headSha === pr.headSha);
  if (run?.failure !== undefined) return { input: { reviewerProblem: run.failure }, item };
  if (run || item.issue.labels.includes(session.config.labels.hold)) return { input: { reviewerExpected: true }, item };
  const dispatched = await dispatchReviewer(session, item, pr);
  return { input: dispatched.failure !== undefined ? { reviewerProblem: dispatched.failure } : { reviewerExpected: true }, item: dispatched.item };
}

/**
 * trust (#10): the first verdict comment for `pr`'s head that the rules accept (a worker identity,
 * for the reviewer run in flight, naming this pull request and head); others are logged and ignored.
 */
async function acceptedVerdictComment(session: RepoSession, item: LoadedItem, pr: PullRequestSnapshot, appSlug?: string) {
  const marker = reviewerVerdictMarker(pr.headSha);
  const identities = workerIdentities(session.config.trust.worker_identities, appSlug);
  for (const comment of await session.port.listComments(pr.number)) {
    if (!comment.body.includes(marker)) continue;
    const decoded = comment.body.length > GITHUB_COMMENT_LIMIT ? null : decodeReviewerVerdictBlock(comment.body);
    const block = decoded?.kind === "ok" ? { pr: decoded.block.pr, headSha: decoded.block.headSha } : null;
    const acceptance = acceptVerdict({ author: comment.author, identities, pr: pr.number, headSha: pr.headSha, block, state: item.state });
    if (acceptance.accepted) return comment;
    session.log.warn({ pr: pr.number, comment: comment.id, author: comment.author.login, reason: acceptance.reason }, "reviewer verdict ignored");
  }
  return null;
}

/**
 * Dispatches the reviewer run for `pr`'s head: the worker workflow with inputs `issue`, `mode:
 * review`, `pr`, `head` and `agent` (the reviewer's CLI to install), on the default branch. The run
 * is recorded BEFORE dispatching (once per head, also across redeliveries and replicas); a refused
 * dispatch is recorded as the run's failure (the review then fails, naming it).
 */
async function dispatchReviewer(session: RepoSession, item: LoadedItem, pr: PullRequestSnapshot): Promise<{ item: LoadedItem; failure?: string }> {
  const { port, config } = session;
  const agent = config.review.agent;
  const record: ReviewerRunRecord = { headSha: pr.headSha, pr: pr.number, dispatchedAt: session.now() };
  const saved = await saveItem(session, item, { ...item.state, reviewRuns: [...item.state.reviewRuns, record] });
  const ref = await port.getDefaultBranch();
  const inputs = { issue: String(item.issue.number), mode: "review", pr: String(pr.number), head: pr.headSha, agent: agent?.name ?? config.agent.name };
  const result = await port.dispatchWorkflow(config.worker.workflow, ref, inputs);
  if (result.ok) {
    session.log.info({ issue: item.issue.number, pr: pr.number, head: pr.headSha, agent: inputs.agent }, "reviewer dispatched");
    return { item: saved };
  }
  const failure =
    result.status === 404
      ? `the worker workflow \`.github/workflows/${config.worker.workflow}\` was not found on \`${ref}\`, so the reviewer could not run`
      : `GitHub refused to dispatch the reviewer run of \`${config.worker.workflow}\` (${result.message}); its \`workflow_dispatch\` needs the inputs \`mode\`, \`pr\`, \`head\` and \`agent\` (see docs/worker.md)`;
  session.log.warn({ issue: item.issue.number, pr: pr.number, status: result.status }, "reviewer dispatch refused");
  const failed = await saveItem(session, saved, { ...saved.state, reviewRuns: withRunFailure(saved.state.reviewRuns, pr.headSha, failure) });
  return { item: failed, failure };
}

function withRunFailure(runs: readonly ReviewerRunRecord[], headSha: string, failure: string): ReviewerRunRecord[] {
  return runs.map((r) => (r.headSha === headSha ? { ...r, failure } : r));
}

/** The fields of a completed workflow run that the reviewer's completion check needs. */
export interface ReviewerRunFacts {
  path: string;
  displayTitle: string;
  status: string;
  conclusion: string | null;
  htmlUrl: string;
}

/**
 * A reviewer run completed (the worker workflow, titled by `reviewRunTitle`): if no verdict comment
 * for its head exists, the run's failure is recorded and the pull request reviewed again, so the
 * review fails naming it (a missing verdict is never ignored). Returns the pull request to review
 * again when a failure was recorded, else null.
 */
export async function handleReviewerRunCompleted(session: RepoSession, run: ReviewerRunFacts): Promise<number | null> {
  if (run.status !== "completed" || !run.path.endsWith(`/${session.config.worker.workflow}`)) return null;
  const ids = parseReviewRunTitle(run.displayTitle);
  if (!ids) return null;
  const item = await loadItem(session, ids.issue);
  const record = item?.state.reviewRuns.find((r) => r.pr === ids.pr && r.headSha.startsWith(ids.headSha));
  if (!item || !record || record.failure !== undefined) return null;
  const pr = await session.port.getPullRequest(ids.pr);
  if (pr && pr.headSha === record.headSha && (await acceptedVerdictComment(session, item, pr, session.ours.appSlug))) return null;
  if ((!pr || pr.headSha !== record.headSha) && (await session.port.findComment(ids.pr, reviewerVerdictMarker(record.headSha)))) return null;
  const failure = `the reviewer run ended ${run.conclusion ?? "without a conclusion"} without posting a verdict ([run](${run.htmlUrl}))`;
  await saveItem(session, item, { ...item.state, reviewRuns: withRunFailure(item.state.reviewRuns, record.headSha, failure) });
  session.log.warn({ issue: ids.issue, pr: ids.pr, head: record.headSha, conclusion: run.conclusion }, "reviewer run ended without a verdict");
  return ids.pr;
}

/** The worker's red-then-green evidence in a pull request body (`worker.tdd`): decoded, the problem, or null. */
function tddEvidenceOf(body: string): TddEvidence | string | null {
  const decoded = decodeTddEvidenceBlock(body);
  return decoded.kind === "ok" ? decoded.value : decoded.kind === "invalid" ? decoded.reason : null;
}

/**
 * The checks the review judges as tests: every check run and commit status on the head except
 * this app's own (`orchestrator/*`: the review, scope, queue and config checks), since the review
 * must not wait for or judge itself. Commit statuses count as runs (pending = in progress).
 */
export function testChecks(runs: readonly CheckRunSnapshot[], statuses: readonly CommitStatusSnapshot[], appSlug?: string): ReviewCheckRun[] {
  const own = ownership(appSlug);
  const fromRuns = runs.filter((r) => !own.checkRun(r)).map((r) => ({ name: r.name, status: r.status, conclusion: r.conclusion, appSlug: r.appSlug }));
  const fromStatuses = statuses.map((s) => ({
    name: s.context,
    status: s.state === "pending" ? "in_progress" : "completed",
    conclusion: s.state === "pending" ? null : s.state === "success" ? "success" : "failure",
    appSlug: null,
  }));
  return [...fromRuns, ...fromStatuses];
}

/**
 * Both check runs to post. A pending review is written once (an in-progress run already there is
 * left alone, so waiting events write nothing), and not at all when `pendingShown` is false (the
 * merge queue's own update of an approved head: the queue's check run and the item say it waits
 * for the checks, and the review's run is created once, with its verdict); completed runs are
 * left alone by the port when the conclusion is unchanged.
 */
function checkRunsToPost(session: RepoSession, result: ReviewResult, runs: readonly CheckRunSnapshot[], options: { pendingShown: boolean }): Publication[] {
  const mine = (name: string) => runs.find((r) => r.name === name && session.ours.checkRun(r));
  const existing = mine(result.reviewCheck.name);
  const pendingAlready = result.verdict === "PENDING" && ((existing !== undefined && existing.status !== "completed") || !options.pendingShown);
  return [...(pendingAlready ? [] : [result.reviewCheck]), result.scopeCheck].map((spec) => ({ kind: "checkRun", spec }));
}

/**
 * Records the verdict on the item (one record per head, rewritten only when the verdict or the
 * findings change) and, for the item's own pull request, its head, the scope found on it and the
 * checks grace of the head (`checksWait`, see checks-grace.ts).
 * CHANGES_REQUESTED on the recorded pull request of an item `in-review` dispatches a new attempt
 * with the findings as feedback (the scheduler blocks the item instead when the budget is spent);
 * the dispatch moves the item to `in-progress`, so a redelivered event dispatches nothing more.
 */
async function recordVerdict(
  session: RepoSession,
  item: LoadedItem,
  pr: PullRequestSnapshot,
  review: { recorded: boolean; result: ReviewResult; scope: { outOfScope: string[]; gated: string[] }; checksWait: ItemState["checksWait"]; queueReason: string | null },
): Promise<boolean> {
  const { recorded, result, scope } = review;
  const state = item.state;
  let next: ItemState = state;
  // Not a merge queue member (no approval of this head yet, held, out of scope...): the review
  // says why, with the pull request and its checks in hand, exactly as the queue would
  // (`queueEligibility`), so no queue evaluation is needed to say it (request budget, issue #9).
  // A member's place is the queue's to write.
  if (review.queueReason !== null && state.queue?.position === undefined && state.queue?.reason !== review.queueReason) {
    next = { ...next, queue: { ...(state.queue ?? {}), reason: review.queueReason } };
  }
  if (result.verdict !== "PENDING") next = { ...next, reviews: withReview(state.reviews, { headSha: pr.headSha, verdict: result.verdict, at: session.now(), findings: result.findings }) };
  if (recorded && state.pr) next = { ...next, pr: { ...state.pr, headSha: pr.headSha, outOfScope: scope.outOfScope, gated: scope.gated } };
  if (JSON.stringify(review.checksWait) !== JSON.stringify(state.checksWait)) next = { ...next, checksWait: review.checksWait };
  const sendBack = result.verdict === "CHANGES_REQUESTED" && recorded && state.status === "in-review" && !item.issue.labels.includes(session.config.labels.hold);
  if (sendBack) next = { ...next, feedback: result.findings };
  if (next !== state) await saveItem(session, item, next);
  return sendBack;
}

function withReview(reviews: readonly ReviewRecord[], record: ReviewRecord): ReviewRecord[] {
  const same = reviews.find((r) => r.headSha === record.headSha);
  if (same && same.verdict === record.verdict && JSON.stringify(same.findings) === JSON.stringify(record.findings)) return [...reviews];
  return [...reviews.filter((r) => r.headSha !== record.headSha), record];
}

