import { z } from "zod";
import { JOB_SIZES, TRACKS, type JobSize, type Track } from "../config/schema.js";

/**
 * Parsing of human commands in issue and pull request comments.
 *
 * Rule source: issue #5 "Commands": one command per line, at the start of a line, case-insensitive.
 * Lines that a reader of the rendered comment would not see as the commenter's own words are
 * skipped: fenced code blocks (``` or ~~~, CommonMark: an unclosed fence runs to the end),
 * indented code (4+ spaces or a tab), block quotes (`> /approve` quoted from someone else) and
 * HTML comments. Up to three leading spaces are allowed (CommonMark: still a paragraph line).
 *
 * Arguments live on the command's own line: `/retry` guidance and the `/hold` reason are the rest
 * of that line; a following line is ordinary text.
 */

/** A recognized, well-formed command. `line` is 1-based; `source` is the trimmed line as written. */
export type ParsedCommand = CommandBody & { line: number; source: string };

/** The command itself, without its position. */
export type CommandBody =
  | { kind: "approve" }
  | { kind: "approve-cancel" }
  /** `/approve plan`: create the children of the epic's plan (issue #13 item 3). */
  | { kind: "approve-plan" }
  /** `/plan`: ask the PM agent for a new plan of the epic. */
  | { kind: "plan" }
  | { kind: "retry"; guidance: string | null }
  | { kind: "hold"; reason: string | null }
  | { kind: "unhold" }
  | { kind: "wsjf"; value?: number; urgency?: number; risk?: number; size?: JobSize }
  | { kind: "track"; track: Track }
  | { kind: "cancel" }
  | { kind: "help" };

/** A line that looks like one of our commands but is not well-formed; `message` says what and how. */
export interface CommandError {
  kind: "error";
  line: number;
  source: string;
  /** What is wrong, then the correct form, e.g. "`value=7` is out of range: ... Use `/wsjf ...`". */
  message: string;
}

/** The correct form of each command, used in error messages and the help text. */
export const COMMAND_USAGE = {
  approve: "/approve",
  "approve-cancel": "/approve cancel",
  "approve-plan": "/approve plan",
  plan: "/plan",
  retry: "/retry [guidance for the next attempt]",
  hold: "/hold [reason]",
  unhold: "/unhold",
  wsjf: `/wsjf value=1-5 urgency=1-5 risk=1-5 size=${JOB_SIZES.join("|")} (any subset)`,
  track: `/track ${TRACKS.join("|")}`,
  cancel: "/cancel",
  help: "/help",
} as const satisfies Record<CommandBody["kind"], string>;

const COMMAND_WORDS = ["approve", "retry", "hold", "unhold", "wsjf", "track", "cancel", "help", "plan"] as const;
type CommandWord = (typeof COMMAND_WORDS)[number];

/** True for a parse result that is an error. */
export function isCommandError(result: ParsedCommand | CommandError): result is CommandError {
  return result.kind === "error";
}

/**
 * Parses every command in a comment body, in line order. Never throws (property-tested on arbitrary
 * input). Lines that are not commands, and unknown slash words that are not close to one of ours
 * (`/usr/bin`, `/shrug`), are ignored; a near miss (`/aprove`) or bad arguments give a
 * {@link CommandError}.
 */
export function parseCommands(body: string): Array<ParsedCommand | CommandError> {
  const results: Array<ParsedCommand | CommandError> = [];
  for (const { text, line } of visibleLines(body)) {
    const result = parseLine(text, line);
    if (result) results.push(result);
  }
  return results;
}

/** Canonical text of a command (recorded in the item's state and shown in replies). */
export function formatCommand(command: CommandBody): string {
  switch (command.kind) {
    case "approve":
      return "/approve";
    case "approve-cancel":
      return "/approve cancel";
    case "approve-plan":
      return "/approve plan";
    case "plan":
      return "/plan";
    case "retry":
      return command.guidance ? `/retry ${command.guidance}` : "/retry";
    case "hold":
      return command.reason ? `/hold ${command.reason}` : "/hold";
    case "unhold":
      return "/unhold";
    case "wsjf":
      return ["/wsjf", ...WSJF_KEYS.filter((k) => command[k] !== undefined).map((k) => `${k}=${command[k]}`)].join(" ");
    case "track":
      return `/track ${command.track}`;
    case "cancel":
      return "/cancel";
    case "help":
      return "/help";
  }
}

