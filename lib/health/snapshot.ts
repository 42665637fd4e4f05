import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { ZClusterHealth, ZHealthStatus, type THealthSnapshotView } from "./model";

// What a HealthSnapshot row's data column holds: the derived model, plus what a reader needs
// to judge it (the interval it was taken at, for staleness; which instance took it).
export const ZStoredSnapshot = z.object({
  intervalMs: z.number().int().positive(),
  collector: z.string(),
  model: ZClusterHealth,
});
export type TStoredSnapshot = z.infer<typeof ZStoredSnapshot>;

export async function saveSnapshot(db: PrismaClient, clusterId: string, takenAt: Date, stored: TStoredSnapshot): Promise<void> {
  await db.healthSnapshot.create({ data: { clusterId, takenAt, status: stored.model.status, data: JSON.parse(JSON.stringify(stored)) as Prisma.InputJsonValue } });
}

export function snapshotView(row: { takenAt: Date; status: string; data: unknown }): THealthSnapshotView | null {
  const data = ZStoredSnapshot.safeParse(row.data);
  const status = ZHealthStatus.safeParse(row.status);
  if (!data.success || !status.success) return null;
  return { takenAt: row.takenAt.toISOString(), status: status.data, intervalMs: data.data.intervalMs, model: data.data.model };
}

// The newest readable snapshot of a cluster; a row written by another panel version that does
// not fit the schema counts as none rather than breaking the page.
export async function latestSnapshot(db: PrismaClient, clusterId: string): Promise<THealthSnapshotView | null> {
  const row = await db.healthSnapshot.findFirst({ where: { clusterId }, orderBy: { takenAt: "desc" }, select: { takenAt: true, status: true, data: true } });
  return row ? snapshotView(row) : null;
}
