import type { BlockerKind, StrategyRecord } from "./worker-report.js";

/**
 * The blocker report: what a person reads on the issue when an attempt ends without a pull request
 * (issue 4, "Failure"): strategies attempted, the errors (tails, secrets redacted), a hypothesis of
 * the root cause, the recommended manual intervention, and the branch kept for inspection. Pure.
 */

/** One agent run and the checks after it. */
export interface IterationRecord {
  /** 0-based strategy index. */
  strategy: number;
  /** 1-based iteration within the strategy. */
  iteration: number;
  /** One line per failed check; empty when the iteration passed. */
  failures: string[];
  /** Tail of the test output (redacted by the caller or at render). */
  testOutputTail?: string;
  /** Agent process result. */
  agent: { exitCode: number | null; timedOut: boolean };
  outOfScope: string[];
  /** Scope globs matching no file in the repository (a likely typo), when something was out of scope. */
  unmatchedScope?: string[];
}

export interface BlockerInput {
  kind: BlockerKind;
  issue: number;
  attempt: number;
  /** The branch kept for inspection, when anything was pushed. */
  branch?: string;
  strategies: StrategyRecord[];
  iterations: IterationRecord[];
  /** The error message for bad input, a missing CLI or an unexpected error. */
  detail?: string;
  /** The agent adapter name, for the missing-CLI advice. */
  agentName?: string;
}

export interface Diagnosis {
  summary: string;
  hypothesis: string;
  intervention: string;
}

const REDACTED = "[REDACTED]";

/**
 * Redacts secrets from text meant for an issue comment: GitHub tokens (`ghp_`, `gho_`, `ghs_`,
 * `ghu_`, `ghr_`, `github_pat_`), `Bearer ...`, credentials in URLs, AWS access key ids, OpenAI /
 * Anthropic (`sk-...`) and Google (`AIza...`) API keys, and the value of any `NAME=value` /
 * `NAME: value` whose name contains TOKEN, SECRET, KEY, PASSWORD or PASSWD (any case).
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/\b(gh[opsur]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{16,})/g, REDACTED)
    .replace(/\b(Bearer|token)\s+[A-Za-z0-9._~+/=-]{20,}/gi, `$1 ${REDACTED}`)
    .replace(/(:\/\/)[^/\s:@]+:[^@\s/]+@/g, `$1${REDACTED}@`)
    .replace(/\b(AKIA|ASIA)[0-9A-Z]{16}\b/g, REDACTED)
    .replace(/\bsk-[A-Za-z0-9_-]{16,}/g, REDACTED)
    .replace(/\bAIza[0-9A-Za-z_-]{30,}/g, REDACTED)
    .replace(
      /\b([A-Za-z0-9_.-]*(?:token|secret|key|password|passwd)[A-Za-z0-9_.-]*)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s"',;]+)/gi,
      `$1$2${REDACTED}`,
    );
}

/** The last `maxChars` characters of `text`, cut at a line start when possible. */
export function tail(text: string, maxChars = 2000): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(text.length - maxChars);
  const newline = cut.indexOf("\n");
  return newline >= 0 && newline < cut.length - 1 ? cut.slice(newline + 1) : cut;
}

/**
 * Numbers that differ from run to run of the same failing test, left out of the comparison:
 * node:test's `duration_ms: 12.3` (TAP), durations with a unit (`12ms`, `1.5 s`), ISO timestamps
 * and process ids (issue #9 item 7: the same test failing 4 times was reported as "different").
 */
