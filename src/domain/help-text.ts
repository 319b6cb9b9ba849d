import type { OrchestratorConfig } from "../config/schema.js";
import { COMMAND_USAGE } from "./commands.js";
import { whoMayCommand } from "./command-permission.js";

/**
 * The `/help` reply (issue #5: "reply with the commands and who may use them"): a markdown table
 * of every command and what it does, then who may use them under the given configuration.
 */
export function helpText(config: OrchestratorConfig): string {
  const hold = config.labels.hold;
  const rows: Array<[string, string]> = [
    [COMMAND_USAGE.approve, "On a pull request: approve it for the merge queue, for its current head commit (a new commit other than the app's own update from the base branch voids it). On an issue: approve an item from an untrusted author for the agents."],
    [COMMAND_USAGE["approve-cancel"], "Withdraw that approval."],
    [COMMAND_USAGE["approve-plan"], "On an epic: create the children of the PM agent's plan as sub-issues (see docs/pm-plan.md)."],
    [COMMAND_USAGE.plan, "On an epic: ask the PM agent for a new plan (re-planning updates the children, never duplicates them)."],
    [COMMAND_USAGE.retry, "Start a new attempt; the guidance goes into the next task envelope. On a blocked item it also grants a fresh attempt budget."],
    [COMMAND_USAGE.hold, `Add the \`${hold}\` label: nothing is dispatched or merged while it is on.`],
    [COMMAND_USAGE.unhold, `Remove the \`${hold}\` label.`],
    [COMMAND_USAGE.wsjf, "Set the WSJF inputs (business value, time criticality, risk reduction, job size) and rescore."],
    [COMMAND_USAGE.track, "Put the item on another track and rescore."],
    [COMMAND_USAGE.cancel, `Cancel the item's running worker and put the item on hold (\`${hold}\`).`],
    [COMMAND_USAGE.help, "Show this help."],
  ];
  const table = ["| Command | What it does |", "| --- | --- |", ...rows.map(([usage, what]) => `| \`${escapeCell(usage)}\` | ${escapeCell(what)} |`)];
  const who = [
    `**Who may use them:** ${whoMayCommand(config.trust.approvers)}. Anyone may use \`/help\`. Commands from bots are ignored.`,
    config.review.require_independent_approval
      ? "`review.require_independent_approval` is on: the person who opened an issue cannot `/approve` the pull request that implements it."
      : "",
    "Write one command per line, at the start of the line; quoted lines and code blocks are ignored. A review verdict from the orchestrator never merges anything by itself.",
  ].filter((line) => line !== "");
  return ["### Orchestrator commands", "", ...table, "", ...who].join("\n");
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|");
}
