import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

// One collector per cluster across all panel instances, through the ClusterLease row: taking
// it is one conditional UPDATE (ours, or expired), atomic on SQLite and PostgreSQL alike; a
// cluster that never had a lease gets its row by INSERT, and the primary key lets one
// instance win. Renewal is the same call, so an instance whose lease was taken over learns
// it at its next round and stops.
export async function claimClusterLease(db: PrismaClient, clusterId: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
  const until = new Date(now.getTime() + leaseMs);
  const r = await db.clusterLease.updateMany({
    where: { clusterId, OR: [{ owner }, { until: { lt: now } }] },
    data: { owner, until },
  });
  if (r.count === 1) return true;
  if (await db.clusterLease.findUnique({ where: { clusterId }, select: { clusterId: true } })) return false;
  try {
    await db.clusterLease.create({ data: { clusterId, owner, until } });
    return true;
  } catch (err) {
    // Another instance inserted first (unique), or the cluster was just deleted (foreign key).
    if (err instanceof Prisma.PrismaClientKnownRequestError && (err.code === "P2002" || err.code === "P2003")) return false;
    throw err;
  }
}

// Hands the cluster over at once (on shutdown) instead of making others wait for expiry.
export async function releaseClusterLease(db: PrismaClient, clusterId: string, owner: string): Promise<void> {
  await db.clusterLease.updateMany({ where: { clusterId, owner }, data: { until: new Date(0) } });
}