const RUN_SPECIFIC: readonly RegExp[] = [
  /\bduration_ms\b["']?\s*[:=]?\s*\d+(\.\d+)?/gi,
  /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?/g,
  /\bpid\s*[:=]?\s*\d+/gi,
  /\d+(\.\d+)?\s*m?s\b/g,
];

/** A failure's text with run-specific numbers removed, for "the same failure" comparisons. */
export function normalizeFailureText(text: string): string {
  return RUN_SPECIFIC.reduce((acc, pattern) => acc.replace(pattern, ""), text).trim();
}

function normalizeFailure(it: IterationRecord): string {
  return normalizeFailureText(it.testOutputTail ?? it.failures.join("\n"));
}

/**
 * A heuristic hypothesis of the root cause and the manual intervention to recommend, from the
 * kind of blocker and the iterations' failures. Rules, first match wins: missing CLI; bad input;
 * time/cost budget; out-of-scope changes in the last iteration; the agent crashed or timed out in
 * every run; the same test failure in every iteration; otherwise different failures.
 */
export function diagnose(input: BlockerInput): Diagnosis {
  const its = input.iterations;
  const last = its.at(-1);
  if (input.kind === "agent-missing") {
    return {
      summary: `agent CLI missing: ${input.detail ?? input.agentName ?? "unknown"}`,
      hypothesis: `The agent CLI for \`${input.agentName ?? "the agent"}\` is not installed (or not on PATH) on the runner.`,
      intervention: "Install the agent CLI in the worker workflow (see docs/worker.md), then `/retry`.",
    };
  }
  if (input.kind === "bad-input") {
    return {
      summary: `bad input: ${input.detail ?? "unknown"}`,
      hypothesis: input.detail ?? "The worker could not build a valid task envelope.",
      intervention: "Fix the issue text or `.github/orchestrator.yml` as described above, then `/retry`.",
    };
  }
  if (input.kind === "error") {
    return {
      summary: `worker error: ${input.detail ?? "unknown"}`,
      hypothesis: `The worker failed unexpectedly: ${input.detail ?? "unknown error"}.`,
      intervention: "Check the workflow run's log; `/retry` once the cause is fixed.",
    };
  }
  if (input.kind === "time-budget" || input.kind === "cost-budget") {
    const what = input.kind === "time-budget" ? "wall-clock" : "cost";
    return {
      summary: `${what} budget exhausted after ${its.length} iterations`,
      hypothesis: `The attempt ran out of its ${what} budget before the checks passed; the item may be too large for one attempt.`,
      intervention: `Split the item into smaller ones, or raise \`worker.${input.kind === "time-budget" ? "max_minutes" : "cost_ceiling_usd"}\`, then \`/retry\`.`,
    };
  }
  if (last !== undefined && last.outOfScope.length > 0 && (last.unmatchedScope?.length ?? 0) > 0) {
    const globs = (last.unmatchedScope ?? []).map((g) => `\`${g}\``).join(", ");
    return {
      summary: `changes outside scope: ${last.outOfScope.join(", ")}; scope ${globs} matches no file in the repository`,
      hypothesis: `The item's Scope names ${globs}, which matches no file in the repository: most likely a typo or a wrong path, so every change counted as outside scope.`,
      intervention: "Fix the Scope section of the issue (repository-relative globs, one per line or comma-separated, e.g. `src/**`), then `/retry`.",
    };
  }
  if (last !== undefined && last.outOfScope.length > 0) {
    return {
      summary: `changes outside scope: ${last.outOfScope.join(", ")}`,
      hypothesis: "The task appears to need changes outside the item's scope (or the agent strayed from it).",
      intervention: "Widen the Scope section of the issue if those files belong to the task, or `/retry` with guidance to leave them alone.",
    };
  }
  if (its.length > 0 && its.every((it) => it.agent.timedOut || (it.agent.exitCode !== 0 && it.agent.exitCode !== null))) {
    const timedOut = its.some((it) => it.agent.timedOut);
    return {
      summary: timedOut ? "the agent timed out or crashed in every run" : "the agent crashed in every run",
      hypothesis: "The agent process failed in every run: an invalid or missing API key, an exhausted quota, or a turn/time limit too small for the task.",
      intervention: "Check the agent's API key secret and `agent.env`, `agent.timeout_minutes` and `agent.max_turns`, then `/retry`.",
    };
  }
  const failing = its.filter((it) => it.failures.length > 0);
  const first = failing[0];
  if (first !== undefined && failing.length >= 2 && failing.every((it) => normalizeFailure(it) === normalizeFailure(first))) {
    return {
      summary: `the same failure in every iteration: ${first.failures[0] ?? "tests failed"}`,
      hypothesis: "The same test failed in every iteration: the agent made no progress on it. The test may be wrong or flaky, or the task needs context the issue does not give.",
      intervention: "Check the failing test by hand; add the missing context to the issue or `/retry` with guidance.",
    };
  }
  return {
    summary: `strategies exhausted after ${its.length} iterations`,
    hypothesis: "Every strategy ended with failing checks, and the failures differ: the task may be underspecified or too large.",
    intervention: "Sharpen the acceptance criteria, split the item, or `/retry` with guidance on the approach.",
  };
}

/** Renders the blocker report Markdown (without the hidden report block). Secrets are redacted. */
export function renderBlockerReport(input: BlockerInput): string {
  const d = diagnose(input);
  const parts: string[] = [
    `### Blocked: attempt ${input.attempt} of #${input.issue}`,
    `**Why:** ${d.summary}`,
    `**Hypothesis:** ${d.hypothesis}`,
    `**Recommended intervention:** ${d.intervention}`,
  ];
  if (input.detail !== undefined && input.kind !== "exhausted") parts.push(`**Error:** \`${redactSecrets(input.detail).replace(/`/g, "'")}\``);
  if (input.strategies.length > 0) {
    const rows = input.strategies.map((s) => `| ${s.index + 1} | ${s.iterations} | ${s.outcome} | ${s.summary.replace(/\|/g, "\\|").replace(/\n/g, " ")} |`);
    parts.push(["#### Strategies attempted", "", "| # | iterations | outcome | summary |", "|---|---|---|---|", ...rows].join("\n"));
  }
  const failing = input.iterations.filter((it) => it.failures.length > 0).slice(-3);
  if (failing.length > 0) {
    const blocks = failing.map((it) => {
      const head = `**Strategy ${it.strategy + 1}, iteration ${it.iteration}:**\n${it.failures.map((f) => `- ${redactSecrets(f)}`).join("\n")}`;
      const out = it.testOutputTail !== undefined && it.testOutputTail.trim() !== "" ? `\n\n\`\`\`\`text\n${redactSecrets(tail(it.testOutputTail))}\n\`\`\`\`` : "";
      return head + out;
    });
    parts.push(`#### Errors (last ${failing.length})\n\n${blocks.join("\n\n")}`);
  }
  parts.push(input.branch !== undefined ? `Branch kept for inspection: \`${input.branch}\`` : "No branch was pushed.");
  return parts.join("\n\n");
}
