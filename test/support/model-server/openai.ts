import { sendSse, stepFor, type ModelScript, type ProviderReply, type ScriptStep } from "./server.js";

/**
 * OpenAI Responses API streaming (platform.openai.com/docs/api-reference/responses-streaming) as
 * Codex calls it: `POST /v1/responses` with `stream: true` and the whole conversation in `input`;
 * answered by `response.created`, one `response.output_item.done` (a tool call or a message) and
 * `response.completed` carrying the usage.
 */

interface ResponsesBody {
  tools?: Array<{ type?: string; name?: string }>;
  input?: Array<{ type?: string }>;
}

const CALL_TYPES = new Set(["function_call", "custom_tool_call", "local_shell_call"]);

/** The name a tool is offered under (web search is a typed tool without a name). */
function toolName(t: { type?: string; name?: string }): string {
  return t.name ?? t.type ?? "?";
}

/** A patch that replaces `path` with `content` (apply_patch grammar: delete, then add). */
export function replacePatch(path: string, content: string): string {
  const added = content.replace(/\n$/, "").split("\n").map((l) => `+${l}`).join("\n");
  return `*** Begin Patch\n*** Add File: ${path}\n${added}\n*** End Patch\n`;
}

function item(step: ScriptStep, tools: ResponsesBody["tools"], n: number): Record<string, unknown> {
  const callId = `call_${n + 1}`;
  const byName = (name: string) => (tools ?? []).find((t) => t.name === name);
  const patchTool = byName("apply_patch");
  if ("write" in step && patchTool !== undefined) {
    const patch = replacePatch(step.write.path, step.write.content);
    if (patchTool.type === "custom") return { type: "custom_tool_call", id: `ctc_${n + 1}`, call_id: callId, name: "apply_patch", input: patch };
    return { type: "function_call", id: `fc_${n + 1}`, call_id: callId, name: "apply_patch", arguments: JSON.stringify({ input: patch }) };
  }
  // Without apply_patch (Codex offers it only for models it knows), a file is written by the shell tool.
  const command =
    "write" in step
      ? `printf %s ${Buffer.from(step.write.content).toString("base64")} | base64 -d > ${step.write.path}`
      : "shell" in step
        ? step.shell
        : "read" in step
          ? `cat ${step.read.path}`
          : undefined;
  if (command !== undefined) {
    if (byName("exec_command") !== undefined) return { type: "function_call", id: `fc_${n + 1}`, call_id: callId, name: "exec_command", arguments: JSON.stringify({ cmd: command }) };
    if (byName("shell_command") !== undefined) return { type: "function_call", id: `fc_${n + 1}`, call_id: callId, name: "shell_command", arguments: JSON.stringify({ command }) };
    return { type: "function_call", id: `fc_${n + 1}`, call_id: callId, name: "shell", arguments: JSON.stringify({ command: ["bash", "-lc", command] }) };
  }
  const text = "text" in step ? step.text : "Done.";
  return { type: "message", id: `msg_${n + 1}`, role: "assistant", status: "completed", content: [{ type: "output_text", text, annotations: [] }] };
}

export function openaiReply(raw: unknown, script: ModelScript): ProviderReply {
  const body = (raw ?? {}) as ResponsesBody;
  const tools = (body.tools ?? []).map(toolName);
  const scripted = tools.length > 0;
  const n = (body.input ?? []).filter((i) => CALL_TYPES.has(i.type ?? "")).length;
  const step: ScriptStep = scripted ? stepFor(script, n) : { text: "ok" };
  const out = item(step, body.tools, n);
  const usage = script.usage ?? { input: 100, output: 20 };
  const id = `resp_${n + 1}`;
  return {
    tools,
    scripted,
    send: (res) =>
      sendSse(res, [
        { event: "response.created", data: { type: "response.created", response: { id, object: "response", status: "in_progress", output: [] } } },
        { event: "response.output_item.done", data: { type: "response.output_item.done", output_index: 0, item: out } },
        {
          event: "response.completed",
          data: {
            type: "response.completed",
            response: {
              id,
              object: "response",
              status: "completed",
              output: [out],
              usage: {
                input_tokens: usage.input,
                input_tokens_details: { cached_tokens: 0 },
                output_tokens: usage.output,
                output_tokens_details: { reasoning_tokens: 0 },
                total_tokens: usage.input + usage.output,
              },
            },
          },
        },
      ]),
  };
}
