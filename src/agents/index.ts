import type { AgentName } from "../config/schema.js";
import type { AgentAdapter } from "./adapter.js";
import { aiderAdapter } from "./aider.js";
import { claudeCodeAdapter } from "./claude-code.js";
import { codexAdapter } from "./codex.js";
import { commandAdapter } from "./command.js";
import { geminiAdapter } from "./gemini.js";

export type { AgentAdapter } from "./adapter.js";

/** Every adapter by config name (`agent.name`). */
export const ADAPTERS: Readonly<Record<AgentName, AgentAdapter>> = {
  "claude-code": claudeCodeAdapter,
  codex: codexAdapter,
  gemini: geminiAdapter,
  aider: aiderAdapter,
  command: commandAdapter,
};

