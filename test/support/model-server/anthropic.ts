import type { ServerResponse } from "node:http";
import { sendSse, stepFor, type ModelScript, type ProviderReply, type ScriptStep } from "./server.js";

/**
 * Anthropic Messages API (docs.anthropic.com/en/api/messages-streaming) as Claude Code calls it:
 * `POST /v1/messages?beta=true` with `stream: true` answered by `message_start`,
 * `content_block_*`, `message_delta` (stop reason, output tokens) and `message_stop` events;
 * `stream: false` gets one JSON message; `/v1/messages/count_tokens` a count.
 */

interface AnthropicBody {
  stream?: boolean;
  model?: string;
  tools?: Array<{ name?: string }>;
  messages?: Array<{ role?: string; content?: unknown }>;
}

function toolCallsSoFar(body: AnthropicBody): number {
  let n = 0;
  for (const m of body.messages ?? []) {
    if (m.role !== "assistant" || !Array.isArray(m.content)) continue;
    n += (m.content as Array<{ type?: string }>).filter((b) => b.type === "tool_use").length;
  }
  return n;
}

function block(step: ScriptStep, id: string): Record<string, unknown> {
  if ("write" in step) return { type: "tool_use", id, name: "Write", input: { file_path: step.write.path, content: step.write.content } };
  if ("read" in step) return { type: "tool_use", id, name: "Read", input: { file_path: step.read.path } };
  if ("shell" in step) return { type: "tool_use", id, name: "Bash", input: { command: step.shell, description: "run a command" } };
  return { type: "text", text: step.text };
}

export function anthropicReply(url: string, raw: unknown, script: ModelScript): ProviderReply {
  const body = (raw ?? {}) as AnthropicBody;
  const tools = (body.tools ?? []).map((t) => t.name ?? "?");
  const usage = script.usage ?? { input: 100, output: 20 };
  if (url.includes("count_tokens")) {
    return { tools, scripted: false, send: (res) => json(res, { input_tokens: usage.input }) };
  }
  const scripted = tools.length > 0;
  const n = toolCallsSoFar(body);
  const step: ScriptStep = scripted ? stepFor(script, n) : { text: "ok" };
  const content = block(step, `toolu_${n + 1}`);
  const stopReason = content.type === "tool_use" ? "tool_use" : "end_turn";
  const model = body.model ?? "claude-sonnet-4-5";
  const message = { id: `msg_${n + 1}`, type: "message", role: "assistant", model, stop_sequence: null };
  if (body.stream !== true) {
    return {
      tools,
      scripted,
      send: (res) => json(res, { ...message, content: [content], stop_reason: stopReason, usage: { input_tokens: usage.input, output_tokens: usage.output } }),
    };
  }
  const start = content.type === "tool_use" ? { ...content, input: {} } : { type: "text", text: "" };
  const delta =
    content.type === "tool_use"
      ? { type: "input_json_delta", partial_json: JSON.stringify(content.input) }
      : { type: "text_delta", text: content.text };
  return {
    tools,
    scripted,
    send: (res) =>
      sendSse(res, [
        { event: "message_start", data: { type: "message_start", message: { ...message, content: [], stop_reason: null, usage: { input_tokens: usage.input, output_tokens: 1 } } } },
        { event: "content_block_start", data: { type: "content_block_start", index: 0, content_block: start } },
        { event: "content_block_delta", data: { type: "content_block_delta", index: 0, delta } },
        { event: "content_block_stop", data: { type: "content_block_stop", index: 0 } },
        { event: "message_delta", data: { type: "message_delta", delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: usage.output } } },
        { event: "message_stop", data: { type: "message_stop" } },
      ]),
  };
}

function json(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify(value));
}
