import { jsonLines, num, usage, type AgentAdapter } from "./adapter.js";

/**
 * Any command line (`agent.command`), run as `bash -c <command>` with `ORCHESTRATOR_ENVELOPE`
 * naming the envelope JSON (and `ORCHESTRATOR_ENVELOPE_MD` the Markdown). Bounded by the worker's
 * timeout; `ORCHESTRATOR_MAX_TURNS` carries `agent.max_turns` for scripts that want it.
 *
 * Usage: our own convention, since no CLI is known: a stdout line
 * `orchestrator-usage: {"costUsd":0.12,"inputTokens":1000,"outputTokens":200}`; the last one wins.
 */
export const commandAdapter: AgentAdapter = {
  name: "command",
  executable: () => "bash",
  buildInvocation(files, _envelope, options) {
    if (options.command === undefined) throw new Error("agent.name is `command` but agent.command is not set");
    return {
      command: "bash",
      args: ["-c", options.command],
      env: {
        ORCHESTRATOR_ENVELOPE: files.json,
        ORCHESTRATOR_ENVELOPE_MD: files.markdown,
        ORCHESTRATOR_MAX_TURNS: String(options.maxTurns),
      },
      timeoutMs: options.timeoutMs,
    };
  },
  parseUsage(stdout) {
    const lines = stdout.split("\n").filter((l) => l.startsWith("orchestrator-usage:"));
    const last = lines.at(-1);
    if (last === undefined) return {};
    const doc = jsonLines(last.slice("orchestrator-usage:".length)).at(-1);
    if (doc === undefined) return {};
    return usage({ costUsd: num(doc.costUsd), inputTokens: num(doc.inputTokens), outputTokens: num(doc.outputTokens) });
  },
};
