import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { committedSchemas } from "../../scripts/schemas.js";

describe("committed JSON Schemas", () => {
  for (const { path, schema } of committedSchemas()) {
    it(`${path.split("/").pop()} matches its zod source (run npm run schema)`, () => {
      const committed = JSON.parse(readFileSync(path, "utf8")) as unknown;
      expect(committed).toEqual(schema);
    });
  }
});
