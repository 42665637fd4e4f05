import type { TStorageEntry } from "../proxmox/model-config";
import type { TCephOsdHost, TCephOsdTree, TCephStatus } from "./model";
import type { TCephPool } from "./parse-pool-ls";
import type { TCephHostObserved } from "./probe";
import type { TPveCephConf } from "./pve-ceph-conf";

// One picture of the Ceph cluster from every node's probe. Normally all nodes see the same
// cluster; while one is being built some nodes have no client config yet, so a daemon counts
// as present when any node's view (or /etc/pve/ceph.conf) lists it. Cluster-wide facts (health,
// pools) come from the first node in the given order that could read them. Pure.
export type TCephClusterView = {
  status: TCephStatus | null;
  // Monitors and managers by name (Proxmox names them after the node).
  monitors: Set<string>;
  managers: Set<string>;
  // For each host bucket, the view in which it has the most OSDs.
  tree: TCephOsdTree | null;
  pools: TCephPool[] | null;
  conf: TPveCephConf | null;
  storages: TStorageEntry[] | null;
};

const first = <T>(values: (T | null)[]): T | null => values.find((v) => v !== null) ?? null;

export function cephClusterView(nodes: readonly string[], observed: Readonly<Record<string, TCephHostObserved>>): TCephClusterView {
  const views = nodes.flatMap((n) => (observed[n] ? [observed[n]] : []));
  const monitors = new Set<string>();
  const managers = new Set<string>();
  const hosts = new Map<string, TCephOsdHost>();
  for (const v of views) {
    for (const m of v.conf?.monitorHosts ?? []) monitors.add(m);
    for (const s of [v.status, v.statusText]) {
      for (const m of s?.mons.inQuorum ?? []) monitors.add(m);
      if (s?.mgr?.active) managers.add(s.mgr.active);
      for (const m of s?.mgr?.standbys ?? []) managers.add(m);
    }
    for (const h of v.tree?.hosts ?? []) {
      const seen = hosts.get(h.name);
      if (!seen || seen.osds.length < h.osds.length) hosts.set(h.name, h);
    }
  }
  const trees = views.filter((v) => v.tree !== null);
  return {
    status: first(views.map((v) => v.status)),
    monitors,
    managers,
    tree: trees.length > 0 ? { hosts: [...hosts.values()], stray: trees[0]?.tree?.stray ?? [] } : null,
    pools: first(views.map((v) => v.pools)),
    conf: first(views.map((v) => v.conf)),
    storages: first(views.map((v) => v.storages)),
  };
}
