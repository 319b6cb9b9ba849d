import { gateWindowStart } from "../domain/budget-check.js";
import { planDispatch, type DispatchCandidate } from "../domain/dispatch-plan.js";
import { deadLetterOfState } from "../domain/dead-letter.js";
import { dispatchGate, type GateItem } from "../domain/dispatch-gate.js";
import { replaceAttempt, type Attempt, type ItemState } from "../domain/item-state.js";
import { statusFromLabels } from "../domain/labels.js";
import { parseIssue } from "../domain/parse-issue.js";
import { computedTrack, explicitTrack } from "../domain/track.js";
import { computeWsjf } from "../domain/wsjf.js";
import type { IssueSnapshot } from "../github/port.js";
import { lifecycle, loadItemFor, saveItem } from "./item-store.js";
import { expectEcho } from "./own-echoes.js";
import type { RepoSession } from "./session.js";
import { authorizeDispatch } from "./trust-guards.js";

/** Attempts of an item that count against `worker.max_attempts` (a trusted `/retry` resets). */
export function attemptsUsed(state: ItemState): number {
  return state.attempts.length - Math.min(state.attemptBudgetFrom, state.attempts.length);
}

/** The dispatch candidate of an open issue, from its labels and text (no status comment read). */
function candidateOf(session: RepoSession, issue: IssueSnapshot): DispatchCandidate | null {
  const status = statusFromLabels(issue.labels, session.config);
  if (status === null) return null;
  const parsed = parseIssue({ title: issue.title, body: issue.body, labels: issue.labels }, session.config);
  const score = computeWsjf(parsed.wsjf, session.config.wsjf.sizes).score;
  const track = explicitTrack(issue.labels, session.config) ?? computedTrack(score, parsed.size, session.config);
  return {
    issue: issue.number,
    status,
    track,
    score,
    createdAt: issue.createdAt,
    hold: issue.labels.includes(session.config.labels.hold),
    // Checked precisely on the item's state before dispatching; labels cannot tell.
    attemptsUsed: 0,
    maxAttempts: session.config.worker.max_attempts,
  };
}

/**
 * Dispatches ready items while capacity allows (workers issue, "Scheduling and dispatch"):
 * hotfix first, then WSJF descending, then oldest; at most `worker.max_concurrent` items
 * in progress per repository. For each item, the attempt is recorded in its state (status
 * `in-progress`) BEFORE the workflow is dispatched, so a redelivered event or a second replica
 * sees the item in progress and never dispatches twice. Returns the issues dispatched.
 *
 * Request budget (issue #9): the open issues labelled ready, then (only when there are any, which
 * is seldom: an item is ready between its triage and its dispatch) those labelled in progress:
 * label-filtered lists, so the cost grows with the items in those two statuses, never with the
 * number of open issues. Labels only nominate (see below).
 */
export async function scheduleDispatch(session: RepoSession): Promise<number[]> {
  const { status } = session.config.labels;
  const candidatesOf = (issues: IssueSnapshot[]) =>
    // A project item is an epic: its children are dispatched, never the epic itself.
    issues.map((i) => candidateOf(session, i)).filter((c): c is DispatchCandidate => c !== null && c.track !== "project");
  const ready = await session.port.listOpenIssues([status.ready]);
  const candidates = candidatesOf(ready);
  if (candidates.length === 0) return [];
  const inProgress = candidatesOf(await session.port.listOpenIssues([status["in-progress"]])).filter((c) => c.status === "in-progress").length;
  const capacity = Math.max(0, session.config.worker.max_concurrent - inProgress);
  if (capacity === 0) return [];
  // trust (#10): labels only nominate, in priority order; dispatchItem decides from the state, so
  // a nominee it refuses (a forged `status/ready`) leaves its slot to the next one.
  const order = planDispatch({ items: candidates, inProgress: 0, maxConcurrent: candidates.length });
  const dispatched: number[] = [];
  const facts = repositoryFacts(session);
  for (const number of order) {
    if (dispatched.length >= capacity) break;
    const issue = ready.find((i) => i.number === number);
    if (!issue) continue;
    const ok = await dispatchItem(session, issue, "initial", facts);
    if (ok) dispatched.push(number);
  }
  return dispatched;
}

/**
 * Records a new attempt and dispatches the worker workflow for it, or blocks the item when its
 * attempt budget is spent. Only when the trust rules allow it at this moment (authorizeDispatch:
 * a fresh triage, then domain/trust/authority.ts); `nominated` names the item, its labels decide
 * nothing. Returns whether a worker was dispatched.
 */
