import { fileURLToPath } from "node:url";
import { configJsonSchema } from "../src/config/json-schema.js";
import { envelopeJsonSchema } from "../src/domain/envelope.js";
import { planHandoffJsonSchema, storyHandoffJsonSchema } from "../src/domain/pm/envelope.js";
import { reviewEnvelopeJsonSchema, reviewerVerdictJsonSchema } from "../src/domain/review-envelope.js";

/** Every JSON Schema the repository commits, with its path (`npm run schema` writes them). */
export function committedSchemas(): Array<{ path: string; schema: Record<string, unknown> }> {
  const at = (name: string) => fileURLToPath(new URL(`../schema/${name}`, import.meta.url));
  return [
    { path: at("orchestrator.schema.json"), schema: configJsonSchema() },
    { path: at("task-envelope.schema.json"), schema: envelopeJsonSchema() as Record<string, unknown> },
    { path: at("review-envelope.schema.json"), schema: reviewEnvelopeJsonSchema() as Record<string, unknown> },
    { path: at("reviewer-verdict.schema.json"), schema: reviewerVerdictJsonSchema() as Record<string, unknown> },
    { path: at("story-handoff.schema.json"), schema: storyHandoffJsonSchema() },
    { path: at("plan-handoff.schema.json"), schema: planHandoffJsonSchema() },
  ];
}

/** A schema file's exact text: pretty JSON with a trailing newline. */
export function schemaText(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
