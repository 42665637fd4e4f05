import { report, warningReport, type TReport } from "@/lib/reports/report";
import { usableCapacityAfterHostLoss, type THostLossCapacity } from "./capacity";
import type { TCephOsdTree } from "./model";

// The capacity a pool keeps when the largest host is lost, for the tree as it will be once the
// plan's OSDs exist (a new OSD weighs its size in TiB, as ceph-volume sets it). Pure.

const TIB = 2 ** 40;

export function formatBytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

export type TPlannedOsd = { host: string; sizeBytes: number | null };

export function projectedTree(tree: TCephOsdTree | null, planned: readonly TPlannedOsd[]): TCephOsdTree {
  const hosts = (tree?.hosts ?? []).map((h) => ({ ...h, osds: [...h.osds] }));
  planned.forEach((p, i) => {
    let host = hosts.find((h) => h.name === p.host);
    if (!host) {
      host = { name: p.host, bucketType: "host", osds: [] };
      hosts.push(host);
    }
    host.osds.push({ id: 100_000 + i, name: `new osd on ${p.host}`, status: "up", class: null, weight: (p.sizeBytes ?? 0) / TIB, reweight: 1, exists: true });
  });
  return { hosts, stray: tree?.stray ?? [] };
}

export function capacityAfterHostLoss(tree: TCephOsdTree, poolSize: number): THostLossCapacity {
  return usableCapacityAfterHostLoss({ tree, poolSize });
}

// One info report per distinct pool size, plus a warning where a pool wants more copies than
// there are hosts with OSDs (its placement groups then never become clean).
export function capacityReports(tree: TCephOsdTree, pools: readonly { name: string; size: number }[]): TReport[] {
  const out: TReport[] = [];
  const hostsWithOsds = tree.hosts.filter((h) => h.osds.length > 0).length;
  for (const [i, p] of pools.entries()) {
    if (p.size > hostsWithOsds) {
      out.push(
        warningReport(
          "CEPH_POOL_SIZE_EXCEEDS_HOSTS",
          `Pool ${p.name} wants ${p.size} copies on separate hosts, but only ${hostsWithOsds} host(s) will have OSDs: its placement groups stay undersized.`,
          { field: `pools.${i}.size`, pool: p.name, size: p.size, hosts: hostsWithOsds },
        ),
      );
    }
  }
  const sizes = [...new Set(pools.map((p) => p.size))];
  for (const size of sizes.length > 0 ? sizes : [3]) {
    const c = capacityAfterHostLoss(tree, size);
    const after = c.lostHost === null ? "" : ` After losing ${c.lostHost}, the largest host: ${formatBytes(c.usableBytesAfter)} usable.`;
    const restore = c.canRestoreReplicas ? "" : ` With ${c.hostsAfter} host(s) left, Ceph cannot rebuild ${size} copies until the host is back; data stays readable while min_size copies remain.`;
    out.push(
      report(
        "info",
        "CEPH_CAPACITY_AFTER_HOST_LOSS",
        `Pools with size ${size}: ${formatBytes(c.usableBytesBefore)} usable of ${formatBytes(c.rawBytesBefore)} raw (at the ${Math.round(c.fullRatio * 100)}% full ratio).${after}${restore}`,
        { ...c, poolSize: size },
      ),
    );
  }
  return out;
}
