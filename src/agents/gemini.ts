import { agentPrompt, jsonLines, num, obj, usage, type AgentAdapter } from "./adapter.js";

/**
 * Google Gemini CLI (`gemini`, npm `@google/gemini-cli`), headless.
 *
 * Invocation, per geminicli.com/docs/cli/headless and the CLI flag reference:
 * `gemini -p <prompt> --output-format json --approval-mode yolo [--model M]`. `-p` forces
 * non-interactive mode; `--approval-mode yolo` (the non-deprecated spelling of `--yolo`) approves
 * tool calls, which headless mode could not ask about. The environment carries no credential, so
 * it cannot push. The session turn limit is a settings key (`model.maxSessionTurns`), not a flag;
 * the run is bounded by the worker's timeout (exit code 53 means the turn limit was hit).
 *
 * Usage: the JSON output is `{"response": "...", "stats": {"models": {"<model>": {"tokens":
 * {"prompt": 24939, "candidates": 20, "total": 25113, "cached": 21263, ...}}}, ...}}`; older
 * builds print `stats.inputTokens/outputTokens`. We sum over models. Gemini prints no cost.
 */
export const geminiAdapter: AgentAdapter = {
  name: "gemini",
  executable: () => "gemini",
  buildInvocation(files, envelope, options) {
    const args = ["-p", agentPrompt(files, envelope), "--output-format", "json", "--approval-mode", "yolo"];
    if (options.model !== undefined) args.push("--model", options.model);
    return { command: "gemini", args, env: { ORCHESTRATOR_ENVELOPE: files.json }, timeoutMs: options.timeoutMs };
  },
  parseUsage(stdout) {
    const doc = jsonLines(stdout).filter((o) => obj(o, "stats") !== undefined).at(-1);
    const stats = obj(doc, "stats");
    if (stats === undefined) return {};
    const models = obj(stats, "models");
    if (models === undefined) {
      return usage({ inputTokens: num(stats.inputTokens), outputTokens: num(stats.outputTokens) });
    }
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
  },
};
