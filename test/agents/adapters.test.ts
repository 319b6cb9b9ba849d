import { describe, expect, it } from "vitest";
import { ADAPTERS } from "../../src/agents/index.js";
import { aiderAdapter } from "../../src/agents/aider.js";
import { claudeCodeAdapter } from "../../src/agents/claude-code.js";
import { codexAdapter } from "../../src/agents/codex.js";
import { commandAdapter } from "../../src/agents/command.js";
import { geminiAdapter } from "../../src/agents/gemini.js";
import type { AgentOptions } from "../../src/agents/adapter.js";
import { configSchema, AGENT_NAMES } from "../../src/config/schema.js";
import { buildEnvelope, type TaskEnvelope } from "../../src/domain/envelope.js";
import { parseIssue } from "../../src/domain/parse-issue.js";

const config = configSchema.parse({ worker: { test_command: "npm test" } });
const built = buildEnvelope(
  { number: 9, title: "Fix parser", htmlUrl: "https://github.com/a/b/issues/9" },
  null,
  parseIssue({ title: "Fix parser", body: "### Goal\n\nFix `src/parse.ts`.\n", labels: [] }, config),
  config,
  { repository: "a/b", attempt: 1 },
);
if (!built.ok) throw new Error("envelope");
const envelope: TaskEnvelope = built.envelope;
const files = { json: "/w/.orchestrator/envelope.json", markdown: "/w/.orchestrator/envelope.md" };
const options: AgentOptions = { maxTurns: 30, timeoutMs: 600_000, workspace: "/w", model: "m-1" };

