import { MAX_COMMANDS_PER_COMMENT, GITHUB_COMMENT_LIMIT, overLimit } from "../bounds.js";
import { parseCommands, type CommandError, type ParsedCommand } from "../commands.js";

/**
 * At most N commands per comment (issue #10, "Bounded input and output"): a comment over GitHub's
 * length limit is not parsed at all; of the command lines in a comment, the first
 * {@link MAX_COMMANDS_PER_COMMENT} are executed and the rest answered once, in one sentence
 * naming how many, so a 1,000-line comment gets a short reply and records at most N commands.
 * Pure.
 */
export type LimitedCommands =
  | { kind: "none" }
  | { kind: "too-long"; message: string }
  | { kind: "commands"; commands: Array<ParsedCommand | CommandError>; skipped: string | null };

export function limitCommands(body: string, max: number = MAX_COMMANDS_PER_COMMENT): LimitedCommands {
  const tooLong = overLimit("This comment", body, GITHUB_COMMENT_LIMIT);
  if (tooLong) return body.includes("/") ? { kind: "too-long", message: `${tooLong}, so no command in it was read. Nothing was changed.` } : { kind: "none" };
  const parsed = parseCommands(body);
  if (parsed.length === 0) return { kind: "none" };
  if (parsed.length <= max) return { kind: "commands", commands: parsed, skipped: null };
  const rest = parsed.length - max;
  const first = parsed[max]!;
  return {
    kind: "commands",
    commands: parsed.slice(0, max),
    skipped: `${rest} more command line${rest === 1 ? "" : "s"} (from line ${first.line} on) ${rest === 1 ? "was" : "were"} not executed: at most ${max} commands are run per comment. Nothing was changed for ${rest === 1 ? "it" : "them"}; put them in a new comment if you meant them.`,
  };
}
