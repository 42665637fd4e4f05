// Every benchmark that needs no lab, one after another, then one table of their figures
// (each script ends with a BENCH-SUMMARY line, bench/summary.ts). Scripts that start the built
// panel run under the lab lock, which also keeps other work from rebuilding .next under them.
// --lab adds the 3-node lab health round (needs the lab; takes the same lock).
// Run as root (the SSH benchmarks start real sshd): npx tsx bench/all.ts [--lab]
import { spawn } from "node:child_process";
import path from "node:path";
import { SUMMARY_MARKER, stamp, verdict, type TSummaryRow } from "./summary";

const ROOT = path.resolve(import.meta.dirname, "..");
const LOCK = "/tmp/panel-lab.lock";
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

type TScript = { file: string; locked: boolean };
const SCRIPTS: TScript[] = [
  { file: "parsers.ts", locked: false },
  { file: "parsers-vs-naive.ts", locked: false },
  { file: "ssh-pool.ts", locked: false },
  { file: "probe-cost.ts", locked: false },
  { file: "dashboard-js.ts", locked: false },
  { file: "health-tabs.ts", locked: true },
  { file: "panel-rss.ts", locked: true },
  ...(process.argv.includes("--lab") ? [{ file: "health-round.ts", locked: true }] : []),
];

function run(s: TScript): Promise<{ code: number; rows: TSummaryRow[]; seconds: number }> {
  const argv = s.locked ? ["flock", LOCK, TSX, `bench/${s.file}`] : [TSX, `bench/${s.file}`];
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(argv[0] as string, argv.slice(1), { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      process.stdout.write(c);
      out += c.toString();
    });
    child.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith(SUMMARY_MARKER));
      const rows = line ? (JSON.parse(line.slice(SUMMARY_MARKER.length)) as TSummaryRow[]) : [];
      resolve({ code: code ?? 1, rows, seconds: (performance.now() - started) / 1000 });
    });
  });
}

const rows: TSummaryRow[] = [];
const failed: string[] = [];
for (const s of SCRIPTS) {
  console.log(`\n=== bench/${s.file}${s.locked ? ` (under ${LOCK})` : ""}`);
  const r = await run(s);
  console.log(`=== bench/${s.file}: exit ${r.code}, ${r.seconds.toFixed(0)} s`);
  if (r.code !== 0) failed.push(s.file);
  if (r.rows.length === 0) rows.push({ bench: s.file.replace(/\.ts$/, ""), figure: "(no summary: the script failed, see above)", value: "", target: "", met: false });
  rows.push(...r.rows);
}

console.log(`\n## Summary, ${stamp()}\n`);
console.log("| bench | figure | value | target | |\n|---|---|---|---|---|");
for (const r of rows) console.log(`| ${r.bench} | ${r.figure} | ${r.value} | ${r.target} | ${verdict(r.met)} |`);
if (failed.length > 0) console.log(`\nscripts that exited non-zero: ${failed.join(", ")}`);
process.exitCode = failed.length > 0 ? 1 : 0;
