import type { ServerResponse } from "node:http";
import { sendSse, stepFor, type ModelScript, type ProviderReply, type ScriptStep } from "./server.js";

/**
 * The Gemini API (ai.google.dev/api/generate-content) as the Gemini CLI calls it through
 * `GOOGLE_GEMINI_BASE_URL`: `POST /v1beta/models/<model>:streamGenerateContent?alt=sse` (server-sent
 * events, one `GenerateContentResponse` each) and `:generateContent` (one JSON document), with
 * `usageMetadata` token counts; `:countTokens` gets a count.
 */

interface GeminiBody {
  generationConfig?: { responseJsonSchema?: unknown; responseSchema?: unknown };
  contents?: Array<{ role?: string; parts?: Array<{ functionCall?: unknown }> }>;
  tools?: Array<{ functionDeclarations?: Array<{ name?: string }>; googleSearch?: unknown }>;
}

function toolNames(body: GeminiBody): string[] {
  const names: string[] = [];
  for (const t of body.tools ?? []) {
    for (const d of t.functionDeclarations ?? []) names.push(d.name ?? "?");
    if (t.googleSearch !== undefined) names.push("googleSearch");
  }
  return names;
}

/** A value that satisfies a (Gemini-flavoured, upper-case types allowed) JSON Schema: side requests (routing, loop checks) ask for JSON. */
export function sampleOf(schema: unknown): unknown {
  const s = (schema ?? {}) as { type?: string; properties?: Record<string, unknown>; required?: string[]; enum?: unknown[]; items?: unknown };
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  switch ((s.type ?? "object").toLowerCase()) {
    case "string":
      return "ok";
    case "integer":
    case "number":
      return 1;
    case "boolean":
      return false;
    case "array":
      return [];
    default: {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(s.properties ?? {})) out[key] = sampleOf(value);
      return out;
    }
  }
}

function part(step: ScriptStep): Record<string, unknown> {
  if ("write" in step) return { functionCall: { name: "write_file", args: { file_path: step.write.path, content: step.write.content } } };
  if ("read" in step) return { functionCall: { name: "read_file", args: { file_path: step.read.path } } };
  if ("shell" in step) return { functionCall: { name: "run_shell_command", args: { command: step.shell } } };
  return { text: step.text };
}

export function geminiReply(url: string, raw: unknown, script: ModelScript): ProviderReply {
  const body = (raw ?? {}) as GeminiBody;
  const tools = toolNames(body);
  const usage = script.usage ?? { input: 100, output: 20 };
  if (url.includes(":countTokens")) return { tools, scripted: false, send: (res) => json(res, { totalTokens: usage.input }) };
  const scripted = tools.length > 0;
  const n = (body.contents ?? [])
    .filter((c) => c.role === "model")
    .reduce((sum, c) => sum + (c.parts ?? []).filter((p) => p.functionCall !== undefined).length, 0);
  const schema = body.generationConfig?.responseJsonSchema ?? body.generationConfig?.responseSchema;
  const sideAnswer = schema !== undefined ? JSON.stringify(sampleOf(schema)) : "ok";
  const step: ScriptStep = scripted ? stepFor(script, n) : { text: sideAnswer };
  const model = /models\/([^:]+):/.exec(url)?.[1] ?? "gemini-2.5-pro";
  const doc = {
    candidates: [{ content: { role: "model", parts: [part(step)] }, finishReason: "STOP", index: 0 }],
    usageMetadata: { promptTokenCount: usage.input, candidatesTokenCount: usage.output, totalTokenCount: usage.input + usage.output },
    modelVersion: model,
  };
  if (url.includes(":streamGenerateContent")) return { tools, scripted, send: (res) => sendSse(res, [{ data: doc }]) };
  return { tools, scripted, send: (res) => json(res, doc) };
}

function json(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify(value));
}
