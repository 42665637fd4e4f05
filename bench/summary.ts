import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";

// lib/ssh modules import "server-only", which resolves outside React Server Components only
// under the "react-server" condition: re-run the calling script with it (and exit with its code).
export function reexecUnderReactServer(): void {
  if (process.execArgv.some((a) => a.includes("react-server"))) return;
  const r = spawnSync(process.execPath, [...process.execArgv, "--conditions=react-server", ...process.argv.slice(1)], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}

export const load1 = () => (loadavg()[0] ?? NaN).toFixed(2);

export const stamp = () => `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, load average ${loadavg().map((l) => l.toFixed(2)).join(" / ")}`;

// One line of a benchmark's result; `met` is null where there is no target to meet.
export type TSummaryRow = { bench: string; figure: string; value: string; target: string; met: boolean | null };

// The marker bench/all.ts looks for in each script's output to build its summary table.
export const SUMMARY_MARKER = "BENCH-SUMMARY ";

export const verdict = (met: boolean | null) => (met === null ? "" : met ? "met" : "NOT met");

export function printSummary(rows: readonly TSummaryRow[]): void {
  console.log("\n| figure | value | target | |\n|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.figure} | ${r.value} | ${r.target} | ${verdict(r.met)} |`);
  console.log(`${SUMMARY_MARKER}${JSON.stringify(rows)}`);
}
