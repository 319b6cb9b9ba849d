#!/usr/bin/env node
/**
 * Bundles the GitHub Action and the `orchestrator` CLI with esbuild into dist/ (committed: an
 * Action runs from the repository as it is, and `npm install` from git needs no build):
 *   dist/index.js  the Action's entry (action.yml runs.main), src/action/index.ts
 *   dist/cli.js    the CLI (package.json bin), src/cli.ts
 *   dist/chunk-*.js code both share (esbuild code splitting, names from content hashes)
 *
 *   node scripts/bundle.mjs          write dist/
 *   node scripts/bundle.mjs --check  build into a temp dir and exit 1, naming the files, when
 *                                    dist/ differs (CI: a source change without `npm run bundle`)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIST = path.join(root, "dist");

/** Builds into `outdir` (emptied first). Deterministic: same sources and lockfile, same bytes. */
async function bundle(outdir) {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { index: "src/action/index.ts", cli: "src/cli.ts" },
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node22",
    chunkNames: "chunk-[hash]",
    legalComments: "linked",
    logLevel: "warning",
    // CommonJS dependencies call require() for Node built-ins; an ES module has no require.
    banner: { js: 'import { createRequire as __orchestratorCreateRequire } from "node:module";\nconst require = __orchestratorCreateRequire(import.meta.url);' },
  });
}

function files(dir) {
  return readdirSync(dir).sort();
}

if (process.argv.includes("--check")) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "orchestrator-bundle-"));
  try {
    const fresh = path.join(tmp, "dist");
    await bundle(fresh);
    const expected = files(fresh);
    let actual = [];
    try {
      actual = files(DIST);
    } catch {
      // no dist/ at all: every expected file is missing
    }
    const stale = [...new Set([...expected, ...actual])].filter((name) => {
      if (!expected.includes(name) || !actual.includes(name)) return true;
      return !readFileSync(path.join(fresh, name)).equals(readFileSync(path.join(DIST, name)));
    });
    if (stale.length > 0) {
      process.stderr.write(`dist/ is stale (${stale.join(", ")}): run \`npm run bundle\` and commit dist/\n`);
      process.exit(1);
    }
    process.stdout.write("dist/ is up to date\n");
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
} else {
  await bundle(DIST);
  process.stdout.write(`dist/: ${files(DIST).join(", ")}\n`);
}
