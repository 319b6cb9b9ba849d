import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { anthropicReply } from "./anthropic.js";
import { geminiReply } from "./gemini.js";
import { openaiReply } from "./openai.js";

/**
 * A scripted model server on 127.0.0.1 for the real agent CLIs (issue 12, "Real CLIs"). It speaks
 * three providers' streaming APIs, each as its CLI uses it:
 * - Anthropic Messages with server-sent events (`POST /v1/messages`), for Claude Code
 *   (`ANTHROPIC_BASE_URL`);
 * - OpenAI Responses streaming (`POST /v1/responses`), for Codex (a model provider whose
 *   `base_url` is `<url>/v1`);
 * - Gemini `streamGenerateContent?alt=sse` and `generateContent` (`POST /v1beta/models/<m>:<op>`),
 *   for the Gemini CLI (`GOOGLE_GEMINI_BASE_URL`).
 *
 * The script is stateless per request: the step to play is the number of tool calls already in
 * the conversation the CLI sends, so retries and side requests (titles, routing, loop checks: sent
 * without tools) do not advance it. Side requests get a short text answer. Every request is
 * recorded with its headers and raw body, for tests that check the tool list, the prompt and that
 * no GitHub token is ever sent.
 */

/** One scripted model turn: a tool call editing or reading a file, a shell command, or the final answer. */
export type ScriptStep =
  | { write: { path: string; content: string } }
  | { read: { path: string } }
  | { shell: string }
  | { text: string };

export interface ModelScript {
  steps: ScriptStep[];
  /** Once the steps are used up, repeat the last one forever (a looping agent). */
  loop?: boolean;
  /** Tokens reported per model response. */
  usage?: { input: number; output: number };
}

export type Provider = "anthropic" | "openai" | "gemini";

export interface RecordedRequest {
  provider: Provider | "other";
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  raw: string;
  /** Names of the tools offered to the model in this request (empty for side requests). */
  tools: string[];
  /** Whether this request was answered from the script (a main conversation turn). */
  scripted: boolean;
}

/** What a provider module decides for one request. */
export interface ProviderReply {
  tools: string[];
  scripted: boolean;
  /** Writes the whole response (status, headers, body). */
  send(res: ServerResponse): void;
}

/** The step a conversation with `toolCallsSoFar` earlier tool calls gets, or the final text. */
export function stepFor(script: ModelScript, toolCallsSoFar: number): ScriptStep {
  const step = script.steps[toolCallsSoFar] ?? (script.loop === true ? script.steps.at(-1) : undefined);
  return step ?? { text: "Done." };
}

export interface ModelServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  url: string;
  requests: RecordedRequest[];
  /** Requests answered from the script (main conversation turns). */
  scripted(): RecordedRequest[];
  close(): Promise<void>;
}

function providerOf(url: string): Provider | "other" {
  if (url.startsWith("/v1/messages")) return "anthropic";
  if (url.startsWith("/v1/responses")) return "openai";
  if (url.startsWith("/v1beta/models/")) return "gemini";
  return "other";
}

/** Writes a server-sent event stream: `events` as `event:`/`data:` pairs (event name optional). */
export function sendSse(res: ServerResponse, events: Array<{ event?: string; data: unknown }>): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "close" });
  for (const e of events) {
    if (e.event !== undefined) res.write(`event: ${e.event}\n`);
    res.write(`data: ${JSON.stringify(e.data)}\n\n`);
  }
  res.end();
}

/** Starts the server on 127.0.0.1 (a free port). */
export async function startModelServer(script: ModelScript): Promise<ModelServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const url = req.url ?? "/";
      const provider = providerOf(url);
      let body: unknown = undefined;
      try {
        body = raw === "" ? undefined : JSON.parse(raw);
      } catch {
        body = undefined;
      }
      const reply =
        provider === "anthropic" && req.method === "POST"
          ? anthropicReply(url, body, script)
          : provider === "openai" && req.method === "POST"
            ? openaiReply(body, script)
            : provider === "gemini" && req.method === "POST"
              ? geminiReply(url, body, script)
              : undefined;
      requests.push({ provider, method: req.method ?? "GET", url, headers: req.headers, raw, tools: reply?.tools ?? [], scripted: reply?.scripted ?? false });
      if (reply === undefined) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: `model server: no route for ${req.method} ${url}` } }));
        return;
      }
      reply.send(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    scripted: () => requests.filter((r) => r.scripted),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
