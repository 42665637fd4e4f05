import { cpus, loadavg } from "node:os";
import { parseCrmMonXml } from "../agents/pacemaker/parse-crm-mon-xml";
import { parseProcDrbd } from "../agents/drbd/parse-proc-drbd";
import { parseDrbdEvents2 } from "../agents/drbd/parse-drbd-events2";
import { crmMonXml, drbdEvents2, procDrbd } from "./generators";
import { ms, timeRuns } from "./stats";
import { printSummary, type TSummaryRow } from "./summary";

// `npx tsx bench/parsers.ts`: the parser targets of issue 6, on this machine, one table.
const cases = [
  { name: "crm_mon XML, 1,000 resources on 3 nodes", input: crmMonXml(1000), parse: parseCrmMonXml, targetMs: 50, runs: 40 },
  { name: "/proc/drbd, 100 minors", input: procDrbd(100), parse: parseProcDrbd, targetMs: 5, runs: 200 },
  { name: "drbdsetup events2, 100,000 lines", input: drbdEvents2(100_000), parse: parseDrbdEvents2, targetMs: 1000, runs: 10 },
];

console.log(`parsers on ${cpus()[0]?.model ?? "?"} ×${cpus().length}, load ${loadavg()[0]?.toFixed(2)}, node ${process.version}`);
console.log("| input | size | p50 | p95 | target | |\n|---|---|---|---|---|---|");
let failed = 0;
const rows: TSummaryRow[] = [];
for (const c of cases) {
  const t = timeRuns(() => void c.parse(c.input), c.runs, 3);
  const ok = t.p50 <= c.targetMs;
  if (!ok) failed++;
  console.log(`| ${c.name} | ${(c.input.length / 1024).toFixed(0)} KiB | ${ms(t.p50)} | ${ms(t.p95)} | < ${c.targetMs} ms | ${ok ? "ok" : "OVER"} |`);
  rows.push({ bench: "parsers", figure: `parse ${c.name}, p50`, value: ms(t.p50), target: `< ${c.targetMs} ms`, met: ok });
}
printSummary(rows);
process.exitCode = failed ? 1 : 0;
