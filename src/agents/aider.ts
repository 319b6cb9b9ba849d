import type { AgentAdapter } from "./adapter.js";
import { isCodingTask, usage } from "./adapter.js";

/**
 * Aider (`aider`, pip `aider-chat`), scripted.
 *
 * Invocation, per aider.chat/docs/scripting.html and `aider --help`:
 * `aider --message-file <envelope.md> --yes-always --no-auto-commits --no-dirty-commits
 * --no-gitignore --no-check-update --no-show-model-warnings --analytics-disable --no-stream
 * --no-pretty --test-cmd <test command> --auto-test [--model M] [files named in the issue...]`.
 * `--message-file` sends one message and exits; the worker commits (no auto commits) and keeps
 * `.gitignore` untouched; `--auto-test` lets aider run the tests and fix failures within the run.
 * Aider has no turn limit flag: the run is bounded by the worker's timeout.
 *
 * Usage: aider prints after each reply `Tokens: 3.0k sent, 42 received. Cost: $0.0063 message,
 * $0.0063 session.` (base_coder.py). We sum the tokens over all such lines and take the last
 * session cost (else the sum of message costs).
 */
export const aiderAdapter: AgentAdapter = {
  name: "aider",
  executable: () => "aider",
  buildInvocation(files, envelope, options) {
    const args = [
      "--message-file",
      files.markdown,
      "--yes-always",
      "--no-auto-commits",
      "--no-dirty-commits",
      "--no-gitignore",
      "--no-check-update",
      "--no-show-model-warnings",
      "--analytics-disable",
      "--no-stream",
      "--no-pretty",
    ];
    // A review runs no tests and names no files to edit (it writes only the verdict file).
    if (isCodingTask(envelope)) args.push("--test-cmd", envelope.testCommand, "--auto-test");
    if (options.model !== undefined) args.push("--model", options.model);
    if (isCodingTask(envelope)) args.push(...envelope.inputs.files);
    return { command: "aider", args, env: { ORCHESTRATOR_ENVELOPE: files.json }, timeoutMs: options.timeoutMs };
  },
  parseUsage(stdout) {
    let input: number | undefined;
    let output: number | undefined;
    let messageCost: number | undefined;
    let sessionCost: number | undefined;
    const line = /Tokens:\s*([\d.,]+[kKmM]?)\s*sent,\s*([\d.,]+[kKmM]?)\s*received\.(?:\s*Cost:\s*\$([\d.]+)\s*message(?:,\s*\$([\d.]+)\s*session)?)?/g;
    for (const m of stdout.matchAll(line)) {
      input = (input ?? 0) + tokenCount(m[1]);
      output = (output ?? 0) + tokenCount(m[2]);
      if (m[3] !== undefined) messageCost = (messageCost ?? 0) + Number(m[3]);
      if (m[4] !== undefined) sessionCost = Number(m[4]);
    }
    return usage({ costUsd: sessionCost ?? messageCost, inputTokens: input, outputTokens: output });
  },
};

/** `3.0k` -> 3000, `1.2M` -> 1200000, `1,250` -> 1250. */
function tokenCount(text: string | undefined): number {
  if (text === undefined) return 0;
  const m = /^([\d.,]+)([kKmM]?)$/.exec(text);
  if (m?.[1] === undefined) return 0;
  const base = Number(m[1].replace(/,/g, ""));
  const scale = m[2]?.toLowerCase() === "k" ? 1_000 : m[2]?.toLowerCase() === "m" ? 1_000_000 : 1;
  return Number.isFinite(base) ? Math.round(base * scale) : 0;
}
