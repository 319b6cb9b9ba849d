import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkScope } from "../../src/domain/scope.js";
import { defaultConfig } from "../../src/config/schema.js";

const gate = defaultConfig().autonomy.gate;

describe("checkScope", () => {
  it("lists files outside scope and gated files, sorted", () => {
    const r = checkScope(
      [
        { path: "src/b.ts", status: "modified" },
        { path: "docs/a.md", status: "added" },
        { path: ".github/workflows/ci.yml", status: "modified" },
        { path: "src/a.ts", status: "added" },
      ],
      ["src/**", ".github/**"],
      gate,
      5,
    );
    expect(r).toEqual({ outOfScope: ["docs/a.md"], gated: [".github/workflows/ci.yml"], deleted: 0, needsPerson: true, unmatchedScope: [] });
  });

  it("matches dotfiles and nested manifests (dot: true)", () => {
    const r = checkScope([{ path: ".env.example", status: "added" }, { path: "packages/x/package.json", status: "modified" }], ["**"], gate, 5);
    expect(r.outOfScope).toEqual([]);
    expect(r.gated).toEqual(["packages/x/package.json"]);
  });

  it("checks both sides of a rename", () => {
    const r = checkScope([{ path: "src/new.ts", status: "renamed", previousPath: "lib/old.ts" }], ["src/**"], [], 5);
    expect(r.outOfScope).toEqual(["lib/old.ts"]);
    expect(r.deleted).toBe(0);
  });

  it("needs a person above max deleted files, not at it", () => {
    const files = ["a", "b", "c"].map((p) => ({ path: `src/${p}`, status: "removed" }));
    expect(checkScope(files, ["**"], [], 3)).toMatchObject({ deleted: 3, needsPerson: false });
    expect(checkScope(files, ["**"], [], 2)).toMatchObject({ deleted: 3, needsPerson: true });
  });

  it("names the scope globs that match no file of the repository nor of the change, only when something is out of scope", () => {
    const repo = ["src/a.ts", "test/a.test.ts", "README.md"];
    const changed = [{ path: "src/b.ts", status: "added" }];
    expect(checkScope(changed, ["scr/**", "test/**"], [], 5, repo).unmatchedScope).toEqual(["scr/**"]);
    expect(checkScope(changed, ["src/**", "docs/new.md"], [], 5, repo).unmatchedScope).toEqual([]);
    expect(checkScope([{ path: "docs/new.md", status: "added" }], ["lib/**", "docs/new.md"], [], 5, repo).unmatchedScope).toEqual([]);
    expect(checkScope(changed, ["scr/**"], [], 5).unmatchedScope).toEqual([]);
  });

  it("an empty scope allows nothing; an empty change set is clean", () => {
    expect(checkScope([{ path: "x", status: "added" }], [], [], 0).outOfScope).toEqual(["x"]);
    expect(checkScope([], ["**"], gate, 0)).toEqual({ outOfScope: [], gated: [], deleted: 0, needsPerson: false, unmatchedScope: [] });
  });

  it("property: with scope ** nothing is out of scope; with scope [] everything is; results are subsets of the input", () => {
    const segment = fc.stringMatching(/^[a-z.][a-z0-9._-]{0,6}$/).filter((s) => s !== "." && s !== "..");
    const file = fc.record({ path: fc.array(segment, { minLength: 1, maxLength: 4 }).map((p) => p.join("/")), status: fc.constantFrom("added", "modified", "removed") });
    fc.assert(
      fc.property(fc.array(file, { maxLength: 12 }), (files) => {
        const paths = new Set(files.map((f) => f.path));
        const all = checkScope(files, ["**"], gate, 100);
        const none = checkScope(files, [], gate, 100);
        expect(all.outOfScope).toEqual([]);
        expect(none.outOfScope).toEqual([...paths].sort());
        expect(all.gated.every((p) => paths.has(p))).toBe(true);
        expect(all.deleted).toBe(files.filter((f) => f.status === "removed").length);
      }),
    );
  });
});
