import type { TCephState } from "./state";

// Outputs of the simulated cluster in Reef's shapes: `ceph status -f json` keys as in the lab's
// real capture (corpus/lab-captures/ceph-status.json), `ceph osd tree -f json`, `ceph -s` text.
const DEFAULT_SIZE = 3;
const OSD_USED_BYTES = 27 * 1024 * 1024; // BlueStore's own metadata on an empty OSD

type THealth = { status: string; checks: Record<string, { severity: string; summary: { message: string; count: number }; muted: boolean }> };

export function health(s: TCephState): THealth {
  const checks: THealth["checks"] = {};
  if (s.mons.length > 0 && s.mgrs.length === 0) {
    checks.MGR_DOWN = { severity: "HEALTH_WARN", summary: { message: "no active mgr", count: 0 }, muted: false };
  }
  if (s.osds.length < DEFAULT_SIZE) {
    checks.TOO_FEW_OSDS = {
      severity: "HEALTH_WARN",
      summary: { message: `OSD count ${s.osds.length} < osd_pool_default_size ${DEFAULT_SIZE}`, count: 0 },
      muted: false,
    };
  }
  const undersized = s.pools.filter((p) => s.osds.length > 0 && s.osds.length < p.size).reduce((a, p) => a + p.pgNum, 0);
  if (undersized > 0) {
    checks.PG_DEGRADED = { severity: "HEALTH_WARN", summary: { message: `Degraded data redundancy: ${undersized} pgs undersized`, count: undersized }, muted: false };
  }
  const inactive = s.osds.length === 0 ? s.pools.reduce((a, p) => a + p.pgNum, 0) : 0;
  if (inactive > 0) {
    checks.PG_AVAILABILITY = { severity: "HEALTH_WARN", summary: { message: `Reduced data availability: ${inactive} pgs inactive`, count: inactive }, muted: false };
  }
  return { status: Object.keys(checks).length > 0 ? "HEALTH_WARN" : "HEALTH_OK", checks };
}

function pgsByState(s: TCephState): Array<{ state_name: string; count: number }> {
  const byState = new Map<string, number>();
  for (const p of s.pools) {
    const state = s.osds.length === 0 ? "unknown" : s.osds.length < p.size ? "active+undersized" : "active+clean";
    byState.set(state, (byState.get(state) ?? 0) + p.pgNum);
  }
  return [...byState].map(([state_name, count]) => ({ state_name, count }));
}

export function capacity(s: TCephState) {
  const total = s.osds.reduce((a, o) => a + o.sizeBytes, 0);
  const used = s.osds.length * OSD_USED_BYTES;
  return { total, used, avail: Math.max(0, total - used) };
}

export function statusJson(s: TCephState, now: number): Record<string, unknown> {
  const cap = capacity(s);
  const sec = (ms: number) => Math.floor(ms / 1000);
  const pgs = s.pools.reduce((a, p) => a + p.pgNum, 0);
  return {
    fsid: s.fsid,
    health: { ...health(s), mutes: [] },
    election_epoch: s.mons.length * 2 + 1,
    quorum: s.mons.map((_, i) => i),
    quorum_names: s.mons.map((m) => m.host),
    quorum_age: s.mons[0] ? sec(now - Math.max(...s.mons.map((m) => m.createdAt))) : 0,
    monmap: { epoch: s.mons.length, min_mon_release_name: "reef", num_mons: s.mons.length },
    osdmap: {
      epoch: s.epoch,
      num_osds: s.osds.length,
      num_up_osds: s.osds.length,
      osd_up_since: s.osds.length > 0 ? sec(Math.max(...s.osds.map((o) => o.createdAt))) : 0,
      num_in_osds: s.osds.length,
      osd_in_since: s.osds.length > 0 ? sec(Math.max(...s.osds.map((o) => o.createdAt))) : 0,
      num_remapped_pgs: 0,
    },
    pgmap: {
      pgs_by_state: pgsByState(s),
      num_pgs: pgs,
      num_pools: s.pools.length,
      num_objects: 0,
      data_bytes: 0,
      bytes_used: cap.used,
      bytes_avail: cap.avail,
      bytes_total: cap.total,
    },
    fsmap: { epoch: 1, by_rank: [], "up:standby": 0 },
    mgrmap: { available: s.mgrs.length > 0, num_standbys: Math.max(0, s.mgrs.length - 1), modules: ["iostat", "nfs", "restful"], services: {} },
    servicemap: { epoch: 1, modified: new Date(s.createdAt || now).toISOString().replace("Z", "000+0000"), services: {} },
    progress_events: {},
  };
}

