import path from "node:path";
import { agentPrompt, jsonLines, num, obj, usage, type AgentAdapter, type AgentUsage } from "./adapter.js";

/** The Gemini CLI's web tools, excluded unless the envelope grants network. */
export const GEMINI_WEB_TOOLS = ["web_fetch", "google_web_search"] as const;

/**
 * Google Gemini CLI (`gemini`, npm `@google/gemini-cli`), headless. Tested against 0.61.0
 * (test/agents-real, docs/agents.md).
 *
 * `gemini -p <prompt> --output-format stream-json --approval-mode yolo --skip-trust [--model M]`:
 * - `--approval-mode yolo` approves tool calls, which headless mode cannot ask about; without
 *   `--skip-trust` the CLI overrides it back to "default" in a folder it does not trust (every
 *   fresh checkout) and every edit is refused;
 * - the turn limit, the tool exclusions and telemetry/auto-update are settings, not flags: the
 *   adapter writes a settings file under `.orchestrator/gemini-home/.gemini/` (git-excluded) and
 *   points `GEMINI_CLI_HOME` at it (the system settings path is refused under a world-writable
 *   parent like /tmp): `model.maxSessionTurns` = `agent.max_turns` (exit code 53 when hit),
 *   `tools.exclude` = the web tools unless granted, and `security.auth.selectedType` =
 *   `gemini-api-key` when `GEMINI_API_KEY` reaches the agent (headless mode does not pick it alone);
 * - `GOOGLE_GEMINI_BASE_URL` (passed through `agent.env`) points it at another endpoint (HTTPS, or
 *   plain HTTP on localhost only).
 *
 * Usage: the stream's last line is `{"type":"result","stats":{"input_tokens":3000,"output_tokens":150,
 * "models":{...}}}`; `--output-format json` prints `{"stats":{"models":{"<m>":{"tokens":{"prompt":..,
 * "candidates":..}}}}}` and older builds `stats.inputTokens/outputTokens`: all three are read.
 * Gemini prints no cost.
 */
export const geminiAdapter: AgentAdapter = {
  name: "gemini",
  executable: () => "gemini",
  buildInvocation(files, envelope, options) {
    const args = ["-p", agentPrompt(files, envelope), "--output-format", "stream-json", "--approval-mode", "yolo", "--skip-trust"];
    if (options.model !== undefined) args.push("--model", options.model);
    const home = path.join(path.dirname(files.json), "gemini-home");
    const settings = {
      general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
      privacy: { usageStatisticsEnabled: false },
      model: { maxSessionTurns: options.maxTurns },
      tools: { exclude: options.network === true ? [] : [...GEMINI_WEB_TOOLS] },
      ...(options.env?.GEMINI_API_KEY !== undefined ? { security: { auth: { selectedType: "gemini-api-key" } } } : {}),
    };
    return {
      command: "gemini",
      args,
      env: { ORCHESTRATOR_ENVELOPE: files.json, GEMINI_CLI_HOME: home },
      timeoutMs: options.timeoutMs,
      files: [{ path: path.join(home, ".gemini", "settings.json"), content: `${JSON.stringify(settings, null, 2)}\n` }],
    };
  },
  parseUsage(stdout) {
    const doc = jsonLines(stdout).filter((o) => obj(o, "stats") !== undefined).at(-1);
    const stats = obj(doc, "stats");
    if (stats === undefined) return {};
    if (num(stats.input_tokens) !== undefined || num(stats.output_tokens) !== undefined) {
      return usage({ inputTokens: num(stats.input_tokens), outputTokens: num(stats.output_tokens) });
    }
    const models = obj(stats, "models");
    if (models === undefined) {
      return usage({ inputTokens: num(stats.inputTokens), outputTokens: num(stats.outputTokens) });
    }
    return sumModels(models);
  },
};

function sumModels(models: Record<string, unknown>): AgentUsage {
  let input: number | undefined;
  let output: number | undefined;
  for (const name of Object.keys(models)) {
    const tokens = obj(obj(models, name), "tokens");
    const p = num(tokens?.prompt);
    const c = num(tokens?.candidates);
    if (p !== undefined) input = (input ?? 0) + p;
    if (c !== undefined) output = (output ?? 0) + c;
  }
  return usage({ inputTokens: input, outputTokens: output });
}