describe("agent adapters: invocations", () => {
  it("has one adapter per configurable agent name", () => {
    expect(Object.keys(ADAPTERS).sort()).toEqual([...AGENT_NAMES].sort());
    for (const name of AGENT_NAMES) expect(ADAPTERS[name].name).toBe(name);
  });

  it("claude-code: print mode, streamed JSON, turn limit, offered tools without web, push denied, model", () => {
    const inv = claudeCodeAdapter.buildInvocation(files, envelope, options);
    expect(inv.command).toBe("claude");
    expect(inv.args[0]).toBe("-p");
    expect(inv.args[1]).toContain(files.markdown);
    const tools = "Bash,Read,Edit,MultiEdit,Write,Glob,Grep,LS";
    expect(inv.args.slice(2)).toEqual([
      "--output-format", "stream-json", "--verbose",
      "--max-turns", "30",
      "--permission-mode", "acceptEdits",
      "--tools", tools,
      "--allowedTools", tools,
      "--disallowedTools", "Bash(git push:*)",
      "--model", "m-1",
    ]);
    expect(inv.args).not.toContain("--dangerously-skip-permissions");
    expect(inv).toMatchObject({ env: { ORCHESTRATOR_ENVELOPE: files.json, DISABLE_AUTOUPDATER: "1", CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1" }, timeoutMs: 600_000 });
  });

  it("claude-code: web tools only when granted; the budget left becomes --max-budget-usd", () => {
    const inv = claudeCodeAdapter.buildInvocation(files, envelope, { ...options, network: true, spendLimitUsd: 2.5 });
    expect(inv.args[inv.args.indexOf("--tools") + 1]).toBe("Bash,Read,Edit,MultiEdit,Write,Glob,Grep,LS,WebFetch,WebSearch");
    expect(inv.args[inv.args.indexOf("--max-budget-usd") + 1]).toBe("2.5");
  });

  it("codex: exec, JSONL events, workspace-write sandbox, web search off, prompt last", () => {
    const inv = codexAdapter.buildInvocation(files, envelope, options);
    expect(inv.command).toBe("codex");
    expect(inv.args.slice(0, -1)).toEqual([
      "exec", "--json", "--sandbox", "workspace-write",
      "-c", "check_for_update_on_startup=false",
      "-c", 'web_search="disabled"',
      "--model", "m-1",
    ]);
    expect(inv.args.at(-1)).toContain("issue #9: Fix parser");
    expect(inv.args).not.toContain("--dangerously-bypass-approvals-and-sandbox");
  });

  it("codex: OPENAI_BASE_URL in the agent environment becomes a model provider; network grants live search", () => {
    const inv = codexAdapter.buildInvocation(files, envelope, { ...options, network: true, env: { OPENAI_BASE_URL: "http://127.0.0.1:9/v1" } });
    expect(inv.args).toContain('web_search="live"');
    expect(inv.args).toContain('model_provider="orchestrator"');
    expect(inv.args).toContain(
      'model_providers.orchestrator={name="orchestrator",base_url="http://127.0.0.1:9/v1",env_key="OPENAI_API_KEY",wire_api="responses",supports_websockets=false}',
    );
  });

  it("codex: counts tool items of the --json stream as turns", () => {
    const lines = [
      { type: "item.completed", item: { type: "command_execution" } },
      { type: "item.completed", item: { type: "agent_message" } },
      { type: "item.started", item: { type: "file_change" } },
      { type: "item.completed", item: { type: "file_change" } },
    ];
    expect(codexAdapter.turnsOf?.(lines.map((l) => JSON.stringify(l)).join("\n"))).toBe(2);
  });

  it("gemini: -p prompt, streamed JSON, approval mode yolo in an untrusted checkout, settings file", () => {
    const inv = geminiAdapter.buildInvocation(files, envelope, { ...options, model: undefined, env: { GEMINI_API_KEY: "k" } } as AgentOptions);
    expect(inv.command).toBe("gemini");
    expect(inv.args[0]).toBe("-p");
    expect(inv.args.slice(2)).toEqual(["--output-format", "stream-json", "--approval-mode", "yolo", "--skip-trust"]);
    expect(inv.env.GEMINI_CLI_HOME).toBe("/w/.orchestrator/gemini-home");
    expect(inv.files?.[0]?.path).toBe("/w/.orchestrator/gemini-home/.gemini/settings.json");
    const settings = JSON.parse(inv.files?.[0]?.content ?? "{}") as Record<string, unknown>;
    expect(settings).toMatchObject({
      model: { maxSessionTurns: 30 },
      tools: { exclude: ["web_fetch", "google_web_search"] },
      security: { auth: { selectedType: "gemini-api-key" } },
      privacy: { usageStatisticsEnabled: false },
    });
    const granted = geminiAdapter.buildInvocation(files, envelope, { ...options, network: true });
    expect(JSON.parse(granted.files?.[0]?.content ?? "{}")).toMatchObject({ tools: { exclude: [] } });
  });

  it("aider: message file, no auto commits, tests, files named in the issue", () => {
    const inv = aiderAdapter.buildInvocation(files, envelope, options);
    expect(inv.command).toBe("aider");
    expect(inv.args.slice(0, 2)).toEqual(["--message-file", files.markdown]);
    for (const flag of ["--yes-always", "--no-auto-commits", "--no-dirty-commits", "--no-gitignore", "--no-check-update", "--auto-test"]) expect(inv.args).toContain(flag);
    expect(inv.args[inv.args.indexOf("--test-cmd") + 1]).toBe("npm test");
    expect(inv.args[inv.args.indexOf("--model") + 1]).toBe("m-1");
    expect(inv.args.at(-1)).toBe("src/parse.ts");
  });

  it("command: bash -c with the envelope paths in the environment", () => {
    const inv = commandAdapter.buildInvocation(files, envelope, { ...options, command: "python agent.py --fast" });
    expect(inv).toEqual({
      command: "bash",
      args: ["-c", "python agent.py --fast"],
      env: { ORCHESTRATOR_ENVELOPE: files.json, ORCHESTRATOR_ENVELOPE_MD: files.markdown, ORCHESTRATOR_MAX_TURNS: "30" },
      timeoutMs: 600_000,
    });
    expect(() => commandAdapter.buildInvocation(files, envelope, options)).toThrow("agent.command is not set");
  });
});

describe("agent adapters: usage from sample outputs", () => {
  it("claude-code: total_cost_usd and usage of the result object", () => {
    const stdout = JSON.stringify({
      type: "result",
      subtype: "success",
      is_error: false,
      num_turns: 4,
      result: "Done.",
      session_id: "0e639165",
      total_cost_usd: 0.0079825,
      usage: { input_tokens: 3, cache_creation_input_tokens: 100, cache_read_input_tokens: 15635, output_tokens: 6 },
    });
    expect(claudeCodeAdapter.parseUsage(`${stdout}\n`, "")).toEqual({ costUsd: 0.0079825, inputTokens: 15738, outputTokens: 6 });
    expect(claudeCodeAdapter.parseUsage("Error: not logged in", "")).toEqual({});
  });

  it("codex: sums turn.completed usage over JSONL events", () => {
    const stdout = [
      '{"type":"thread.started","thread_id":"t1"}',
      '{"type":"turn.started"}',
      '{"type":"item.completed","item":{"id":"i0","type":"agent_message","text":"editing"}}',
      '{"type":"turn.completed","usage":{"input_tokens":26549,"cached_input_tokens":22272,"output_tokens":1590}}',
      '{"type":"turn.completed","usage":{"input_tokens":451,"cached_input_tokens":0,"output_tokens":10}}',
    ].join("\n");
    expect(codexAdapter.parseUsage(stdout, "progress on stderr")).toEqual({ inputTokens: 27000, outputTokens: 1600 });
  });

  it("gemini: sums stats.models.*.tokens, and reads the older flat stats", () => {
    const stdout = JSON.stringify(
      {
        response: "Fixed.",
        stats: {
          models: {
            "gemini-2.5-pro": { api: { totalRequests: 2 }, tokens: { prompt: 24939, candidates: 20, total: 25113, cached: 21263, thoughts: 154 } },
            "gemini-2.5-flash": { tokens: { prompt: 61, candidates: 5, total: 66 } },
          },
          tools: { totalCalls: 1 },
        },
      },
      null,
      2,
    );
    expect(geminiAdapter.parseUsage(stdout, "")).toEqual({ inputTokens: 25000, outputTokens: 25 });
    expect(geminiAdapter.parseUsage('{"response":"x","stats":{"inputTokens":12,"outputTokens":8}}', "")).toEqual({ inputTokens: 12, outputTokens: 8 });
    const stream = '{"type":"init"}\n{"type":"result","status":"success","stats":{"input_tokens":3000,"output_tokens":150,"models":{}}}\n';
    expect(geminiAdapter.parseUsage(stream, "")).toEqual({ inputTokens: 3000, outputTokens: 150 });
  });

  it("aider: Tokens/Cost lines, k suffixes, last session cost", () => {
    const stdout = [
      "Aider v0.86.2",
      "Model: openai/gpt-4.1 with diff edit format",
      "Tokens: 3.0k sent, 42 received. Cost: $0.0063 message, $0.0063 session.",
      "Applied edit to src/parse.ts",
      "Tokens: 1,250 sent, 1.2k received. Cost: $0.0100 message, $0.0163 session.",
    ].join("\n");
    expect(aiderAdapter.parseUsage(stdout, "")).toEqual({ costUsd: 0.0163, inputTokens: 4250, outputTokens: 1242 });
    expect(aiderAdapter.parseUsage("> Tokens: 9.6k sent, 89 received. Cost: $0.05 message", "")).toEqual({ costUsd: 0.05, inputTokens: 9600, outputTokens: 89 });
  });

  it("command: the last orchestrator-usage line", () => {
    const stdout = 'working\norchestrator-usage: {"costUsd":0.1}\norchestrator-usage: {"costUsd":0.3,"inputTokens":10,"outputTokens":2}\n';
    expect(commandAdapter.parseUsage(stdout, "")).toEqual({ costUsd: 0.3, inputTokens: 10, outputTokens: 2 });
    expect(commandAdapter.parseUsage("nothing", "")).toEqual({});
  });
});
