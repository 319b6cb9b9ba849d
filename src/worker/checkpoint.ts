/**
 * Checkpoint commits: one per iteration, pushed, so a runner that dies is resumed (issue 4).
 * The commit message ends with trailers:
 *
 *   Orchestrator-Checkpoint: attempt=2 strategy=1 iteration=3
 *   Orchestrator-Tried: ["strategy 1: ..."]        (summaries of abandoned strategies, JSON)
 *
 * Pure: formatting and parsing only.
 */

export interface Checkpoint {
  attempt: number;
  /** 0-based. */
  strategy: number;
  /** 1-based within the strategy. */
  iteration: number;
  /** Summaries of the strategies abandoned before this one. */
  tried: string[];
}

const CHECKPOINT = /^Orchestrator-Checkpoint:\s*attempt=(\d+)\s+strategy=(\d+)\s+iteration=(\d+)\s*$/m;
const TRIED = /^Orchestrator-Tried:\s*(.+)$/m;

/** The commit message of a checkpoint: subject, summary, trailers. */
export function checkpointMessage(issue: number, c: Checkpoint, summary: string): string {
  const subject = `orchestrator: #${issue} attempt ${c.attempt}, strategy ${c.strategy + 1}, iteration ${c.iteration}`;
  const trailers = [`Orchestrator-Checkpoint: attempt=${c.attempt} strategy=${c.strategy} iteration=${c.iteration}`];
  if (c.tried.length > 0) trailers.push(`Orchestrator-Tried: ${JSON.stringify(c.tried)}`);
  return `${subject}\n\n${summary.trim() === "" ? "checkpoint" : summary.trim()}\n\n${trailers.join("\n")}\n`;
}

/** The checkpoint recorded in a commit message, or null if it carries none. */
export function parseCheckpoint(message: string): Checkpoint | null {
  const m = CHECKPOINT.exec(message);
  if (m === null) return null;
  const tried = parseTried(TRIED.exec(message)?.[1]);
  return { attempt: Number(m[1]), strategy: Number(m[2]), iteration: Number(m[3]), tried };
}

function parseTried(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}
