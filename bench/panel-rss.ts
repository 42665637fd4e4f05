// Panel memory with 1, 10 and 50 monitored clusters (target: 10 clusters < 300 MB RSS). The
// built panel (bench/panel-server.ts) watches clusters of three fake hosts each: three loopback
// sshd replaying the lab's outputs (bench/replay-hosts.ts), every Host row with a key of its
// own so the panel keeps one SSH connection per row, as with separate machines. Clusters are
// added while the panel runs (it finds new ones every interval); after each step the collectors
// run a few rounds, the dashboard page is rendered once, and VmRSS is read from /proc.
// Run as root, under the lab lock (keeps .next from being rebuilt under the server):
//   flock /tmp/panel-lab.lock npx tsx bench/panel-rss.ts
import { printSummary, reexecUnderReactServer, stamp, type TSummaryRow } from "./summary";

reexecUnderReactServer();

const STEPS = [1, 10, 50];
const ROUNDS_BEFORE_READING = 2;
const SAMPLES = 4;
const SEED_IN_PARALLEL = 10;
const INTERVAL_MS = 5_000;
const TARGET = { clusters: 10, mb: 300 };
const ADDRESSES = ["127.0.4.2", "127.0.4.3", "127.0.4.4"];

const { buildNote, login, preparePanel, seedCluster, startPanel } = await import("./panel-server");
const { dataDir } = preparePanel();
const { createDb } = await import("@/lib/db");
const { startReplayHosts } = await import("./replay-hosts");
const { snapshotView } = await import("@/lib/health/snapshot");
type TPanel = import("./panel-server").TPanel;

const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

type TStep = { clusters: number; serverMb: number; treeMb: number; processes: number; commandsPerMin: number; cpuPercent: number; statuses: Record<string, number> };

const replay = await startReplayHosts(ADDRESSES);
const db = createDb();
let panel: TPanel | null = null;
const clusterIds: string[] = [];

async function addClusters(upTo: number): Promise<void> {
  while (clusterIds.length < upTo) {
    const first = clusterIds.length + 1;
    const batch = Array.from({ length: Math.min(SEED_IN_PARALLEL, upTo - clusterIds.length) }, (_, i) => first + i);
    const ids = await Promise.all(
      batch.map((n) =>
        seedCluster(
          db,
          `bench${n}`,
          replay.hosts.map((h, i) => ({ name: `c${n}-n${i + 1}`, address: h.address, port: h.sshd.port, key: replay.authorizeNewKey(h) })),
        ),
      ),
    );
    clusterIds.push(...ids);
  }
}

// Every cluster has had `rounds` snapshots since `since`: the collectors all run.
async function waitForRounds(since: Date, rounds: number): Promise<void> {
  const deadline = Date.now() + 30_000 + rounds * INTERVAL_MS * 2;
  for (;;) {
    const counts = await db.healthSnapshot.groupBy({ by: ["clusterId"], where: { takenAt: { gt: since } }, _count: { _all: true } });
    const done = counts.filter((c) => c._count._all >= rounds).length;
    if (done >= clusterIds.length) return;
    if (Date.now() > deadline) throw new Error(`only ${done} of ${clusterIds.length} clusters had ${rounds} health rounds in time`);
    await sleep(1_000);
  }
}

// Each cluster's newest status with its most severe alert: shows whether every fake host kept up.
async function latestStatuses(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const id of clusterIds) {
    const row = await db.healthSnapshot.findFirst({ where: { clusterId: id }, orderBy: { takenAt: "desc" }, select: { takenAt: true, status: true, data: true } });
    const view = row ? snapshotView(row) : null;
    const s = view ? `${view.status}${view.model.alerts[0] ? ` (${view.model.alerts[0].code})` : ""}` : "none";
    out[s] = (out[s] ?? 0) + 1;
  }
  return out;
}

try {
  const note = buildNote();
  await addClusters(1);
  panel = await startPanel(dataDir);
  const cookie = await login(panel.url);
  const steps: TStep[] = [];
  for (const target of STEPS) {
    await addClusters(target);
    const since = new Date();
    await waitForRounds(since, ROUNDS_BEFORE_READING);
    const page = await fetch(`${panel.url}/clusters/${clusterIds[0]}`, { headers: { cookie } });
    if (page.status !== 200) throw new Error(`the dashboard page answered ${page.status}`);
    await page.text();
    replay.reset();
    const started = performance.now();
    const cpuBefore = panel.cpuSeconds();
    let best = panel.rss();
    for (let i = 0; i < SAMPLES; i++) {
      await sleep(INTERVAL_MS / 2);
      const r = panel.rss();
      if (r.treeMb > best.treeMb) best = r;
    }
    const seconds = (performance.now() - started) / 1000;
    const commandsPerMin = (replay.total() * 60) / seconds;
    const cpuPercent = (100 * (panel.cpuSeconds() - cpuBefore)) / seconds;
    steps.push({ clusters: target, ...best, commandsPerMin, cpuPercent, statuses: await latestStatuses() });
    console.log(`${target} cluster(s): RSS ${best.serverMb.toFixed(0)} MB (${stamp()})`);
  }

  console.log(`\npanel RSS by monitored clusters: the built panel (${note}), 3 replay hosts per cluster, one SSH connection per host row,`);
  console.log(`collector interval ${INTERVAL_MS / 1000} s; highest of ${SAMPLES} readings over ${(SAMPLES * INTERVAL_MS) / 2000} s after ${ROUNDS_BEFORE_READING} rounds of every cluster; ${stamp()}`);
  console.log(`| clusters | hosts | server VmRSS | processes (VmRSS sum) | server CPU | SSH commands/min (expected ${(12 * 7 * ADDRESSES.length).toFixed(0)} per cluster) | cluster status |\n|---|---|---|---|---|---|---|`);
  for (const s of steps) {
    const statuses = Object.entries(s.statuses).map(([k, v]) => `${v} ${k}`).join(", ");
    console.log(`| ${s.clusters} | ${s.clusters * ADDRESSES.length} | ${s.serverMb.toFixed(0)} MB | ${s.processes} (${s.treeMb.toFixed(0)} MB) | ${s.cpuPercent.toFixed(0)} % of a core | ${s.commandsPerMin.toFixed(0)} | ${statuses} |`);
  }
  const rows: TSummaryRow[] = steps.map((s) => ({
    bench: "panel-rss",
    figure: `panel RSS, ${s.clusters} monitored cluster(s) of 3 hosts`,
    value: `${s.treeMb.toFixed(0)} MB`,
    target: s.clusters === TARGET.clusters ? `< ${TARGET.mb} MB` : "",
    met: s.clusters === TARGET.clusters ? s.treeMb < TARGET.mb : null,
  }));
  printSummary(rows);
  if (rows.some((r) => r.met === false)) process.exitCode = 1;
} finally {
  await panel?.stop();
  await db.$disconnect();
  await replay.stop();
}
