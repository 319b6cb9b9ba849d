// Writes schema/task-envelope.schema.json from the zod envelope schema (src/domain/envelope.ts).
// Run: npx tsx scripts/generate-envelope-schema.ts   (test/domain/envelope.test.ts fails on drift)
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { envelopeJsonSchema } from "../src/domain/envelope.js";

export const ENVELOPE_SCHEMA_PATH = fileURLToPath(new URL("../schema/task-envelope.schema.json", import.meta.url));

/** The file's exact text: pretty JSON with a trailing newline. */
export function envelopeSchemaText(): string {
  return `${JSON.stringify(envelopeJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(ENVELOPE_SCHEMA_PATH, envelopeSchemaText());
  process.stdout.write(`wrote ${ENVELOPE_SCHEMA_PATH}\n`);
}
