// Issues 12 and 14: with 50 dashboard tabs open the hosts see as many SSH commands per minute
// as with one, because tabs read the collector's snapshots and never probe. Drives the built
// panel over HTTP: a fresh data directory, a cluster of three fake hosts (loopback sshd that
// replay the lab's outputs and log every command, bench/replay-hosts.ts), sign-in through the
// login action, then 1 and 50 "tabs" polling GET /api/clusters/<id>/health at the dashboard's
// 2 s interval for a fixed window each, counting the commands the hosts ran.
// Run as root, under the lab lock (keeps .next from being rebuilt under the server):
//   flock /tmp/panel-lab.lock npx tsx bench/health-tabs.ts [--window-s 60]
import { parseArgs } from "node:util";
import { printSummary, reexecUnderReactServer, stamp, type TSummaryRow } from "./summary";

reexecUnderReactServer();

const { values } = parseArgs({ options: { "window-s": { type: "string", default: "60" } } });
const WINDOW_MS = Number(values["window-s"]) * 1000;
const POLL_MS = 2_000; // components/health/use-cluster-health.ts refetchInterval
const TAB_COUNTS = [1, 50];
const ADDRESSES = ["127.0.3.2", "127.0.3.3", "127.0.3.4"];

const { buildNote, login, preparePanel, seedCluster, startPanel } = await import("./panel-server");
const { dataDir } = preparePanel();
const { createDb } = await import("@/lib/db");
const { PROBE_COMMANDS } = await import("@/lib/health/probe");
const { startReplayHosts } = await import("./replay-hosts");
const { ms, percentile } = await import("./stats");
type TPanel = import("./panel-server").TPanel;

const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

type TPhase = { tabs: number; minutes: number; commands: number; byName: Record<string, number>; requests: number; failed: number; p50: number; p95: number };

async function phase(panel: TPanel, cookie: string, clusterId: string, tabs: number, replay: Awaited<ReturnType<typeof startReplayHosts>>): Promise<TPhase> {
  const latencies: number[] = [];
  let failed = 0;
  let stop = false;
  const tab = async () => {
    // Tabs opened at different moments poll out of step, as real ones do.
    await sleep(Math.random() * POLL_MS);
    while (!stop) {
      const t = performance.now();
      const res = await fetch(`${panel.url}/api/clusters/${clusterId}/health`, { headers: { cookie } }).catch(() => null);
      if (res?.status === 200) await res.json();
      else failed++;
      latencies.push(performance.now() - t);
      await sleep(Math.max(0, POLL_MS - (performance.now() - t)));
    }
  };
  replay.reset();
  const started = performance.now();
  const running = Array.from({ length: tabs }, tab);
  await sleep(WINDOW_MS);
  const counts = replay.counts();
  const minutes = (performance.now() - started) / 60_000;
  stop = true;
  await Promise.all(running);
  const byName: Record<string, number> = {};
  for (const host of counts.values()) for (const [k, v] of Object.entries(host)) byName[k] = (byName[k] ?? 0) + v;
  latencies.sort((a, b) => a - b);
  return {
    tabs,
    minutes,
    commands: Object.values(byName).reduce((a, b) => a + b, 0),
    byName,
    requests: latencies.length,
    failed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
  };
}

const replay = await startReplayHosts(ADDRESSES);
const db = createDb();
let panel: TPanel | null = null;
try {
  const note = buildNote();
  const clusterId = await seedCluster(
    db,
    "benchclu",
    replay.hosts.map((h, i) => ({ name: `bench${i + 1}`, address: h.address, port: h.sshd.port, key: replay.authorizeNewKey(h) })),
  );
  panel = await startPanel(dataDir);
  const cookie = await login(panel.url);
  const deadline = Date.now() + 30_000;
  while ((await fetch(`${panel.url}/api/clusters/${clusterId}/health`, { headers: { cookie } })).status !== 200) {
    if (Date.now() > deadline) throw new Error("no health snapshot within 30 s of the panel's start");
    await sleep(500);
  }
  const snapshot = (await (await fetch(`${panel.url}/api/clusters/${clusterId}/health`, { headers: { cookie } })).json()) as { status?: string };

  const phases: TPhase[] = [];
  for (const tabs of TAB_COUNTS) phases.push(await phase(panel, cookie, clusterId, tabs, replay));
  const rss = panel.rss();

  const perRound = (Object.keys(PROBE_COMMANDS).length + 3) * ADDRESSES.length; // + drbdsetup, cat, modinfo of the DRBD probe
  console.log(`\ncollector vs tabs: the built panel (${note}) over HTTP, 1 cluster of ${ADDRESSES.length} replay hosts, collector interval 5 s,`);
  console.log(`tabs polling every ${POLL_MS / 1000} s, ${WINDOW_MS / 1000} s per phase; cluster status ${snapshot.status ?? "?"}; ${stamp()}`);
  console.log("| tabs | health GETs/min | failed | GET p50 / p95 | SSH commands/min on the hosts | a naive design (one probe round per GET): commands/min |");
  console.log("|---|---|---|---|---|---|");
  for (const p of phases) {
    console.log(
      `| ${p.tabs} | ${(p.requests / p.minutes).toFixed(0)} | ${p.failed} | ${ms(p.p50)} / ${ms(p.p95)} | ${(p.commands / p.minutes).toFixed(0)} | ${((p.requests / p.minutes) * perRound).toFixed(0)} |`,
    );
  }
  for (const p of phases) console.log(`commands with ${p.tabs} tab(s): ${Object.entries(p.byName).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  console.log(`panel RSS: server ${rss.serverMb.toFixed(0)} MB, ${rss.processes} process(es) ${rss.treeMb.toFixed(0)} MB`);

  const [one, fifty] = phases;
  if (!one || !fifty) throw new Error("a phase is missing");
  const perMin = (p: TPhase) => p.commands / p.minutes;
  // Rounds start every 5 s whatever the tabs do; a window catches one round more or less.
  const tolerance = perRound * (60_000 / WINDOW_MS);
  const equal = Math.abs(perMin(fifty) - perMin(one)) <= tolerance;
  const naive50 = (fifty.requests / fifty.minutes) * perRound;
  const rows: TSummaryRow[] = [
    { bench: "health-tabs", figure: "SSH commands/min, 1 tab → 50 tabs", value: `${perMin(one).toFixed(0)} → ${perMin(fifty).toFixed(0)}`, target: `equal (± one round, ${tolerance.toFixed(0)}/min)`, met: equal },
    { bench: "health-tabs", figure: "50 tabs: naive (probe per tab poll) / collector, commands/min", value: `${naive50.toFixed(0)} / ${perMin(fifty).toFixed(0)} = ${(naive50 / perMin(fifty)).toFixed(0)}×`, target: "", met: null },
    { bench: "health-tabs", figure: "health GET with 50 tabs, p50 / p95", value: `${ms(fifty.p50)} / ${ms(fifty.p95)}`, target: "", met: fifty.failed === 0 ? null : false },
  ];
  printSummary(rows);
  if (!equal || fifty.failed > 0) process.exitCode = 1;
} finally {
  await panel?.stop();
  await db.$disconnect();
  await replay.stop();
}
