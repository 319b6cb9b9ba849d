import type { PlanState } from "./plan-state.js";

/**
 * Reconciliation of an epic's plan with the children that exist (issue #13 item 3), and the
 * decision of what the plan needs next. Pure: the app reads GitHub, asks here, and writes.
 *
 * Children are matched by plan key (the hidden `plan-child` marker in their body, or the state's
 * record): a key with no issue is created; an open child whose body differs is updated;
 * a closed child is left as it is (its work is done or abandoned); a child of an earlier revision
 * whose key the plan no longer has is dropped: reported, never deleted or closed.
 */

/** A child issue that exists for a plan key. */
export interface ExistingChild {
  key: string;
  number: number;
  state: "open" | "closed";
  title: string;
  body: string;
}

/** What happens to one child of the plan. */
export type ChildAction =
  | { kind: "create" }
  | { kind: "update"; number: number }
  | { kind: "unchanged"; number: number }
  /** Closed: kept as it is, whatever the plan now says. */
  | { kind: "closed"; number: number };

/**
 * The action for one key, given the text the plan wants and the child that exists (if any). The
 * body decides an update; the title is the child's from its creation (a person may have renamed it).
 */
export function childAction(desired: { title: string; body: string }, existing: ExistingChild | undefined): ChildAction {
  if (!existing) return { kind: "create" };
  if (existing.state === "closed") return { kind: "closed", number: existing.number };
  const same = normalize(existing.body) === normalize(desired.body);
  return same ? { kind: "unchanged", number: existing.number } : { kind: "update", number: existing.number };
}

/** Existing children whose key is not in the plan (a re-plan dropped them), by key order. */
export function droppedChildren(planKeys: readonly string[], existing: readonly ExistingChild[]): ExistingChild[] {
  const keys = new Set(planKeys);
  return existing.filter((c) => !keys.has(c.key)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * One child per key from several sources, first source wins (the state's record, then markers
 * found in the open issues, then sub-issues): a key found twice (a duplicate made by hand) keeps
 * the lowest issue number within a source.
 */
export function childrenByKey(...sources: ReadonlyArray<readonly ExistingChild[]>): Map<string, ExistingChild> {
  const out = new Map<string, ExistingChild>();
  for (const source of sources) {
    for (const child of [...source].sort((a, b) => a.number - b.number)) if (!out.has(child.key)) out.set(child.key, child);
  }
  return out;
}

/** GitHub's editor may send CRLF: a body that differs only in line ends is the same text. */
function normalize(body: string): string {
  return body.replace(/\r\n?/g, "\n").trim();
}

/** What the app knows about the epic when deciding the plan's next step. */
export interface PlanStepInput {
  plan: PlanState | undefined;
  /** `pm.agent` is configured (off: no planning at all). */
  agent: boolean;
  /** `pm.plan_gate`: children wait for a trusted `/approve plan`. */
  gate: boolean;
  open: boolean;
  track: string | undefined;
  /** The epic is trusted (its author, or a trusted person's approval of its text). */
  trusted: boolean;
  /** The epic has sub-issues (a person's, when there is no plan yet). */
  hasChildren: boolean;
  /** approvalDigest of the epic's title and body now. */
  textDigest: string;
}

/** The plan's next step: ask the PM agent for `revision`, read the handoff of `revision`, create the children, or nothing (with why). */
export type PlanStep =
  | { kind: "request"; revision: number }
  | { kind: "read-handoff"; revision: number }
  | { kind: "create"; revision: number }
  | { kind: "none"; reason: string };

/**
 * Rules, in order: no PM agent, a closed issue, another track or an untrusted epic: nothing (the
 * text of an untrusted epic never reaches an agent). No plan yet: revision 1 when the epic has no
 * children (an epic whose children a person made is left to them). A `/plan` or an edit of the
 * epic's text since the last request: the next revision. A revision asked for: read its handoff.
 * A valid plan: create (or update) the children when the gate is off or the revision is approved.
 */
export function nextPlanStep(input: PlanStepInput): PlanStep {
  if (!input.agent) return { kind: "none", reason: "no PM agent is configured (pm.agent)" };
  if (!input.open) return { kind: "none", reason: "the epic is closed" };
  if (input.track !== "project") return { kind: "none", reason: "only project items are planned" };
  if (!input.trusted) return { kind: "none", reason: "the epic is not trusted: its text is not given to the PM agent" };
  const { plan } = input;
  if (!plan) return input.hasChildren ? { kind: "none", reason: "the epic has children already" } : { kind: "request", revision: 1 };
  if (plan.replanRequested || plan.textDigest !== input.textDigest) return { kind: "request", revision: plan.revision + 1 };
  if (plan.outcome === "requested") return { kind: "read-handoff", revision: plan.revision };
  if (plan.outcome === "ready" && (!input.gate || plan.approval?.revision === plan.revision)) return { kind: "create", revision: plan.revision };
  return { kind: "none", reason: plan.outcome === "ready" ? "the plan waits for `/approve plan`" : `the plan is ${plan.outcome}` };
}
