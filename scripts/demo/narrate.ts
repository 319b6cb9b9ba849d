/**
 * The demo's narrated timeline: the stand-in's raw timeline (every write, webhook, CI run and
 * workflow run) turned into a short story per work item. Comment edits, reactions, label churn
 * other than the status, the app's own status comments and GitHub's review objects are left out;
 * verdicts are the app's check runs with the titles the app gave them; a blocker report shows its
 * key lines (why, hypothesis, recommended intervention).
 */
import { issueOfBranch } from "../../src/domain/branch-name.js";
import type { StandIn, TimelineEvent } from "../../test/support/standin/index.js";

/** One narrated line: the timeline's sequence number and what happened. */
export interface StoryLine {
  seq: number;
  text: string;
}

/** What the narrator needs to know about the work items. */
export interface NarrateInput {
  standIn: StandIn;
  /** Work item number -> title, in the order to tell them. */
  items: ReadonlyMap<number, string>;
  /** Pull request number -> work item. */
  prItem: ReadonlyMap<number, number>;
  branchPrefix?: string;
}

const BOT = /\[bot\]$/;

/** Key lines of a blocker report comment (the worker's "### Blocked" comment). */
function blockerLines(body: string): string[] {
  return body
    .split("\n")
    .filter((l) => /^\*\*(Why|Hypothesis|Recommended intervention):\*\*/.test(l))
    .map((l) => `    ${l.replace(/\*\*/g, "")}`);
}

/** The story of each work item, in `items` order: item -> lines. */
export function narrate(input: NarrateInput): Map<number, StoryLine[]> {
  const { standIn, prItem } = input;
  const prefix = input.branchPrefix ?? "orchestrator/";
  const shaItem = new Map<string, number>();
  const runItem = new Map<string, number>();
  const stories = new Map<number, StoryLine[]>([...input.items.keys()].map((n) => [n, []]));
  const say = (item: number | undefined, seq: number, text: string) => {
    if (item !== undefined) stories.get(item)?.push({ seq, text });
  };
  const itemOf = (n: number) => (stories.has(n) ? n : prItem.get(n));

  for (const e of standIn.timeline) {
    const s = e.summary;
    let m: RegExpExecArray | null;
    // Which item a commit belongs to: CI and pushes name the branch.
    if ((m = /CI "[^"]+" (?:started )?on ([0-9a-f]{7}) \(([^)]+)\)/.exec(s)) || (m = /^push (\S+) [0-9a-f]{7}\.\.([0-9a-f]{7})/.exec(s))) {
      const [sha, branch] = e.kind === "push" ? [m[2]!, m[1]!] : [m[1]!, m[2]!];
      const n = issueOfBranch(branch, prefix);
      if (n !== null) shaItem.set(sha, n);
    }
    const line = narrateEvent(e, { itemOf, shaItem, runItem, standIn });
    if (line) say(line.item, e.seq, line.text);
  }
  return stories;
}

interface Maps {
  itemOf(n: number): number | undefined;
  shaItem: Map<string, number>;
  runItem: Map<string, number>;
  standIn: StandIn;
}

function narrateEvent(e: TimelineEvent, maps: Maps): { item: number | undefined; text: string } | null {
  const s = e.summary;
  let m: RegExpExecArray | null;
  if (e.kind === "webhook" || e.kind === "webhook-failed") return null;
  if ((m = /^#(\d+) opened by (\S+): (.*)$/.exec(s))) return { item: maps.itemOf(Number(m[1])), text: `opened by ${m[2]}` };
  if ((m = /^#(\d+) labeled "status\/([^"]+)" by/.exec(s))) return { item: maps.itemOf(Number(m[1])), text: `status → ${m[2]}` };
  if ((m = /^#(\d+) edited \(body\) by (\S+)$/.exec(s)) && !BOT.test(m[2]!)) return { item: maps.itemOf(Number(m[1])), text: `${m[2]} edited the issue` };
  if ((m = /^#(\d+) comment (\d+) by (\S+): (.*)$/.exec(s))) {
    const [n, id, who, first] = [Number(m[1]), Number(m[2]), m[3]!, m[4]!];
    const where = maps.itemOf(n) === n ? "" : ` on PR #${n}`;
    if (!BOT.test(who)) return { item: maps.itemOf(n), text: `${who}${where}: ${first}` };
    // The worker's report (first line quoted by the stand-in); a blocker report has a "### Blocked" heading.
    const body = who === "github-actions[bot]" && first.startsWith('"### Blocked') ? (maps.standIn.state.comments.get(id)?.body ?? "") : "";
    if (body.includes("### Blocked")) return { item: maps.itemOf(n), text: ["worker: blocker report", ...blockerLines(body)].join("\n") };
    return null;
  }
  if ((m = /^workflow \S+ dispatched on \S+ as run (\d+) by \S+ inputs=(.*)$/.exec(s))) {
    const inputs = JSON.parse(m[2]!) as { issue?: string; attempt?: string; mode?: string; pr?: string };
    const n = Number(inputs.issue ?? inputs.pr);
    const item = maps.itemOf(n);
    if (item !== undefined) maps.runItem.set(m[1]!, item);
    return { item, text: inputs.mode === "review" ? "reviewer agent dispatched" : `worker dispatched (attempt ${inputs.attempt ?? "1"})` };
  }
  if ((m = /^run (\d+) \(\S+\) completed: (\S+)$/.exec(s))) return { item: maps.runItem.get(m[1]!), text: `worker run finished: ${m[2]}` };
  if ((m = /^PR #(\d+) opened by (\S+): (\S+) -> (\S+)/.exec(s))) return { item: maps.itemOf(Number(m[1])), text: `pull request #${m[1]} opened by ${m[2]} (${m[3]} -> ${m[4]})` };
  if ((m = /^PR #(\d+) merged \(\w+\) into (\S+) as ([0-9a-f]+)/.exec(s))) return { item: maps.itemOf(Number(m[1])), text: `merge queue: landed in ${m[2]} as ${m[3]}` };
  if ((m = /^#(\d+) closed as (\S+)/.exec(s))) return { item: maps.itemOf(Number(m[1])), text: `closed (${m[2]})` };
  if ((m = /^CI "([^"]+)" on ([0-9a-f]{7}) \(([^)]+)\): (\S+)$/.exec(s))) return { item: maps.shaItem.get(m[2]!), text: `CI "${m[1]}" ${m[4]} on ${m[3]}` };
  if ((m = /^check run "(orchestrator\/[^"]+)" (?:updated: )?completed (\S+) on ([0-9a-f]{7})/.exec(s))) {
    const [name, conclusion, sha] = [m[1]!, m[2]!, m[3]!];
    const record = [...maps.standIn.state.checkRuns.values()].find((r) => r.name === name && r.headSha.startsWith(sha) && r.conclusion === conclusion);
    const label = name === "orchestrator/review" ? "PM review" : name;
    return { item: maps.shaItem.get(sha), text: `${label}: ${record?.output.title ?? conclusion} (${sha})` };
  }
  return null;
}

/** The stories as text: `#N Title` and its lines, each with the timeline's sequence number. */
export function formatStories(stories: ReadonlyMap<number, StoryLine[]>, items: ReadonlyMap<number, string>): string {
  const blocks: string[] = [];
  for (const [n, lines] of stories) {
    const body = lines.map((l) => `  ${String(l.seq).padStart(4)}  ${l.text}`).join("\n");
    blocks.push(`#${n} ${items.get(n) ?? ""}\n${body || "  (nothing happened)"}`);
  }
  return blocks.join("\n\n");
}