// --- visible lines -------------------------------------------------------------------------------

interface SourceLine {
  text: string;
  line: number;
}

/** Lines a reader sees as the commenter's own paragraph text (see the module comment). */
function* visibleLines(body: string): Generator<SourceLine> {
  const lines = body.split(/\r\n|\r|\n/);
  let fence: { char: string; length: number } | null = null;
  let inHtmlComment = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    if (fence) {
      if (closesFence(raw, fence)) fence = null;
      continue;
    }
    if (inHtmlComment) {
      if (raw.includes("-->")) inHtmlComment = false;
      continue;
    }
    const opening = /^ {0,3}(`{3,}|~{3,})/.exec(raw);
    if (opening?.[1]) {
      fence = { char: opening[1][0] ?? "`", length: opening[1].length };
      continue;
    }
    if (/^ {0,3}<!--/.test(raw)) {
      if (!raw.slice(raw.indexOf("<!--") + 4).includes("-->")) inHtmlComment = true;
      continue;
    }
    if (/^( {4}|\t)/.test(raw) || /^ {0,3}>/.test(raw)) continue;
    yield { text: raw.trim(), line: i + 1 };
  }
}

function closesFence(raw: string, fence: { char: string; length: number }): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(raw);
  const marker = match?.[1];
  return marker !== undefined && marker[0] === fence.char && marker.length >= fence.length;
}

// --- one line ------------------------------------------------------------------------------------

function parseLine(text: string, line: number): ParsedCommand | CommandError | null {
  const match = /^\/([A-Za-z][A-Za-z_-]*)(.*)$/.exec(text);
  if (!match) return null;
  const word = (match[1] ?? "").toLowerCase();
  const tail = match[2] ?? "";
  const at = { line, source: text };
  const attached = tail !== "" && !/^\s/.test(tail);
  if (attached && tail.startsWith("/")) return null; // a path such as /usr/bin, not a command
  if (isCommandWord(word)) {
    if (attached) return error(at, `\`${text}\` is not a command: put a space after \`/${word}\` or nothing. Use \`${usageOf(word)}\`.`);
    return parseCommand(word, tail.trim(), at);
  }
  if (attached) return null;
  const suggestion = nearestCommand(word);
  if (!suggestion) return null;
  return error(at, `Unknown command \`/${word}\`. Did you mean \`${suggestion}\`? Write \`/help\` for the list.`);
}

function usageOf(word: CommandWord): string {
  return word === "approve" ? `${COMMAND_USAGE.approve}\`, \`${COMMAND_USAGE["approve-cancel"]}\` or \`${COMMAND_USAGE["approve-plan"]}` : COMMAND_USAGE[word];
}

function isCommandWord(word: string): word is CommandWord {
  return (COMMAND_WORDS as readonly string[]).includes(word);
}

type At = { line: number; source: string };

function parseCommand(word: CommandWord, rest: string, at: At): ParsedCommand | CommandError {
  switch (word) {
    case "approve":
      if (rest === "") return { kind: "approve", ...at };
      if (rest.toLowerCase() === "cancel") return { kind: "approve-cancel", ...at };
      if (rest.toLowerCase() === "plan") return { kind: "approve-plan", ...at };
      return error(at, `\`/approve\` takes no argument except \`cancel\` or \`plan\` (got \`${rest}\`). Use \`/approve\`, \`/approve cancel\` or \`/approve plan\`.`);
    case "retry":
      return { kind: "retry", guidance: rest === "" ? null : rest, ...at };
    case "hold":
      return { kind: "hold", reason: rest === "" ? null : rest, ...at };
    case "unhold":
    case "cancel":
    case "plan":
    case "help":
      if (rest === "" || word === "help") return { kind: word, ...at };
      return error(at, `\`/${word}\` takes no arguments (got \`${rest}\`). Use \`${COMMAND_USAGE[word]}\`.`);
    case "wsjf":
      return parseWsjf(rest, at);
    case "track":
      return parseTrack(rest, at);
  }
}

