// Pooled SSH vs a new connection per command, against three real sshd on loopback, or with
// --lab against the lab's hosts (which must be up: npm run lab -- up).
// Run as root: npx tsx bench/ssh-pool.ts [--lab]
import { spawnSync } from "node:child_process";

// lib/ssh modules import "server-only", which only resolves outside React Server Components
// under the "react-server" condition: re-run this script with it.
if (!process.execArgv.some((a) => a.includes("react-server"))) {
  const r = spawnSync(process.execPath, [...process.execArgv, "--conditions=react-server", ...process.argv.slice(1)], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}

const { SshPool } = await import("@/lib/ssh/pool");
const { createSshRunner } = await import("@/lib/ssh/ssh-runner");
const { startSshd } = await import("@/lib/testing/sshd");
const { labStatus } = await import("@/e2e/lab/lab-env");
const { labTarget } = await import("@/e2e/lab/lab-runner");
const { printSummary } = await import("./summary");
type TSshTargetInput = import("@/lib/ssh/target").TSshTargetInput;

type TBenchHost = { label: string; target: TSshTargetInput; connections: () => number | null; stop: () => Promise<void> };

const COMMANDS_PER_HOST = 20;
const BLOCK = 4;
const ADDRESSES = ["127.0.0.2", "127.0.0.3", "127.0.0.4"];
const LAB = process.argv.includes("--lab");

async function benchHosts(): Promise<TBenchHost[]> {
  if (LAB) {
    const status = await labStatus();
    if (!status.up) throw new Error("the lab is down: npm run lab -- up");
    return status.nodes.map((n) => ({ label: `${n.name} ${n.address}`, target: labTarget(status, n.name), connections: () => null, stop: async () => undefined }));
  }
  const out: TBenchHost[] = [];
  for (const address of ADDRESSES) {
    const sshd = await startSshd({ address });
    out.push({ label: address, target: sshd.target(), connections: () => sshd.connectionCount(), stop: () => sshd.stop() });
  }
  return out;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const ms = (n: number) => `${n.toFixed(1)} ms`;

type TMode = { totalMs: number; latencies: number[] };

// Hosts in parallel, commands to each host one after another (what a collector does).
// The two modes alternate in blocks so that load from other processes on the machine hits
// both alike instead of whichever happened to run during a busy second.
async function compare(modes: Record<"pooled" | "fresh", (host: TBenchHost) => Promise<number>>, hosts: TBenchHost[]) {
  const results: Record<"pooled" | "fresh", TMode> = { pooled: { totalMs: 0, latencies: [] }, fresh: { totalMs: 0, latencies: [] } };
  for (let block = 0; block < COMMANDS_PER_HOST / BLOCK; block++) {
    for (const name of ["pooled", "fresh"] as const) {
      const started = performance.now();
      await Promise.all(
        hosts.map(async (host) => {
          for (let i = 0; i < BLOCK; i++) results[name].latencies.push(await modes[name](host));
        }),
      );
      results[name].totalMs += performance.now() - started;
    }
  }
  return results;
}

const hosts: TBenchHost[] = [];
const pool = new SshPool();
try {
  hosts.push(...(await benchHosts()));
  const runners = new Map(hosts.map((h) => [h, createSshRunner(pool, h.target)]));

  const pooledRun = async (host: TBenchHost) => {
    const t = performance.now();
    await runners.get(host)?.run(["true"]);
    return performance.now() - t;
  };
  const freshRun = async (host: TBenchHost) => {
    const t = performance.now();
    const own = new SshPool();
    try {
      await createSshRunner(own, host.target).run(["true"]);
    } finally {
      own.closeAll();
    }
    return performance.now() - t;
  };

  // Warm up both paths (JIT, first connection of the pool) so neither pays a one-off cost.
  await Promise.all(hosts.map((h) => pooledRun(h)));
  await Promise.all(hosts.map((h) => freshRun(h)));

  const { pooled, fresh } = await compare({ pooled: pooledRun, fresh: freshRun }, hosts);
  const sorted = [...pooled.latencies].sort((a, b) => a - b);
  const freshSorted = [...fresh.latencies].sort((a, b) => a - b);
  const ratio = fresh.totalMs / pooled.totalMs;

  console.log(`\n${COMMANDS_PER_HOST} x \`true\` on each of ${hosts.length} sshd (${hosts.map((h) => h.label).join(", ")}), hosts in parallel\n`);
  console.table({
    "pooled (1 connection per host)": { total: ms(pooled.totalMs), p50: ms(percentile(sorted, 50)), p95: ms(percentile(sorted, 95)) },
    "new connection per command": { total: ms(fresh.totalMs), p50: ms(percentile(freshSorted, 50)), p95: ms(percentile(freshSorted, 95)) },
  });
  console.log(`ratio (new connection / pooled): ${ratio.toFixed(1)}x  (target >= 10x: ${ratio >= 10 ? "met" : "NOT met"})`);
  console.log(`pooled p95 ${ms(percentile(sorted, 95))} (target < 15 ms: ${percentile(sorted, 95) < 15 ? "met" : "NOT met"})`);
  if (!LAB) console.log(`TCP connections accepted per host: ${hosts.map((h) => h.connections()).join(", ")}`);
  const p95 = percentile(sorted, 95);
  printSummary([
    { bench: "ssh-pool", figure: "new connection per command ÷ pooled, total time", value: `${ratio.toFixed(1)}×`, target: "≥ 10×", met: ratio >= 10 },
    { bench: "ssh-pool", figure: "pooled command p95", value: ms(p95), target: "< 15 ms", met: p95 < 15 },
  ]);
} finally {
  pool.closeAll();
  for (const h of hosts) await h.stop();
}
