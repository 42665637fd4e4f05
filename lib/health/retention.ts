import type { PrismaClient } from "@/lib/generated/prisma/client";

// History is bounded twice: by age and by count per cluster (at 5 s a day is 17,280 rows,
// so the count is what bites). Long-term history lives in buckets (long-history.ts).
export type TRetention = { maxAgeMs: number; maxPerCluster: number };
export const DEFAULT_RETENTION: TRetention = { maxAgeMs: 24 * 3600_000, maxPerCluster: 720 };

// Everything taken before the returned date goes: the older of the age limit and the
// newest snapshot beyond the count limit.
export function retentionCutoff(now: Date, oldestKept: Date | null, r: TRetention): Date {
  const byAge = new Date(now.getTime() - r.maxAgeMs);
  return oldestKept && oldestKept > byAge ? oldestKept : byAge;
}

// Two indexed queries on (clusterId, takenAt): find the Nth newest, delete what is older.
export async function pruneSnapshots(db: PrismaClient, clusterId: string, now: Date, r: TRetention = DEFAULT_RETENTION): Promise<number> {
  const nth = await db.healthSnapshot.findFirst({
    where: { clusterId },
    orderBy: { takenAt: "desc" },
    skip: r.maxPerCluster - 1,
    select: { takenAt: true },
  });
  const cutoff = retentionCutoff(now, nth?.takenAt ?? null, r);
  const { count } = await db.healthSnapshot.deleteMany({ where: { clusterId, takenAt: { lt: cutoff } } });
  return count;
}
