/**
 * Writes the committed JSON Schemas from their zod sources: `npm run schema`.
 * A test (test/config/json-schema.test.ts) fails when a committed file drifts.
 */
import { writeFileSync } from "node:fs";
import { committedSchemas, schemaText } from "./schemas.js";

for (const { path, schema } of committedSchemas()) {
  writeFileSync(path, schemaText(schema));
  console.log(`wrote ${path}`);
}
