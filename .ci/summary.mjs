// Prints the plain summary line CI reads: `N passed, N failed`, from vitest's JSON report.
// A run that never reached vitest (type check failed) counts as one failure.
import { existsSync, readFileSync } from "node:fs";

const [file, status] = process.argv.slice(2);
if (!file || !existsSync(file)) {
  console.log(`0 passed, ${status === "0" ? 0 : 1} failed`);
  process.exit(0);
}
const report = JSON.parse(readFileSync(file, "utf8"));
const failed = report.numFailedTests + (report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? 1 : 0);
console.log(`${report.numPassedTests} passed, ${failed} failed`);
