import { parseIssue } from "../domain/parse-issue.js";
import { decodePmHandoffBlock, parsePlanChildMarker, planChildMarker, pmHandoffMarker } from "../domain/item/markers.js";
import { renderChildText } from "../domain/pm/plan-child.js";
import { childAction, childrenByKey, droppedChildren, nextPlanStep, type ExistingChild } from "../domain/pm/plan-reconcile.js";
import { planItems } from "../domain/pm/plan-render.js";
import type { PlanState } from "../domain/pm/plan-state.js";
import { validatePlan, type ValidPlan } from "../domain/pm/plan-validate.js";
import { approvalCovers, approvalDigest, bindApproval } from "../domain/trust/approval-digest.js";
import { isWorkerIdentity, workerIdentities } from "../domain/trust/report-acceptance.js";
import type { IssueSnapshot } from "../github/port.js";
import type { Effect, PlanRunEnd } from "./effects.js";
import { retriage, triageIssue } from "./intake.js";
import { loadItem, loadItemFor, saveItem, type LoadedItem } from "./item-store.js";
import { dispatchPlanRun } from "./pm-plan-dispatch.js";
import type { RepoSession } from "./session.js";

/**
 * The app side of planning an epic (issue #13 item 3, docs/pm-plan.md). One idempotent step
 * function, {@link advancePlan}, run by the triage phase for every epic it triages and for every
 * `plan` follow-up (a PM handoff comment arrived, `/approve plan`, `/plan`): it re-reads the epic
 * from GitHub and does what the domain (src/domain/pm/plan-reconcile.ts nextPlanStep) says is due:
 * ask the PM agent for a revision, read and validate its handoff, or create the children. So a lost
 * webhook or a crash is repaired by the next pass over the epic.
 */

/**
 * Advances epic `number`'s plan by what is due (see the module comment). `ended`: plan runs that
 * completed in this event (completion guarantee: a run of the revision asked for that posted no
 * handoff makes the plan invalid, saying so). Returns follow-ups.
 */
export async function advancePlan(session: RepoSession, number: number, ended: readonly PlanRunEnd[] = []): Promise<Effect[]> {
  if (session.config.pm.agent === null) return [];
  let item = await loadItem(session, number);
  // At most: read the handoff, then create the children it allows (two steps in one pass).
  for (let round = 0; item && round < 2; round += 1) {
    const step = nextPlanStep({
      plan: item.state.plan,
      agent: true,
      gate: session.config.pm.plan_gate,
      open: item.issue.state === "open",
      track: item.state.track,
      trusted: item.state.trusted,
      hasChildren: item.state.children.length > 0,
      textDigest: approvalDigest({ title: item.issue.title, body: item.issue.body }),
    });
    switch (step.kind) {
      case "none":
        return [];
      case "request":
        await requestPlan(session, item, step.revision);
        return [];
      case "read-handoff": {
        const read = await readHandoff(session, item, step.revision, ended.find((e) => e.revision === step.revision));
        if (!read) return [];
        item = read;
        break;
      }
      case "create": {
        const valid = await handoffPlan(session, item, step.revision);
        if (valid.ok === true) return createChildren(session, item, valid.value);
        const problem = valid.ok === "absent" ? `the handoff comment of revision ${step.revision} is gone` : valid.problem;
        await saveItem(session, item, { ...item.state, plan: { ...item.state.plan!, outcome: "invalid", problem } });
        return [];
      }
    }
  }
  return [];
}

/**
 * Records revision `revision` as asked for (the commit point), then dispatches the PM run. The
 * items and children of the previous revision stay shown until the new plan is in.
 */
async function requestPlan(session: RepoSession, item: LoadedItem, revision: number): Promise<void> {
  const previous = item.state.plan;
  const plan: PlanState = {
    revision,
    requestedAt: session.now(),
    textDigest: approvalDigest({ title: item.issue.title, body: item.issue.body }),
    outcome: "requested",
    items: previous?.items ?? [],
    replanRequested: false,
    children: previous?.children ?? [],
    dropped: previous?.dropped ?? [],
    ...(previous?.approval ? { approval: previous.approval } : {}),
  };
  const saved = await saveItem(session, item, { ...item.state, plan });
  const failure = await dispatchPlanRun(session, saved, revision);
  if (failure !== null) await saveItem(session, saved, { ...saved.state, plan: { ...plan, outcome: "invalid", problem: failure } });
}

