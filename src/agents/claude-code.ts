import { agentPrompt, jsonLines, num, obj, usage, type AgentAdapter } from "./adapter.js";

/**
 * Claude Code (`claude`, npm `@anthropic-ai/claude-code`), headless.
 *
 * Invocation, per Anthropic's headless-mode and CLI reference (docs.claude.com/en/docs/claude-code/
 * headless, .../cli-reference): `claude -p <prompt> --output-format json --max-turns N
 * --permission-mode acceptEdits --allowedTools <tools> --disallowedTools "Bash(git push:*)"
 * [--model M]`. `-p` runs non-interactively and prints the result; in print mode a tool that would
 * prompt is denied, so `acceptEdits` (auto-approve file edits) plus an explicit allow list for the
 * shell lets it edit and run tests without `--dangerously-skip-permissions`. It cannot push anyway:
 * the environment carries no credential; `git push` is denied as a second fence.
 *
 * Usage: with `--output-format json` the last stdout line is one object
 * `{"type":"result","subtype":"success","total_cost_usd":0.0079,"usage":{"input_tokens":3,
 * "cache_creation_input_tokens":..,"cache_read_input_tokens":15635,"output_tokens":6},...}`.
 * Input tokens reported here include cache reads and writes.
 */
export const claudeCodeAdapter: AgentAdapter = {
  name: "claude-code",
  executable: () => "claude",
  buildInvocation(files, envelope, options) {
    const args = [
      "-p",
      agentPrompt(files, envelope),
      "--output-format",
      "json",
      "--max-turns",
      String(options.maxTurns),
      "--permission-mode",
      "acceptEdits",
      "--allowedTools",
      "Bash,Read,Edit,MultiEdit,Write,Glob,Grep,LS",
      "--disallowedTools",
      "Bash(git push:*)",
    ];
    if (options.model !== undefined) args.push("--model", options.model);
    return { command: "claude", args, env: { ORCHESTRATOR_ENVELOPE: files.json }, timeoutMs: options.timeoutMs };
  },
  parseUsage(stdout) {
    const result = jsonLines(stdout).filter((o) => o.type === "result").at(-1);
    if (result === undefined) return {};
    const u = obj(result, "usage");
    const input = [u?.input_tokens, u?.cache_creation_input_tokens, u?.cache_read_input_tokens]
      .map(num)
      .filter((n): n is number => n !== undefined);
    return usage({
      costUsd: num(result.total_cost_usd) ?? num(result.cost_usd),
      inputTokens: input.length > 0 ? input.reduce((a, b) => a + b, 0) : undefined,
      outputTokens: num(u?.output_tokens),
    });
  },
};
