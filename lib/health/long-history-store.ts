import type { PrismaClient } from "@/lib/generated/prisma/client";
import { bucketStart, pointOf, type THistoryPoint } from "./history";
import { foldRound, HISTORY_TIERS, rowPoint, tierCutoff } from "./long-history";
import type { TClusterHealth } from "./model";

// The long-term history tables (HealthHistoryBucket): written once per round by the collector,
// pruned with the snapshots, read by the history route for ranges beyond the hour of rounds.

export async function recordLongHistory(db: PrismaClient, clusterId: string, takenAt: Date, model: TClusterHealth): Promise<void> {
  const round = pointOf(model);
  for (const { resolutionMs } of HISTORY_TIERS) {
    const at = new Date(bucketStart(takenAt.getTime(), resolutionMs));
    const where = { clusterId_resolutionMs_at: { clusterId, resolutionMs, at } };
    const prev = await db.healthHistoryBucket.findUnique({ where });
    const next = foldRound(prev, round, takenAt, resolutionMs);
    const data = {
      status: next.status,
      quorate: next.quorate,
      votes: next.votes,
      expected: next.expected,
      hostsDown: next.hostsDown,
      drbdSyncKiBps: next.drbdSyncKiBps,
      replicationLagSeconds: next.replicationLagSeconds,
      rounds: next.rounds,
    };
    await db.healthHistoryBucket.upsert({ where, create: { clusterId, resolutionMs, at, ...data }, update: data });
  }
}

export async function pruneLongHistory(db: PrismaClient, clusterId: string, now: Date): Promise<void> {
  for (const { resolutionMs, keepMs } of HISTORY_TIERS) {
    await db.healthHistoryBucket.deleteMany({ where: { clusterId, resolutionMs, at: { lt: tierCutoff(now, keepMs) } } });
  }
}

export async function readLongHistory(db: PrismaClient, clusterId: string, resolutionMs: number, since: Date): Promise<THistoryPoint[]> {
  const rows = await db.healthHistoryBucket.findMany({ where: { clusterId, resolutionMs, at: { gte: since } }, orderBy: { at: "asc" } });
  return rows.map(rowPoint);
}
