import type { TCephOsdDf, TCephOsdTree } from "./model";

const TIB = 2 ** 40;

export type THostLossCapacity = {
  // Where OSD sizes came from: `ceph osd df`, or CRUSH weights (by convention 1.0 = 1 TiB).
  source: "osd-df" | "crush-weight";
  poolSize: number;
  fullRatio: number;
  hostsBefore: number;
  hostsAfter: number;
  lostHost: string | null;
  rawBytesBefore: number;
  rawBytesAfter: number;
  usableBytesBefore: number;
  usableBytesAfter: number;
  // With the host as failure domain, fewer hosts than replicas leaves PGs undersized for good.
  canRestoreReplicas: boolean;
  rawUsedBytes: number | null;
};

type Options = { tree: TCephOsdTree; df?: TCephOsdDf | null; poolSize: number; fullRatio?: number };

// What a replicated pool (host failure domain, `size` = poolSize) can still store once the largest
// host is gone. Each object needs poolSize copies on distinct hosts, so a host holds at most one
// copy and a big host cannot make up for missing small ones: the most data D that fits satisfies
// sum(min(host_i, D)) >= poolSize * D, i.e. D = min over t < poolSize of (raw without the t largest
// hosts) / (poolSize - t). OSDs that are out (reweight 0) or do not exist add nothing; each
// bucket the tree lists (hosts, and buckets holding OSDs directly) is one failure domain.
export function usableCapacityAfterHostLoss({ tree, df = null, poolSize, fullRatio = 0.95 }: Options): THostLossCapacity {
  if (!Number.isInteger(poolSize) || poolSize < 1) throw new RangeError(`poolSize must be a positive integer, got ${poolSize}`);
  const sizes = new Map((df?.osds ?? []).map((o) => [o.id, o.sizeBytes]));
  const hosts = tree.hosts
    .map((h) => ({
      name: h.name,
      bytes: h.osds
        .filter((o) => o.exists !== false && (o.reweight ?? 1) > 0)
        .reduce((sum, o) => sum + (df ? (sizes.get(o.id) ?? 0) : Math.round(o.weight * TIB)), 0),
    }))
    .sort((a, b) => b.bytes - a.bytes);
  const before = hosts.map((h) => h.bytes);
  const after = before.slice(1);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    source: df ? "osd-df" : "crush-weight",
    poolSize,
    fullRatio,
    hostsBefore: hosts.length,
    hostsAfter: after.length,
    lostHost: hosts[0]?.name ?? null,
    rawBytesBefore: sum(before),
    rawBytesAfter: sum(after),
    usableBytesBefore: Math.floor(replicatedCapacity(before, poolSize) * fullRatio),
    usableBytesAfter: Math.floor(replicatedCapacity(after, poolSize) * fullRatio),
    canRestoreReplicas: after.filter((b) => b > 0).length >= poolSize,
    rawUsedBytes: df?.total?.usedBytes ?? null,
  };
}

// hostBytes sorted largest first.
function replicatedCapacity(hostBytes: number[], poolSize: number): number {
  let best = Infinity;
  let rest = hostBytes.reduce((a, b) => a + b, 0);
  for (let t = 0; t < poolSize; t++) {
    best = Math.min(best, rest / (poolSize - t));
    rest -= hostBytes[t] ?? 0;
  }
  return best;
}
