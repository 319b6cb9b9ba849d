// Prints the plain summary line CI reads: `N passed, N failed`, from vitest's JSON reports.
// Usage: summary.mjs STATIC_FAILURES [REPORT STATUS]...
// A run that never reached vitest (type check failed) counts as one failure; so does each failed
// static check (bundle freshness, workflow lint, dead code).
import { existsSync, readFileSync } from "node:fs";

const [staticFailures, ...runs] = process.argv.slice(2);
let passed = 0;
let failed = Number(staticFailures ?? 0);
for (let i = 0; i < runs.length; i += 2) {
  const file = runs[i];
  const status = runs[i + 1];
  if (!file || !existsSync(file)) {
    failed += status === "0" ? 0 : 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? 1 : 0);
  if (report.numFailedTests === 0 && report.numFailedTestSuites === 0 && status !== "0") failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
