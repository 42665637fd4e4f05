// One health probe round of the 3-node lab cluster (issue 12): every host's read-only probes in
// parallel channels, the hosts in parallel, then the derived model. Needs the lab in cluster
// mode; takes the machine's lab lock like the lab tests:
//   flock /tmp/panel-lab.lock npx tsx bench/health-round.ts
import { spawnSync } from "node:child_process";

// lib/ssh modules import "server-only", which resolves outside React Server Components only
// under the "react-server" condition: re-run this script with it.
if (!process.execArgv.some((a) => a.includes("react-server"))) {
  const r = spawnSync(process.execPath, [...process.execArgv, "--conditions=react-server", ...process.argv.slice(1)], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}

const { loadavg } = await import("node:os");
const { ensureLab } = await import("@/e2e/lab/lab-env");
const { labRunner } = await import("@/e2e/lab/lab-runner");
const { healthPool } = await import("@/lib/health/collector");
const { deriveClusterHealth } = await import("@/lib/health/derive");
const { probeHost, PROBE_COMMANDS } = await import("@/lib/health/probe");
const { probeDrbdHost } = await import("@/agents/drbd/probe");
const { hostTimeoutMs } = await import("@/lib/health/settings");
const { ms, percentile } = await import("./stats");

const ROUNDS = 100;
const WARMUP = 5;
const INTERVAL_MS = 5_000;
const HOSTS = ["lab1", "lab2", "lab3"];

const lab = await ensureLab({ mode: "cluster", nodes: 3 });
const pool = healthPool(INTERVAL_MS);
const runners = HOSTS.map((h) => [h, labRunner(pool, lab, h)] as const);
const timeout = hostTimeoutMs(INTERVAL_MS);

// The same round without DRBD: only the real daemons' tools, which is what the issue's floor
// (crm_mon ≈21 ms, corosync-quorumtool ≈27 ms, corosync-cfgtool ≈18 ms) is about. In the lab
// the DRBD layer is a simulator, a Node.js process per command, which a real host does not have.
async function daemonsRound(): Promise<number> {
  const t = performance.now();
  await Promise.all(runners.map(([, r]) => Promise.all(Object.values(PROBE_COMMANDS).map((argv) => r.run([...argv], { okCodes: "any", timeoutMs: timeout })))));
  return performance.now() - t;
}

// The lab's three hosts share this machine's cores; real hosts are separate machines, so a
// real round costs about what one host's probes cost alone (its commands in parallel channels).
async function oneHostRound(): Promise<number> {
  const [, r] = runners[0] ?? [];
  const t = performance.now();
  if (r) await Promise.all(Object.values(PROBE_COMMANDS).map((argv) => r.run([...argv], { okCodes: "any", timeoutMs: timeout })));
  return performance.now() - t;
}

// Where a round's time goes: each probe alone on one host, 10 times in sequence.
async function perCommand(): Promise<string[]> {
  const [, r] = runners[0] ?? [];
  if (!r) return [];
  const items: [string, () => Promise<unknown>][] = [
    ...Object.entries(PROBE_COMMANDS).map(([k, argv]): [string, () => Promise<unknown>] => [`${k} (${argv[0]})`, () => r.run([...argv], { okCodes: "any" })]),
    ["drbd (simulated: cat /proc/drbd ‖ drbdsetup status)", () => probeDrbdHost(r, { kernelLog: "when-not-connected" })],
  ];
  const out: string[] = [];
  for (const [name, fn] of items) {
    const t: number[] = [];
    for (let i = 0; i < 10; i++) {
      const s = performance.now();
      await fn();
      t.push(performance.now() - s);
    }
    t.sort((a, b) => a - b);
    out.push(`  ${name}: p50 ${ms(percentile(t, 50))}`);
  }
  return out;
}

async function round(): Promise<{ ms: number; status: string }> {
  const t = performance.now();
  const probes = await Promise.all(runners.map(([h, r]) => probeHost(h, r, timeout)));
  const model = deriveClusterHealth(probes);
  return { ms: performance.now() - t, status: model.status };
}

try {
  for (let i = 0; i < WARMUP; i++) await round();
  const times: number[] = [];
  const statuses = new Set<string>();
  for (let i = 0; i < ROUNDS; i++) {
    const r = await round();
    times.push(r.ms);
    statuses.add(r.status);
  }
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 50);
  const p95 = percentile(times, 95);
  console.log(`\nhealth round on the 3-node lab: ${ROUNDS} rounds, ${Object.keys(PROBE_COMMANDS).length} probes per host, load ${loadavg()[0]?.toFixed(2)}`);
  console.log(`p50 ${ms(p50)} (target < 80 ms: ${p50 < 80 ? "met" : "NOT met"}), p95 ${ms(p95)} (target < 200 ms: ${p95 < 200 ? "met" : "NOT met"}), max ${ms(times.at(-1) ?? NaN)}`);
  console.log(`cluster status seen: ${[...statuses].join(", ")}; process RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
  const daemons: number[] = [];
  for (let i = 0; i < ROUNDS; i++) daemons.push(await daemonsRound());
  daemons.sort((a, b) => a - b);
  console.log(`without the simulated DRBD layer (corosync, Pacemaker, clock only): p50 ${ms(percentile(daemons, 50))}, p95 ${ms(percentile(daemons, 95))}`);
  const single: number[] = [];
  for (let i = 0; i < ROUNDS; i++) single.push(await oneHostRound());
  single.sort((a, b) => a - b);
  console.log(`one host's probes alone (lab1, DRBD left out), as a round costs when each host is its own machine: p50 ${ms(percentile(single, 50))}, p95 ${ms(percentile(single, 95))}`);
  console.log("each probe alone on lab1, in sequence:");
  for (const line of await perCommand()) console.log(line);
} finally {
  pool.closeAll();
}
