import type { TCephOsdTree, TCephStatus } from "./model";
import type { TCephPoolUsage } from "./parse-df";
import type { TCephPool } from "./parse-pool-ls";

// The Ceph part of the dashboard, from `ceph status -f json` and `ceph osd tree -f json`:
// overall health with its checks, monitors out of quorum, OSDs down or out (by host), and
// placement groups that are not active+clean; with `ceph osd pool ls detail` and `ceph df`,
// every pool's replication settings and usage. Pure.

export type TCephPoolSummary = {
  name: string;
  size: number | null;
  minSize: number | null;
  autoscaleMode: string | null;
  storedBytes: number | null;
  maxAvailBytes: number | null;
  usedRatio: number | null;
};

export type TCephHealthSummary = {
  health: string | null;
  // HEALTH_OK with every OSD up and in and every PG active+clean.
  ok: boolean;
  checks: { code: string | null; severity: string | null; summary: string; detail: string[] }[];
  monitors: { total: number | null; inQuorum: string[] };
  osds: { total: number | null; up: number | null; in: number | null };
  hosts: { name: string; osds: number; down: string[]; out: string[] }[];
  pgs: { total: number | null; activeClean: number; notActiveClean: Record<string, number> };
  bytes: { used: number | null; avail: number | null; total: number | null };
  // By name; a pool only `ceph df` lists (settings unread) has null settings, and the reverse.
  pools: TCephPoolSummary[];
};

export function summarizeCephPools(pools: readonly TCephPool[] | null, usage: readonly TCephPoolUsage[] | null): TCephPoolSummary[] {
  const names = [...new Set([...(pools ?? []).map((p) => p.name), ...(usage ?? []).map((u) => u.name)])].sort();
  return names.map((name) => {
    const p = pools?.find((x) => x.name === name);
    const u = usage?.find((x) => x.name === name);
    return {
      name,
      size: p?.size ?? null,
      minSize: p?.minSize ?? null,
      autoscaleMode: p?.autoscaleMode ?? null,
      storedBytes: u?.storedBytes ?? null,
      maxAvailBytes: u?.maxAvailBytes ?? null,
      usedRatio: u?.usedRatio ?? null,
    };
  });
}

export function summarizeCephHealth(
  status: TCephStatus,
  tree: TCephOsdTree | null,
  pools: readonly TCephPool[] | null = null,
  usage: readonly TCephPoolUsage[] | null = null,
): TCephHealthSummary {
  const activeClean = status.pgs.byState["active+clean"] ?? 0;
  const notActiveClean = Object.fromEntries(Object.entries(status.pgs.byState).filter(([state]) => state !== "active+clean"));
  const hosts = (tree?.hosts ?? []).map((h) => ({
    name: h.name,
    osds: h.osds.length,
    down: h.osds.filter((o) => o.status !== "up").map((o) => o.name),
    out: h.osds.filter((o) => o.reweight === 0).map((o) => o.name),
  }));
  const { total, up } = status.osds;
  const osdsIn = status.osds.in;
  const allOsds = total !== null && up === total && osdsIn === total && hosts.every((h) => h.down.length === 0 && h.out.length === 0);
  return {
    health: status.health,
    ok: status.health === "HEALTH_OK" && allOsds && Object.keys(notActiveClean).length === 0,
    checks: status.checks.map((c) => ({ code: c.code, severity: c.severity, summary: c.summary, detail: c.detail })),
    monitors: { total: status.mons.total, inQuorum: status.mons.inQuorum },
    osds: { total, up, in: osdsIn },
    hosts,
    pgs: { total: status.pgs.total, activeClean, notActiveClean },
    bytes: { used: status.bytes.used, avail: status.bytes.avail, total: status.bytes.total },
    pools: summarizeCephPools(pools, usage),
  };
}