export async function dispatchItem(
  session: RepoSession,
  nominated: IssueSnapshot,
  reason: Attempt["reason"],
  facts: () => Promise<GateItem[]> = repositoryFacts(session),
): Promise<boolean> {
  // trust (#10): decided from a fresh triage of the item's state, never from its labels.
  const issue = await authorizeDispatch(session, nominated.number, reason);
  if (!issue) return false;
  const item = await loadItemFor(session, issue);
  const { config } = session;
  // Nothing is dispatched while the item is held; it stays as it is until `/unhold`.
  if (issue.labels.includes(config.labels.hold)) return false;
  if (attemptsUsed(item.state) >= config.worker.max_attempts) {
    const runs = item.state.attempts.map((a) => (a.runUrl ? `[attempt ${a.n}](${a.runUrl})` : `attempt ${a.n}`)).join(", ");
    const blockedReason = `all ${config.worker.max_attempts} attempts are used (${runs || "none recorded"})`;
    // Issue 12: on the dead-letter list, unless an earlier rule put it there already (its reason stands).
    const letter = item.state.deadLetter ? null : deadLetterOfState(item.state, config.worker.max_attempts);
    const deadLetter = letter ? { ...letter, at: session.now() } : undefined;
    await saveItem(
      session,
      item,
      { ...item.state, status: lifecycle(item.state, { kind: "dispatch-failed" }).item.status, blockedReason, ...(deadLetter ? { deadLetter } : {}) },
      item.state.deadLetter || deadLetter ? { add: [config.labels.dead_letter] } : {},
    );
    return false;
  }
  const next = lifecycle(item.state, { kind: "dispatched" });
  if (next.ignored) {
    session.log.info({ issue: issue.number, status: item.state.status, reason }, "not dispatched: the item's status does not allow a new attempt");
    return false;
  }
  // Issue 12: the circuit breaker and the spend caps; a denied item stays ready and says why.
  const gate = dispatchGate({
    item: { track: item.state.track, attempts: item.state.attempts },
    repository: await facts(),
    agent: config.agent.name,
    now: Date.parse(session.now()),
    caps: { perItemUsd: config.budget.per_item_usd, perDayUsd: config.budget.per_day_usd },
    breaker: { threshold: config.breaker.threshold, cooldownMs: config.breaker.cooldown_minutes * 60_000 },
  });
  if (!gate.allow) {
    session.log.info({ issue: issue.number, gate: gate.gate, why: gate.reason }, "not dispatched: held by a budget or the circuit breaker");
    // Written only when the reason changes, so a pass over a held item costs no write.
    if (item.state.dispatchWait?.reason !== gate.reason) await saveItem(session, item, { ...item.state, dispatchWait: { reason: gate.reason, at: session.now() } });
    return false;
  }
  const n = item.state.attempts.length + 1;
  const attempt: Attempt = { n, dispatchedAt: session.now(), reason, outcome: "dispatched", agent: config.agent.name, ...(gate.probe ? { probe: true } : {}) };
  const started: ItemState = { ...item.state, status: next.item.status, attempts: [...item.state.attempts, attempt], blockedReason: undefined, dispatchWait: undefined };
  const ref = await session.port.getDefaultBranch();
  // Commit point of a dispatch: GitHub's. The attempt's dispatch key is claimed (a ref) and its
  // run started, then the attempt is recorded with the run GitHub named, in the pass's one item
  // write (item-writes.ts SELF_RECORDING: the item's staged state is checked unchanged first, not
  // written). A crash between leaves the key claimed and the attempt unrecorded: the next pass
  // that dispatches attempt n meets the claim (`duplicate`) and records it, and the reconciler
  // finds its run by run name or, when none started, gives it up and runs the next attempt.
  // Its worker waits for the record (worker/run-worker.ts).
  const result = await session.port.dispatchWorkflow(config.worker.workflow, ref, { issue: String(issue.number), attempt: String(n) });
  if (!result.ok) {
    const { status } = result;
    // A missing or invalid worker workflow is a setup problem a person must fix: say so on the
    // item instead of failing the event (which GitHub would redeliver to the same end).
    const reason =
      status === 404
        ? `the worker workflow \`.github/workflows/${config.worker.workflow}\` was not found on \`${ref}\`; add it (see the README's "Worker workflow" section), then comment \`/retry\``
        : `GitHub refused to dispatch \`${config.worker.workflow}\` (${result.message}); check its \`workflow_dispatch\` inputs \`issue\` and \`attempt\`, then comment \`/retry\``;
    await saveItem(session, item, {
      ...started,
      status: lifecycle(started, { kind: "dispatch-failed" }).item.status,
      blockedReason: reason,
      attempts: replaceAttempt(started.attempts, n, { outcome: "failed", summary: "dispatch refused" }),
    });
    session.log.warn({ issue: issue.number, status }, "worker dispatch refused");
    return false;
  }
  // The run GitHub started, when it says (return_run_details): recorded with the attempt, so the
  // status comment and the dashboard link it at once, and the run's `requested` event is this
  // pass's own echo. Without it (a duplicate, or a server answering 204) the run is recorded from
  // that event (monitor.ts).
  const { run } = result;
  await saveItem(session, item, run ? { ...started, attempts: replaceAttempt(started.attempts, n, { runId: run.id, runUrl: run.htmlUrl }) } : started);
  if (run) expectEcho(session, `started:${run.id}`);
  // Later nominees of this pass see this attempt: one probe per half-open breaker, and its estimate in the day's spend.
  (await facts()).push({ track: item.state.track, attempts: [attempt] });
  session.log.info({ issue: issue.number, attempt: n, reason, workflow: config.worker.workflow }, "worker dispatched");
  return true;
}

/**
 * What the dispatch gate reads of the repository, read at most once per pass and only when a
 * dispatch is near: every open work item's track and attempts (one status comment read per item;
 * `open` when the caller listed the open issues already). Items whose state cannot be read count
 * with no attempts. The list is the pass's own: a dispatch appends its attempt to it.
 */
export function repositoryFacts(session: RepoSession): () => Promise<GateItem[]> {
  let read: Promise<GateItem[]> | null = null;
  const since = () => gateWindowStart(Date.parse(session.now()), session.config.breaker.cooldown_minutes);
  return () => (read ??= (async () => readGateItems(session, await session.port.listOpenIssues([], { since: since() })))());
}

async function readGateItems(session: RepoSession, open: readonly IssueSnapshot[]): Promise<GateItem[]> {
  const items: GateItem[] = [];
  for (const issue of open) {
    if (issue.isPullRequest || issue.labels.includes(session.config.labels.ignore)) continue;
    // No comment at all: no status comment, so no attempt to count (a new issue; no read).
    if (issue.comments === 0) continue;
    const { state } = await loadItemFor(session, issue);
    items.push({ track: state.track, attempts: state.attempts });
  }
  return items;
}
