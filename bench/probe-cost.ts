// Issue 14, "how the cost grows": one health probe round (lib/health/probe.ts probeHost over
// the collector's pooled runners, hosts in parallel) against 2, 3 and 9 fake hosts — loopback
// sshd replaying the lab's corosync and crm_mon outputs (bench/replay-hosts.ts). No lab needed.
// Run as root: npx tsx bench/probe-cost.ts
import { load1, printSummary, reexecUnderReactServer, stamp, type TSummaryRow } from "./summary";

reexecUnderReactServer();

const { healthPool } = await import("@/lib/health/collector");
const { probeHost } = await import("@/lib/health/probe");
const { hostTimeoutMs } = await import("@/lib/health/settings");
const { createSshRunner } = await import("@/lib/ssh/ssh-runner");
const { startReplayHosts } = await import("./replay-hosts");
const { ms, percentile } = await import("./stats");

const INTERVAL_MS = 5_000;
const ROUNDS = 40;
const WARMUP = 3;
const COUNTS = [2, 3, 9];
const addresses = Array.from({ length: Math.max(...COUNTS) }, (_, i) => `127.0.1.${i + 2}`);

const replay = await startReplayHosts(addresses);
const pool = healthPool(INTERVAL_MS);
const timeout = hostTimeoutMs(INTERVAL_MS);
const runners = replay.hosts.map((h) => ({ name: h.address, runner: createSshRunner(pool, h.sshd.target()) }));

type TResult = { hosts: number; p50: number; p95: number; max: number; commandsPerRound: number; failures: string[] };

async function measure(n: number): Promise<TResult> {
  const set = runners.slice(0, n);
  const failures = new Set<string>();
  const round = async () => {
    const t = performance.now();
    const probes = await Promise.all(set.map((r) => probeHost(r.name, r.runner, timeout)));
    for (const p of probes) {
      if (!p.reachable) failures.add(`${p.host}: ${p.error?.message ?? "unreachable"}`);
      else if (!p.pacemaker || !p.quorum || !p.links) failures.add(`${p.host}: ${p.reports.map((r) => r.message).join("; ") || "a layer was not read"}`);
    }
    return performance.now() - t;
  };
  for (let i = 0; i < WARMUP; i++) await round();
  replay.reset();
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) times.push(await round());
  times.sort((a, b) => a - b);
  return { hosts: n, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1) ?? NaN, commandsPerRound: replay.total() / ROUNDS, failures: [...failures] };
}

try {
  const results: TResult[] = [];
  for (const n of COUNTS) results.push(await measure(n));
  console.log(`\nhealth probe round against loopback sshd replaying lab output, ${ROUNDS} rounds each after ${WARMUP} warm-up; ${stamp()}`);
  console.log("| hosts | commands per round | p50 | p95 | max | p50 per host |\n|---|---|---|---|---|---|");
  for (const r of results) console.log(`| ${r.hosts} | ${r.commandsPerRound.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.max)} | ${ms(r.p50 / r.hosts)} |`);
  const failures = results.flatMap((r) => r.failures);
  if (failures.length > 0) {
    console.log(`probes that did not read every layer:\n  ${failures.slice(0, 10).join("\n  ")}`);
    process.exitCode = 1;
  }
  const [two, , nine] = results;
  const growth = two && nine ? nine.p50 / two.p50 : NaN;
  const rows: TSummaryRow[] = results.map((r) => ({
    bench: "probe-cost",
    figure: `probe round, ${r.hosts} hosts in parallel: p50 / p95`,
    value: `${ms(r.p50)} / ${ms(r.p95)}`,
    target: r.hosts === 3 ? "p50 < 80 ms, p95 < 200 ms (issue 12, for the lab)" : "",
    met: r.hosts === 3 ? r.p50 < 80 && r.p95 < 200 : null,
  }));
  // No target: every fake host's commands run on this machine's cores, so the growth here is
  // the panel's side plus the hosts' side; on real hosts only the panel's side is ours.
  rows.push({ bench: "probe-cost", figure: "p50 growth from 2 to 9 hosts (hosts ×4.5)", value: `${growth.toFixed(2)}×`, target: "", met: null });
  console.log(`load now ${load1()}`);
  printSummary(rows);
} finally {
  pool.closeAll();
  await replay.stop();
}
