import { agentPrompt, jsonLines, num, obj, usage, type AgentAdapter } from "./adapter.js";

/**
 * OpenAI Codex CLI (`codex`, npm `@openai/codex`), non-interactive.
 *
 * Invocation, per developers.openai.com/codex/noninteractive and the `codex exec` reference:
 * `codex exec --json --sandbox workspace-write [--model M] <prompt>`. `exec` never asks for
 * approvals; the `workspace-write` sandbox lets it edit the workspace and run commands with no
 * network, so it cannot push (`--full-auto` is the deprecated alias of this). Codex has no turn
 * limit flag: the run is bounded by the worker's timeout.
 *
 * Usage: `--json` streams JSONL events; each `{"type":"turn.completed","usage":{"input_tokens":
 * 26549,"cached_input_tokens":22272,"output_tokens":1590}}` carries a turn's tokens (see
 * openai/codex exec_events.rs, issue #5276). We sum them. Codex prints no cost.
 */
export const codexAdapter: AgentAdapter = {
  name: "codex",
  executable: () => "codex",
  buildInvocation(files, envelope, options) {
    const args = ["exec", "--json", "--sandbox", "workspace-write"];
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
};