function parseTrack(rest: string, at: At): ParsedCommand | CommandError {
  const parsed = trackArgSchema.safeParse(rest.toLowerCase());
  if (parsed.success) return { kind: "track", track: parsed.data, ...at };
  const what = rest === "" ? "`/track` needs a track" : `Unknown track \`${rest}\``;
  return error(at, `${what}. Use \`${COMMAND_USAGE.track}\`.`);
}

const trackArgSchema = z.enum(TRACKS);

// --- /wsjf ---------------------------------------------------------------------------------------

const WSJF_KEYS = ["value", "urgency", "risk", "size"] as const;

const score = (key: string) =>
  z
    .string()
    .regex(/^[1-5]$/, { error: (issue) => `\`${key}=${String(issue.input)}\` must be a whole number from 1 to 5` })
    .transform(Number);

/** The `/wsjf` arguments (strings from `key=value` pairs): any non-empty subset of the four WSJF inputs (SAFe: value, time criticality, risk reduction, job size). */
const wsjfArgsSchema = z
  .strictObject({
    value: score("value").optional(),
    urgency: score("urgency").optional(),
    risk: score("risk").optional(),
    size: z
      .string()
      .transform((s) => s.toUpperCase())
      .pipe(z.enum(JOB_SIZES, { error: (issue) => `\`size=${String(issue.input)}\` must be one of ${JOB_SIZES.join(", ")}` }))
      .optional(),
  });

function parseWsjf(rest: string, at: At): ParsedCommand | CommandError {
  const usage = `Use \`${COMMAND_USAGE.wsjf}\`, e.g. \`/wsjf value=4 size=M\`.`;
  const tokens = rest.replace(/\s*=\s*/g, "=").split(/\s+/).filter((t) => t !== "");
  if (tokens.length === 0) return error(at, `\`/wsjf\` needs at least one of value, urgency, risk, size. ${usage}`);
  // A Map, not an object literal: a key such as `__proto__` must stay an ordinary (unknown) key.
  const args = new Map<string, string>();
  for (const token of tokens) {
    const eq = token.indexOf("=");
    if (eq <= 0) return error(at, `\`${token}\` is not a \`key=value\` pair. ${usage}`);
    const key = token.slice(0, eq).toLowerCase();
    if (args.has(key)) return error(at, `\`${key}\` is given twice. ${usage}`);
    args.set(key, token.slice(eq + 1));
  }
  const parsed = wsjfArgsSchema.safeParse(Object.fromEntries(args));
  if (!parsed.success) return error(at, `${describeIssues(parsed.error)}. ${usage}`);
  const body: CommandBody = { kind: "wsjf" };
  for (const key of WSJF_KEYS) {
    const v = parsed.data[key];
    if (v !== undefined) Object.assign(body, { [key]: v });
  }
  return { ...body, ...at };
}

function describeIssues(err: z.ZodError): string {
  return err.issues
    .map((issue) => (issue.code === "unrecognized_keys" ? `Unknown key ${issue.keys.map((k) => `\`${k}\``).join(", ")} (known: value, urgency, risk, size)` : issue.message))
    .join("; ");
}

// --- helpers -------------------------------------------------------------------------------------

function error(at: At, message: string): CommandError {
  return { kind: "error", ...at, message };
}

/**
 * The known command closest to an unknown slash word, if it is a near miss: edit distance 1 for
 * words up to 4 letters, 2 for longer ones, or a prefix of at least 3 letters (`/appr`). Anything
 * else is not ours (`/shrug`, `/me`) and is left alone.
 */
function nearestCommand(word: string): string | null {
  const candidates = [...COMMAND_WORDS];
  let best: { word: string; distance: number } | null = null;
  for (const candidate of candidates) {
    if (word.length >= 3 && candidate.startsWith(word)) return `/${candidate}`;
    const distance = editDistance(word, candidate);
    const limit = candidate.length <= 4 ? 1 : 2;
    if (distance <= limit && (!best || distance < best.distance)) best = { word: candidate, distance };
  }
  return best ? `/${best.word}` : null;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transposition). */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, at(i - 2, j - 2) + 1);
      const row = d[i];
      if (row) row[j] = v;
    }
  }
  return at(a.length, b.length);
}
