import { z } from "zod";
import { configSchema } from "./schema.js";

/**
 * JSON Schema (draft 2020-12) of `.github/orchestrator.yml`, generated from the zod schema (input
 * side, so defaults show and every key is optional). Committed as `schema/orchestrator.schema.json`
 * for editors; a test fails when the committed file drifts from this.
 */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema, { io: "input" }),
    $id: "https://github.com/agent-orchestrator/agent-orchestrator/schema/orchestrator.schema.json",
    title: "Agent orchestrator configuration (.github/orchestrator.yml)",
  };
}
