import { agentPrompt, jsonLines, num, obj, usage, type AgentAdapter } from "./adapter.js";

/** Built-in tools a coding run is given (Claude Code's names); the web tools only when granted. */
export const CLAUDE_CODE_TOOLS = ["Bash", "Read", "Edit", "MultiEdit", "Write", "Glob", "Grep", "LS"] as const;
export const CLAUDE_CODE_WEB_TOOLS = ["WebFetch", "WebSearch"] as const;

/**
 * Claude Code (`claude`, npm `@anthropic-ai/claude-code`), headless. Tested against 2.1.328
 * (test/agents-real, docs/agents.md).
 *
 * `claude -p <prompt> --output-format stream-json --verbose --max-turns N --permission-mode
 * acceptEdits --tools <tools> --allowedTools <tools> --disallowedTools "Bash(git push:*)"
 * [--max-budget-usd X] [--model M]`:
 * - `--tools` is what the model is OFFERED (`--allowedTools` only pre-approves: without `--tools`
 *   the CLI offers every built-in, WebFetch and WebSearch included, as deferred tools); web tools
 *   are in the list only when the envelope grants network;
 * - `acceptEdits` plus the allow list lets it edit and run commands without
 *   `--dangerously-skip-permissions`, which the CLI refuses as root (`IS_SANDBOX=1` lifts that; we
 *   need neither); in print mode any other tool that would prompt is denied;
 * - `--max-budget-usd` is the CLI's own stop at what is left of the item's budget (the worker also
 *   stops it on the spend it reports); `stream-json` prints each message as it happens, so a live
 *   run is never taken for stalled.
 * The environment turns off the auto-updater, telemetry and other non-essential traffic.
 *
 * Usage: the last stdout line is `{"type":"result","total_cost_usd":0.0079,"usage":{"input_tokens":3,
 * "cache_creation_input_tokens":..,"cache_read_input_tokens":15635,"output_tokens":6},...}`.
 * Input tokens reported here include cache reads and writes.
 */
export const claudeCodeAdapter: AgentAdapter = {
  name: "claude-code",
  executable: () => "claude",
  buildInvocation(files, envelope, options) {
    const tools = [...CLAUDE_CODE_TOOLS, ...(options.network === true ? CLAUDE_CODE_WEB_TOOLS : [])].join(",");
    const args = [
      "-p",
      agentPrompt(files, envelope),
      "--output-format",
      "stream-json",
      "--verbose",
      "--max-turns",
      String(options.maxTurns),
      "--permission-mode",
      "acceptEdits",
      "--tools",
      tools,
      "--allowedTools",
      tools,
      "--disallowedTools",
      "Bash(git push:*)",
    ];
    if (options.spendLimitUsd !== undefined) args.push("--max-budget-usd", String(options.spendLimitUsd));
    if (options.model !== undefined) args.push("--model", options.model);
    return {
      command: "claude",
      args,
      env: {
        ORCHESTRATOR_ENVELOPE: files.json,
        DISABLE_AUTOUPDATER: "1",
        DISABLE_TELEMETRY: "1",
        DISABLE_ERROR_REPORTING: "1",
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
      },
      timeoutMs: options.timeoutMs,
    };
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
