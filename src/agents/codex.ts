import { agentPrompt, jsonLines, num, obj, usage, type AgentAdapter } from "./adapter.js";

/** Codex `--json` item types that are one tool turn each. */
const TOOL_ITEMS = new Set(["command_execution", "file_change", "mcp_tool_call", "web_search"]);

/** A TOML basic string (for `-c key=value`, whose value Codex parses as TOML). */
function tomlString(value: string): string {
  return JSON.stringify(value);
}

/**
 * OpenAI Codex CLI (`codex`, npm `@openai/codex`), non-interactive. Tested against 0.169.0
 * (test/agents-real, docs/agents.md).
 *
 * `codex exec --json --sandbox workspace-write -c check_for_update_on_startup=false
 * -c web_search="disabled" [provider overrides] [--model M] <prompt>`:
 * - `exec` never asks for approvals; the `workspace-write` sandbox lets it edit the workspace and
 *   run commands without network, so it cannot push;
 * - Codex offers the model its hosted `web_search` tool by default: `web_search="disabled"` takes
 *   it away unless the envelope grants network (then `"live"`);
 * - Codex ignores `OPENAI_BASE_URL` in the environment (0.169.0); when the agent environment has
 *   it, the adapter defines a model provider `orchestrator` with that `base_url`, the Responses
 *   wire API over HTTPS (no WebSocket) and `OPENAI_API_KEY` as its key;
 * - Codex has no turn-limit flag: the worker counts tool items in the `--json` stream
 *   ({@link codexAdapter.turnsOf}) and stops the run past `agent.max_turns`.
 *
 * Usage: `--json` streams JSONL events; each `{"type":"turn.completed","usage":{"input_tokens":
 * 26549,"cached_input_tokens":22272,"output_tokens":1590}}` carries a turn's tokens. We sum them.
 * Codex prints no cost.
 */
export const codexAdapter: AgentAdapter = {
  name: "codex",
  executable: () => "codex",
  buildInvocation(files, envelope, options) {
    const args = ["exec", "--json", "--sandbox", "workspace-write", "-c", "check_for_update_on_startup=false"];
    args.push("-c", `web_search=${tomlString(options.network === true ? "live" : "disabled")}`);
    const baseUrl = options.env?.OPENAI_BASE_URL;
    if (baseUrl !== undefined && baseUrl !== "") {
      const provider = `{name=${tomlString("orchestrator")},base_url=${tomlString(baseUrl)},env_key=${tomlString("OPENAI_API_KEY")},wire_api=${tomlString("responses")},supports_websockets=false}`;
      args.push("-c", `model_provider=${tomlString("orchestrator")}`, "-c", `model_providers.orchestrator=${provider}`);
    }
    if (options.model !== undefined) args.push("--model", options.model);
    args.push(agentPrompt(files, envelope));
    return { command: "codex", args, env: { ORCHESTRATOR_ENVELOPE: files.json }, timeoutMs: options.timeoutMs };
  },
  parseUsage(stdout) {
    let input: number | undefined;
    let output: number | undefined;
    for (const event of jsonLines(stdout)) {
      if (event.type !== "turn.completed") continue;
      const u = obj(event, "usage");
      const i = num(u?.input_tokens);
      const o = num(u?.output_tokens);
      if (i !== undefined) input = (input ?? 0) + i;
      if (o !== undefined) output = (output ?? 0) + o;
    }
    return usage({ inputTokens: input, outputTokens: output });
  },
  turnsOf(stdout) {
    return jsonLines(stdout).filter((e) => e.type === "item.completed" && TOOL_ITEMS.has(String(obj(e, "item")?.type))).length;
  },
};
