import type { Status } from "../config/schema.js";
import { cyclesThrough, findCycles, normalizeRef, parseRef, type DependencyEdge } from "../domain/dependency-graph.js";
import { statusFromLabels, statusLabel } from "../domain/labels.js";
import { parseIssue } from "../domain/parse-issue.js";
import { triage, type TriageDependency } from "../domain/triage.js";
import { approvalCovers } from "../domain/trust/approval-digest.js";
import type { IssueSnapshot } from "../github/port.js";
import { loadItemFor, saveItem } from "./item-store.js";
import type { RepoSession } from "./session.js";
import { resolveTrust } from "./trust.js";

/** How far dependency chains are followed to find cycles (issues read per triage, at most). */
const MAX_GRAPH_NODES = 50;

/** What triaging one item changed, for the caller's follow-ups (scheduling, cycle peers). */
export interface IntakeResult {
  issue: number;
  status: Status | null;
  changed: boolean;
  /** Other issues on a cycle with this one: triage them too so each reports the cycle. */
  cyclePeers: number[];
}

/**
 * Triages one issue into a work item (foundation issue, "Work items"): resolves trust, the
 * dependencies (parsed refs plus GitHub's native blocked_by) with their states, child issues
 * and cycles from GitHub, asks the pure `triage` for a decision, and saves it (labels + status
 * comment). Pull requests and ignored issues are left alone (status null).
 */
export async function triageIssue(session: RepoSession, issue: IssueSnapshot): Promise<IntakeResult> {
  if (issue.isPullRequest) return { issue: issue.number, status: null, changed: false, cyclePeers: [] };
  const item = await loadItemFor(session, issue);
  if (issue.labels.includes(session.config.labels.ignore)) {
    return { issue: issue.number, status: null, changed: false, cyclePeers: [] };
  }
  const fullName = `${session.port.repo.owner}/${session.port.repo.repo}`;
  // Independent reads, sent together (handling time, issue #9: p99 under 1 s per event); a relation
  // the issue's own counts say it has none of is not listed (request budget).
  const [trust, blockedBy, children] = await Promise.all([
    resolveTrust(session, issue.author.login),
    issue.relations?.blockedBy === 0 ? Promise.resolve([]) : session.port.listBlockedBy(issue.number),
    issue.state === "open" && issue.relations?.subIssues !== 0 ? session.port.listSubIssues(issue.number) : Promise.resolve([]),
  ]);
  const parsed = parseIssue({ title: issue.title, body: issue.body, labels: issue.labels }, session.config);
  const dependencies = await resolveDependencies(session, parsed.dependsOn, blockedBy, fullName);
  const cycles = await findCyclesThrough(session, issue, dependencies, fullName);

  const decision = triage({
    issue: { number: issue.number, title: issue.title, body: issue.body, labels: issue.labels, author: issue.author.login, state: issue.state },
    authorTrusted: trust.trusted,
    // trust (#10): an approval counts only for the text it was given on (its digest).
    itemApproved: approvalCovers(item.state.itemApproval, { title: issue.title, body: issue.body }),
    dependencies,
    children: children.map((c) => ({ number: c.number, state: c.state })),
    cycles,
    previous: item.statusComment ? item.state : null,
    config: session.config,
    now: session.now(),
    repository: fullName,
  });
  if (decision.ignored) return { issue: issue.number, status: null, changed: false, cyclePeers: [] };

  const next = decision.state;
  const before = item.statusComment?.body;
  const saved = await saveItem(session, item, next, { add: decision.labelsToAdd, remove: decision.labelsToRemove });
  // Peers on a cycle now, and on a cycle recorded before: when this edit broke a cycle, the
  // other issues must be triaged again too, or they keep reporting a cycle that is gone.
  const previousCycles = item.statusComment ? item.state.cycles : [];
  const peers = [...new Set([...cycles.flat(), ...previousCycles.flat()])]
    .map((ref) => parseRef(ref))
    .filter((r) => r !== null && r.repo === null && r.number !== issue.number)
    .map((r) => r!.number);
  return {
    issue: issue.number,
    status: saved.state.status,
    changed: before !== saved.statusComment?.body,
    cyclePeers: peers,
  };
}

/**
 * Resolves dependency refs to their current states. Same-repository refs are read from GitHub
 * (state and status label); refs to other repositories are known only through GitHub's native
 * dependencies (which carry a state); a cross-repository ref named only in text is treated as
 * open, so nothing starts before it is confirmed done.
 */
