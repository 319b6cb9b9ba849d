import type { CommandBody } from "../commands.js";
import { itemLabel } from "./format.js";
import type { DashboardItem } from "./model.js";

/**
 * Checkboxes on the dashboard issue that act (the way Renovate's dependency dashboard does): each
 * ticked box is the command it names, given on the work item by the person who ticked it, under
 * the same permission rules as the comment (domain/command-permission.ts). The box carries a
 * hidden marker naming the action and the item, so moving lines or editing the text around them
 * changes nothing; a box without a marker is a person's own checklist and is left alone.
 */

/** What a box does. `retry`: `/retry` a blocked item. `approve`: `/approve` an item waiting for a trusted person. */
export type DashboardActionKind = "retry" | "approve";

/** One ticked box: the action and the work item it acts on. */
export interface DashboardAction {
  kind: DashboardActionKind;
  item: number;
}

const ACTION_TAG = "orchestrator:dashboard-action";
const TICKED = new RegExp(`^\\s*[-*+] \\[[xX]\\] <!-- ${ACTION_TAG} (retry|approve) (\\d+) -->`, "gm");

/** The markdown line of an unticked box for `kind` on `item`, with its hidden marker. */
export function actionCheckbox(kind: DashboardActionKind, item: DashboardItem): string {
  const verb = kind === "retry" ? "Retry" : "Approve for agents:";
  return `- [ ] <!-- ${ACTION_TAG} ${kind} ${item.number} --> ${verb} ${itemLabel(item.number, item.title)}`;
}

/**
 * The ticked action boxes of a dashboard body, in the order written, each (kind, item) once.
 * Never throws; lines that are not action boxes are ignored.
 */
export function tickedActions(body: string): DashboardAction[] {
  const seen = new Set<string>();
  const actions: DashboardAction[] = [];
  for (const match of body.matchAll(TICKED)) {
    const key = `${match[1]} ${match[2]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    actions.push({ kind: match[1] as DashboardActionKind, item: Number(match[2]) });
  }
  return actions;
}

/** The command a ticked box gives (a `/retry` from the dashboard carries no guidance). */
export function actionCommand(action: DashboardAction): CommandBody {
  return action.kind === "retry" ? { kind: "retry", guidance: null } : { kind: "approve" };
}
