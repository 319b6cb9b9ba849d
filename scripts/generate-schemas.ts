/**
 * Writes the committed JSON Schemas from their zod sources: `npm run schema`.
 * A test (test/config/json-schema.test.ts) fails when a committed file drifts.
 */
import { writeFileSync } from "node:fs";
import { committedSchemas } from "./schemas.js";

for (const { path, schema } of committedSchemas()) {
  writeFileSync(path, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${path}`);
}