type HandoffRead = { ok: true; value: ValidPlan } | { ok: false; problem: string } | { ok: "absent" };

/**
 * The PM run's handoff for `revision`: the bot comment with its marker, posted by a worker identity
 * (`trust.worker_identities`: a person cannot forge a plan), its block naming this epic and
 * revision, the handoff validated (plan-validate.ts). Absent while the run is out.
 */
async function handoffPlan(session: RepoSession, item: LoadedItem, revision: number): Promise<HandoffRead> {
  const number = item.issue.number;
  const comment = await session.port.findComment(number, pmHandoffMarker("plan", revision));
  if (!comment) return { ok: "absent" };
  if (!isWorkerIdentity(comment.author, workerIdentities(session.config.trust.worker_identities, session.ours.appSlug))) {
    session.log.warn({ issue: number, author: comment.author.login }, "plan handoff from an account that is not a worker identity ignored");
    return { ok: "absent" };
  }
  const decoded = decodePmHandoffBlock(comment.body);
  if (decoded.kind === "absent") return { ok: false, problem: "the PM run's comment carries no handoff block" };
  if (decoded.kind === "invalid") return { ok: false, problem: decoded.reason };
  const block = decoded.value;
  if (block.task !== "plan" || block.issue !== number || block.revision !== revision) {
    return { ok: false, problem: `the handoff block is for ${block.task} #${block.issue} revision ${block.revision}, not plan #${number} revision ${revision}` };
  }
  if (block.problem !== undefined) return { ok: false, problem: `the PM run reported: ${block.problem}` };
  const recorded = new Set((item.state.plan?.children ?? []).map((c) => c.number));
  const others = item.state.children.filter((n) => !recorded.has(n)).length;
  const validation = validatePlan(block.handoff, others);
  return validation.ok ? validation : { ok: false, problem: validation.problems.join("; ") };
}

/**
 * Reads the handoff of the revision asked for; null while it is not in (the run is asked for
 * again: idempotent), or when it is refused (said in the status comment), also when its run
 * `ended` without one.
 */
async function readHandoff(session: RepoSession, item: LoadedItem, revision: number, ended?: PlanRunEnd): Promise<LoadedItem | null> {
  const found = await handoffPlan(session, item, revision);
  const plan = item.state.plan!;
  const read: HandoffRead = found.ok === "absent" && ended ? { ok: false, problem: `the plan run ended (${ended.conclusion ?? "no conclusion"}, ${ended.url}) without posting a handoff` } : found;
  if (read.ok === "absent") {
    // A crash between recording the revision and dispatching leaves no run: the dispatch's
    // idempotency ref makes asking again free of duplicates.
    await dispatchPlanRun(session, item, revision);
    return null;
  }
  if (!read.ok) {
    session.log.warn({ issue: item.issue.number, revision, problem: read.problem }, "plan handoff refused");
    await saveItem(session, item, { ...item.state, plan: { ...plan, outcome: "invalid", problem: read.problem } });
    return null;
  }
  const { problem: _old, ...rest } = plan;
  const summary = read.value.plan.summary.slice(0, 1000);
  return saveItem(session, item, { ...item.state, plan: { ...rest, outcome: "ready", summary, items: planItems(read.value.plan) } });
}

/**
 * Creates or updates the plan's children, in dependency order (each child's dependencies exist
 * before it, so its body names their numbers). Per child, in an order where any prefix is
 * recoverable: (1) the issue, created with its hidden `plan-child` marker (the COMMIT POINT of
 * "child K exists": from then on the next pass finds it by the marker and never creates it again)
 * or its body updated; (2) the sub-issue link; (3) the blocked-by links; (4) its trust: an item
 * approval bound to its text by whoever approved the plan (the app is not a trusted author);
 * then it is triaged. Last, the epic records the key -> issue map, `created`, and the dropped keys.
 * Returns `schedule` (children may be ready).
 */