async function resolveDependencies(
  session: RepoSession,
  parsedRefs: readonly string[],
  blockedBy: ReadonlyArray<{ number: number; repository: string; state: "open" | "closed" }>,
  fullName: string,
): Promise<TriageDependency[]> {
  const byRef = new Map<string, TriageDependency>();
  for (const link of blockedBy) {
    const ref = normalizeRef(`${link.repository}#${link.number}`, fullName);
    if (ref) byRef.set(ref, { ref, state: link.state });
  }
  for (const raw of parsedRefs) {
    const ref = normalizeRef(raw, fullName);
    if (ref && !byRef.has(ref)) byRef.set(ref, { ref, state: "open" });
  }
  for (const [ref, dep] of byRef) {
    const parsed = parseRef(ref);
    if (!parsed || parsed.repo !== null) continue;
    const linked = await session.port.getIssue(parsed.number);
    if (!linked) continue;
    const status = statusFromLabels(linked.labels, session.config);
    byRef.set(ref, { ref, state: linked.state, ...(status ? { status } : {}) });
  }
  return [...byRef.values()];
}

/**
 * Cycles through this issue: follows same-repository dependency refs of open issues (bodies
 * parsed, up to {@link MAX_GRAPH_NODES} issues) and returns each cycle containing `#issue`.
 */
async function findCyclesThrough(
  session: RepoSession,
  issue: IssueSnapshot,
  dependencies: readonly TriageDependency[],
  fullName: string,
): Promise<string[][]> {
  const self = `#${issue.number}`;
  const edges: DependencyEdge[] = dependencies.filter((d) => d.state === "open").map((d) => ({ from: self, to: d.ref }));
  const seen = new Set<string>([self]);
  const frontier = edges.map((e) => e.to);
  while (frontier.length > 0 && seen.size < MAX_GRAPH_NODES) {
    const ref = frontier.shift()!;
    if (seen.has(ref)) continue;
    seen.add(ref);
    const parsed = parseRef(ref);
    if (!parsed || parsed.repo !== null) continue;
    const linked = await session.port.getIssue(parsed.number);
    if (!linked || linked.state === "closed" || linked.isPullRequest) continue;
    const refs = parseIssue({ title: linked.title, body: linked.body, labels: linked.labels }, session.config).dependsOn;
    for (const raw of refs) {
      const to = normalizeRef(raw, fullName);
      if (!to) continue;
      edges.push({ from: ref, to });
      if (!seen.has(to)) frontier.push(to);
    }
  }
  return cyclesThrough(self, findCycles(edges));
}

/**
 * Loads and re-triages an item by number (events, cycle peers, /wsjf, /track); with `openOnly`, a
 * closed issue is left alone. Null when there is no such issue or it is a pull request.
 */
export async function retriage(session: RepoSession, number: number, options: { openOnly?: boolean } = {}): Promise<IntakeResult | null> {
  const issue = await session.port.getIssue(number);
  if (!issue || issue.isPullRequest) return null;
  if (options.openOnly && issue.state === "closed") return null;
  return triageIssue(session, issue);
}

/**
 * Open items that depend on `number` (by text ref or by state), re-triaged so that a closed or
 * landed dependency releases its dependents (foundation and merge-queue issues), and a `reopened`
 * one blocks them again. A release concerns only the items waiting: they are listed by their
 * status label (request budget, issue #9: the cost follows the waiting items, not the open
 * issues); a reopened dependency may hold back an item in any status, so every open issue is read.
 */
export async function retriageDependents(session: RepoSession, number: number, options: { reopened?: boolean } = {}): Promise<IntakeResult[]> {
  const fullName = `${session.port.repo.owner}/${session.port.repo.repo}`;
  const target = `#${number}`;
  const open = await session.port.listOpenIssues(options.reopened ? [] : [statusLabel("waiting", session.config)]);
  const results: IntakeResult[] = [];
  for (const issue of open) {
    if (issue.number === number) continue;
    const refs = parseIssue({ title: issue.title, body: issue.body, labels: issue.labels }, session.config).dependsOn;
    const normalized = refs.map((r) => normalizeRef(r, fullName));
    const waiting = statusFromLabels(issue.labels, session.config) === "waiting";
    if (!normalized.includes(target) && !waiting) continue;
    results.push(await triageIssue(session, issue));
  }
  return results;
}

