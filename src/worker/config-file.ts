import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseYamlBounded } from "../config/bounded-yaml.js";
import { configSchema, type OrchestratorConfig } from "../config/schema.js";

/** Path of the configuration file in a checkout. */
export const CONFIG_PATH = ".github/orchestrator.yml";

export type LoadedConfig = { ok: true; config: OrchestratorConfig; found: boolean } | { ok: false; error: string };

/**
 * Reads `.github/orchestrator.yml` from the checkout (the default branch, as the worker workflow
 * checks it out) and validates it with the config schema. A missing or empty file gives the
 * defaults; YAML or schema errors give one message naming each bad key. Never throws.
 */
export async function loadConfigFile(workspace: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(path.join(workspace, CONFIG_PATH), "utf8");
  } catch {
    return { ok: true, config: configSchema.parse({}), found: false };
  }
  const bounded = parseYamlBounded(text);
  if (!bounded.ok) return { ok: false, error: `${CONFIG_PATH} is broken: ${bounded.problem}` };
  const raw: unknown = bounded.value ?? {};
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, error: `${CONFIG_PATH} is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}` };
  }
  return { ok: true, config: parsed.data, found: true };
}
