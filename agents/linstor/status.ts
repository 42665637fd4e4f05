import type { TLinstorNode, TLinstorResource, TLinstorStoragePool } from "./model";

// The LINSTOR part of the dashboard, from `linstor -m node list`, `storage-pool list` and
// `resource list`: per resource and node the disk state and the replication links, and one
// list of problems (satellites offline, replicas not UpToDate or not connected, pools
// reporting errors). A resource is healthy when it has a disk somewhere, every diskful replica
// is UpToDate, every diskless one is attached, and every connection is up. Pure.

export type TLinstorReplicaSummary = {
  node: string;
  // DRBD disk state of the worst volume: UpToDate, SyncTarget, Inconsistent, Diskless, Unknown…
  disk: string;
  diskless: boolean;
  syncPercent: number | null;
  // Peers this replica is not connected to, with DRBD's word for the link ("Connecting", …);
  // null when the source does not list connections.
  disconnectedFrom: { peer: string; state: string | null }[] | null;
  inUse: boolean | null;
};

export type TLinstorResourceSummary = {
  name: string;
  replicas: TLinstorReplicaSummary[];
  diskful: number;
  upToDate: number;
  healthy: boolean;
};

export type TLinstorProblemCode =
  | "LINSTOR_SATELLITE_OFFLINE"
  | "LINSTOR_REPLICA_NOT_UP_TO_DATE"
  | "LINSTOR_REPLICA_DISCONNECTED"
  | "LINSTOR_STORAGE_POOL_ERROR";

export type TLinstorProblem = {
  code: TLinstorProblemCode;
  // A sync in progress is a warning: it ends on its own.
  severity: "error" | "warning";
  node: string | null;
  resource: string | null;
  message: string;
};

export type TLinstorSummary = {
  offlineNodes: string[];
  poolErrors: { pool: string; node: string | null; errors: string[] }[];
  resources: TLinstorResourceSummary[];
  problems: TLinstorProblem[];
  ok: boolean;
};

// "Created": a resource without a DRBD layer, which has nothing to replicate.
const healthyDisk = (r: TLinstorResource) => (r.diskless ? r.state !== "Unknown" : r.state === "UpToDate" || r.state === "Created");

function replicaOf(r: TLinstorResource): TLinstorReplicaSummary {
  return {
    node: r.node,
    disk: r.state,
    diskless: r.diskless,
    syncPercent: r.syncPercent,
    disconnectedFrom: r.connections === null ? null : r.connections.filter((c) => !c.connected).map((c) => ({ peer: c.peer, state: c.message })),
    inUse: r.inUse,
  };
}

function replicaProblems(r: TLinstorResource, offline: ReadonlySet<string>): TLinstorProblem[] {
  // An offline satellite is reported once, as such; its replicas' "Unknown" says nothing more.
  if (offline.has(r.node)) return [];
  const out: TLinstorProblem[] = [];
  if (!healthyDisk(r)) {
    const syncing = r.state === "SyncTarget" || (r.state === "Inconsistent" && r.syncPercent !== null);
    out.push({
      code: "LINSTOR_REPLICA_NOT_UP_TO_DATE",
      severity: syncing ? "warning" : "error",
      node: r.node,
      resource: r.name,
      message: `${r.name} on ${r.node} is ${r.state}${r.syncPercent === null ? "" : ` (${r.syncPercent}% synced)`}, not ${r.diskless ? "Diskless" : "UpToDate"}.`,
    });
  }
  const down = (r.connections ?? []).filter((c) => !c.connected && !offline.has(c.peer));
  if (down.length > 0 || (r.connections === null && r.connectionsOk === false)) {
    const peers = down.map((c) => `${c.peer}${c.message ? ` (${c.message})` : ""}`).join(", ");
    out.push({
      code: "LINSTOR_REPLICA_DISCONNECTED",
      severity: "error",
      node: r.node,
      resource: r.name,
      message: `${r.name} on ${r.node} is not connected to ${peers || "some of its peers"}.`,
    });
  }
  return out;
}

export function summarizeLinstor(nodes: readonly TLinstorNode[], pools: readonly TLinstorStoragePool[], resources: readonly TLinstorResource[]): TLinstorSummary {
  const offlineNodes = nodes.filter((n) => !n.online).map((n) => n.name);
  const offline = new Set(offlineNodes);
  const names = [...new Set(resources.map((r) => r.name))].sort();
  const summaries = names.map((name) => {
    const rows = resources.filter((r) => r.name === name).sort((a, b) => a.node.localeCompare(b.node));
    const diskful = rows.filter((r) => !r.diskless);
    const upToDate = diskful.filter((r) => r.state === "UpToDate").length;
    return {
      name,
      replicas: rows.map(replicaOf),
      diskful: diskful.length,
      upToDate,
      healthy: diskful.length > 0 && rows.every((r) => healthyDisk(r) && r.connectionsOk !== false && !offline.has(r.node)),
    };
  });
  const poolErrors = pools.filter((p) => p.errors.length > 0).map((p) => ({ pool: p.pool, node: p.node, errors: p.errors }));
  const problems: TLinstorProblem[] = [
    ...nodes
      .filter((n) => !n.online)
      .map((n) => ({
        code: "LINSTOR_SATELLITE_OFFLINE" as const,
        severity: "error" as const,
        node: n.name,
        resource: null,
        message: `Satellite ${n.name} is ${n.connectionStatus ?? "not online"}: its replicas are not served or kept up to date.`,
      })),
    ...names.flatMap((name) => resources.filter((r) => r.name === name).sort((a, b) => a.node.localeCompare(b.node)).flatMap((r) => replicaProblems(r, offline))),
    ...poolErrors
      .filter((p) => p.node === null || !offline.has(p.node))
      .map((p) => ({
        code: "LINSTOR_STORAGE_POOL_ERROR" as const,
        severity: "error" as const,
        node: p.node,
        resource: null,
        message: `Storage pool ${p.pool}${p.node ? ` on ${p.node}` : ""}: ${p.errors.join("; ")}`,
      })),
  ];
  return { offlineNodes, poolErrors, resources: summaries, problems, ok: problems.length === 0 && summaries.every((s) => s.healthy) };
}