// crush_weight is the OSD size in TiB, as ceph-volume sets it.
export function osdTreeJson(s: TCephState): Record<string, unknown> {
  const hosts = [...new Set(s.osds.map((o) => o.host))];
  const hostId = (h: string) => -2 - hosts.indexOf(h);
  const weight = (bytes: number) => Math.round((bytes / 1024 ** 4) * 1e5) / 1e5;
  const nodes: Array<Record<string, unknown>> = [
    { id: -1, name: "default", type: "root", type_id: 11, children: hosts.map(hostId).reverse() },
  ];
  for (const h of hosts) {
    const osds = s.osds.filter((o) => o.host === h);
    nodes.push({ id: hostId(h), name: h, type: "host", type_id: 1, pool_weights: {}, children: osds.map((o) => o.id).reverse() });
    for (const o of osds) {
      nodes.push({
        id: o.id,
        device_class: o.deviceClass,
        name: `osd.${o.id}`,
        type: "osd",
        type_id: 0,
        crush_weight: weight(o.sizeBytes),
        depth: 2,
        pool_weights: {},
        exists: 1,
        status: "up",
        reweight: 1,
        primary_affinity: 1,
      });
    }
  }
  return { nodes, stray: [] };
}

// `ceph -s` as Reef prints it (compare corpus/lab-captures/ceph-status.txt).
export function statusText(s: TCephState, now: number): string {
  const h = health(s);
  const cap = capacity(s);
  const age = (ms: number) => ageText(Math.max(0, Math.floor((now - ms) / 1000)));
  const lines = ["  cluster:", `    id:     ${s.fsid ?? ""}`, `    health: ${h.status}`];
  for (const c of Object.values(h.checks)) lines.push(`            ${c.summary.message}`);
  lines.push(" ", "  services:");
  const monSince = Math.max(...s.mons.map((m) => m.createdAt), 0);
  lines.push(`    mon: ${s.mons.length} daemons, quorum ${s.mons.map((m) => m.host).join(",")} (age ${age(monSince)})`);
  const [active, ...standbys] = s.mgrs;
  lines.push(active ? `    mgr: ${active.host}(active, since ${age(active.createdAt)})${standbys.length > 0 ? `, standbys: ${standbys.map((m) => m.host).join(", ")}` : ""}` : "    mgr: no daemons active");
  const osdSince = Math.max(...s.osds.map((o) => o.createdAt), 0);
  lines.push(
    s.osds.length > 0
      ? `    osd: ${s.osds.length} osds: ${s.osds.length} up (since ${age(osdSince)}), ${s.osds.length} in (since ${age(osdSince)})`
      : "    osd: 0 osds: 0 up, 0 in",
  );
  const pgs = s.pools.reduce((a, p) => a + p.pgNum, 0);
  lines.push(" ", "  data:");
  lines.push(`    pools:   ${s.pools.length} pools, ${pgs} pgs`);
  lines.push("    objects: 0 objects, 0 B");
  lines.push(`    usage:   ${iec(cap.used)} used, ${iec(cap.avail)} / ${iec(cap.total)} avail`);
  const states = pgsByState(s);
  lines.push(`    pgs:     ${states.map((st) => `${st.count} ${st.state_name}`).join("\n             ")}`);
  lines.push(" ");
  return `${lines.join("\n")}\n`;
}

function ageText(sec: number): string {
  if (sec < 120) return `${sec}s`;
  if (sec < 7200) return `${Math.floor(sec / 60)}m`;
  if (sec < 172800) return `${Math.floor(sec / 3600)}h`;
  return `${Math.floor(sec / 86400)}d`;
}

// Ceph's byte units: "0 B", "135 KiB", "768 MiB", "1.7 GiB".
export function iec(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  const text = v >= 10 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(1);
  return `${text} ${units[i]}`;
}