async function createChildren(session: RepoSession, epic: LoadedItem, valid: ValidPlan): Promise<Effect[]> {
  const { port, config } = session;
  const number = epic.issue.number;
  const plan = epic.state.plan!;
  const existing = await existingChildren(session, number, plan);
  const subIssues = new Set((await port.listSubIssues(number)).map((s) => s.number));
  const parsed = parseIssue({ title: epic.issue.title, body: epic.issue.body, labels: epic.issue.labels }, config);
  const by = plan.approval?.revision === plan.revision ? plan.approval.by : (epic.state.itemApproval?.by ?? epic.issue.author.login);
  const numbers = new Map<string, number>();
  const refused: string[] = [];
  for (const key of valid.order) {
    const child = valid.plan.children.find((c) => c.key === key)!;
    const deps = child.depends_on.map((d) => numbers.get(d)).filter((n): n is number => n !== undefined);
    const text = renderChildText(number, child, deps, parsed.wsjf);
    const action = childAction(text, existing.get(key));
    let issue: IssueSnapshot | null;
    if (action.kind === "create") issue = await port.createIssue({ ...text, labels: [config.labels.tracks.standard], marker: planChildMarker(number, key) });
    else {
      if (action.kind === "update") await port.updateIssueBody(action.number, text.body);
      issue = action.kind === "closed" ? null : await port.getIssue(action.number);
    }
    numbers.set(key, action.kind === "create" ? issue!.number : action.number);
    if (!issue) continue;
    if (!subIssues.has(issue.number)) {
      const linked = await port.addSubIssue(number, issue.number);
      if (!linked.ok) refused.push(`#${issue.number} as a sub-issue (${linked.message})`);
    }
    const blockedBy = action.kind === "create" ? new Set<number>() : new Set((await port.listBlockedBy(issue.number)).map((l) => l.number));
    for (const dep of deps) {
      if (blockedBy.has(dep)) continue;
      const linked = await port.addBlockedBy(issue.number, dep);
      if (!linked.ok) refused.push(`#${issue.number} blocked by #${dep} (${linked.message})`);
    }
    await trustChild(session, issue, by);
  }
  const dropped = droppedChildren(valid.order, [...existing.values()]);
  const { problem: _old, ...rest } = plan;
  const children = [...numbers].map(([key, n]) => ({ key, number: n }));
  for (const d of dropped) children.push({ key: d.key, number: d.number });
  const next: PlanState = {
    ...rest,
    outcome: "created",
    children,
    dropped: dropped.map((d) => d.key),
    ...(refused.length > 0 ? { problem: `GitHub refused these links: ${refused.join("; ")}` } : {}),
  };
  await saveItem(session, epic, { ...epic.state, plan: next });
  session.log.info({ epic: number, revision: plan.revision, children: Object.fromEntries(numbers), dropped: next.dropped }, "plan children created");
  await retriage(session, number);
  return [{ kind: "schedule" }];
}

/**
 * The children that exist for this epic's plan, by key: open issues carrying the epic's
 * `plan-child` marker (also one created by a pass that crashed before recording it), then the
 * state's record for the rest (closed ones: kept as they are).
 */
async function existingChildren(session: RepoSession, epic: number, plan: PlanState): Promise<Map<string, ExistingChild>> {
  const open = await session.port.listOpenIssues();
  const marked: ExistingChild[] = [];
  const openNumbers = new Set<number>();
  for (const issue of open) {
    openNumbers.add(issue.number);
    const marker = parsePlanChildMarker(issue.body);
    if (marker?.epic === epic) marked.push({ key: marker.key, number: issue.number, state: "open", title: issue.title, body: issue.body });
  }
  const recorded = plan.children.filter((c) => !openNumbers.has(c.number)).map((c): ExistingChild => ({ ...c, state: "closed", title: "", body: "" }));
  return childrenByKey(marked, recorded);
}

/**
 * Gives a child the trust of the plan's approval: an item approval by `by`, bound to the child's
 * text as the app wrote it (issue #10: approval binds the approved text), unless one covers it
 * already. Then the child is triaged (ready, or waiting for its dependencies).
 */
async function trustChild(session: RepoSession, issue: IssueSnapshot, by: string): Promise<void> {
  const item = await loadItemFor(session, issue);
  const text = { title: issue.title, body: issue.body };
  const trusted = approvalCovers(item.state.itemApproval, text)
    ? item
    : await saveItem(session, item, { ...item.state, trusted: true, itemApproval: { by, at: session.now(), ...bindApproval(text) } });
  // The saved item's labels: triage changes labels relative to what is on the issue now.
  await triageIssue(session, trusted.issue);
}
