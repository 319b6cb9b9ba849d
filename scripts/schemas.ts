import { fileURLToPath } from "node:url";
import { configJsonSchema } from "../src/config/json-schema.js";

/** Every JSON Schema the repository commits, with its path. */
export function committedSchemas(): Array<{ path: string; schema: Record<string, unknown> }> {
  const at = (name: string) => fileURLToPath(new URL(`../schema/${name}`, import.meta.url));
  return [{ path: at("orchestrator.schema.json"), schema: configJsonSchema() }];
}
