import { summarizeLinstor } from "@/agents/linstor/status";
import { haHealth } from "@/agents/proxmox/ha/status";
import { replicationHealth } from "@/agents/proxmox/replication/status";
import { report, type TReport } from "@/lib/reports/report";
import type { THostProbe } from "./model";
import type { THealthCeph, THealthLinstor, THealthPve } from "./model-pve";

// The cluster-wide layers of a round, from the one host that read them. Pure.

// How far behind a replication job may fall before it is late, when the admin set no RPO:
// two of its periods (`*/15` → 30 min), and an hour for schedules we cannot read as a period.
export function defaultRpoMinutes(schedule: string | null): number {
  const every = /^\*\/(\d+)$/.exec((schedule ?? "*/15").trim());
  return every ? 2 * Number(every[1]) : 60;
}

type TDerivedWide = { pve: THealthPve | null; ceph: THealthCeph | null; linstor: THealthLinstor | null; alerts: TReport[] };

export function derivePve(probes: readonly THostProbe[]): TDerivedWide {
  const from = probes.find((p) => p.cluster !== null);
  const wide = from?.cluster;
  if (!from || !wide) return { pve: null, ceph: null, linstor: null, alerts: [] };
  const alerts: TReport[] = [];
  const ha = wide.ha ? haHealth(wide.ha) : null;
  if (ha) alerts.push(...ha.reports);
  const rpoMinutesByJob = Object.fromEntries(wide.replicationJobs.map((j) => [j.id, defaultRpoMinutes(j.schedule)]));
  const replication = replicationHealth(wide.replicationJobs, wide.replicationStates, { nowSeconds: wide.nowSeconds, rpoMinutesByJob });
  for (const r of replication) alerts.push(...r.reports);
  let ceph: THealthCeph | null = null;
  if (wide.ceph) {
    ceph = { seenFrom: from.host, status: wide.ceph };
    const severity = wide.ceph.health === "HEALTH_ERR" ? "error" : "warning";
    if (wide.ceph.health !== "HEALTH_OK") {
      for (const c of wide.ceph.checks) {
        alerts.push(report(c.severity === "HEALTH_ERR" ? "error" : severity, "CEPH_HEALTH", `Ceph ${wide.ceph.health ?? "health"}: ${c.summary}`, { check: c.code ?? c.summary }));
      }
      if (wide.ceph.checks.length === 0) alerts.push(report(severity, "CEPH_HEALTH", `Ceph reports ${wide.ceph.health ?? "no health"}.`, {}));
    }
  }
  let linstor: THealthLinstor | null = null;
  if (wide.linstor) {
    linstor = { seenFrom: from.host, ...wide.linstor };
    const summary = summarizeLinstor(wide.linstor.nodes, wide.linstor.storagePools, wide.linstor.resources);
    for (const p of summary.problems) alerts.push(report(p.severity, p.code, p.message, { node: p.node, resource: p.resource }));
  }
  return {
    linstor,
    pve: { seenFrom: from.host, ha: ha && { quorate: ha.quorate, master: ha.master, lrms: ha.lrms, services: ha.services }, replication },
    ceph,
    alerts,
  };
}
