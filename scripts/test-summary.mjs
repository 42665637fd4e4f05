// Adds up what the runners reported and prints one closing line, "tests: N passed, N failed".
// A stage that failed without reporting tests (lint, typecheck, a crashed runner) counts as
// a failure too, so the exit code and the line always agree.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const [dir, ...failedStages] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const read = (f) => (existsSync(path.join(dir, f)) ? JSON.parse(readFileSync(path.join(dir, f), "utf8")) : null);

for (const f of ["unit.json", "integration.json"]) {
  const r = read(f);
  if (!r) continue;
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}
const pw = read("playwright.json");
if (pw) {
  passed += pw.stats.expected;
  failed += pw.stats.unexpected + pw.stats.flaky;
  skipped += pw.stats.skipped;
}
if (failedStages.length) console.log(`failed stages: ${failedStages.join(", ")}`);
const silentFailures = failedStages.length && failed === 0 ? failedStages.length : 0;
console.log(`tests: ${passed} passed, ${failed + silentFailures} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failedStages.length || failed ? 1 : 0);
