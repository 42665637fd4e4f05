import { NextResponse } from "next/server";
import { z } from "zod";
import { withRole } from "@/lib/auth/route-guard";
import { db } from "@/lib/db";
import { downsampleHealth, quorumEvents } from "@/lib/health/history";
import { bucketQuorumEvents, chartBucketMs, chartPoints, rangeSource, ZHistoryRange, type THistoryRange } from "@/lib/health/long-history";
import { readLongHistory } from "@/lib/health/long-history-store";
import { snapshotView } from "@/lib/health/snapshot";

export const dynamic = "force-dynamic";

// Up to an hour comes from the stored rounds (lib/health/retention.ts); longer ranges from the
// downsampled buckets the collector keeps (lib/health/long-history.ts). `minutes` is the older
// form of the query (15 or 60).
const ZQuery = z.object({
  range: ZHistoryRange.optional(),
  minutes: z.coerce.number().int().min(5).max(60).optional(),
});

// Reading an hour of rounds parses up to 720 stored models; every open tab asks every 30 s, so
// one answer per cluster and range serves all of them for 10 s.
const CACHE_MS = 10_000;
const cache = new Map<string, { until: number; body: unknown }>();

async function fromRounds(clusterId: string, range: THistoryRange, windowMs: number) {
  const rows = await db.healthSnapshot.findMany({
    where: { clusterId, takenAt: { gte: new Date(Date.now() - windowMs) } },
    orderBy: { takenAt: "asc" },
    select: { takenAt: true, status: true, data: true },
  });
  const snapshots = rows.flatMap((r) => {
    const v = snapshotView(r);
    return v ? [{ takenAt: r.takenAt, model: v.model, intervalMs: v.intervalMs }] : [];
  });
  const bucketMs = chartBucketMs(range, snapshots.at(-1)?.intervalMs ?? 5_000);
  return { bucketMs, points: downsampleHealth(snapshots, bucketMs), events: quorumEvents(snapshots) };
}

async function fromBuckets(clusterId: string, range: THistoryRange, windowMs: number, resolutionMs: number) {
  const rows = await readLongHistory(db, clusterId, resolutionMs, new Date(Date.now() - windowMs));
  const bucketMs = chartBucketMs(range, resolutionMs);
  return { bucketMs, points: chartPoints(rows, bucketMs), events: bucketQuorumEvents(rows) };
}

// GET /api/clusters/<id>/health/history?range=1h|24h|7d|90d → {range, windowMs, bucketMs, points, events}.
export const GET = withRole("viewer", async (req: Request, ctx: { params: Promise<{ clusterId: string }> }) => {
  const { clusterId } = await ctx.params;
  const query = ZQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) return NextResponse.json({ error: "range must be one of 15m, 1h, 24h, 7d, 90d" }, { status: 400 });
  const range: THistoryRange = query.data.range ?? (query.data.minutes !== undefined && query.data.minutes <= 15 ? "15m" : "1h");
  const key = `${clusterId}/${range}`;
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return NextResponse.json(hit.body, { headers: { "Cache-Control": "no-store" } });
  const { windowMs, resolutionMs } = rangeSource(range);
  const data = resolutionMs === null ? await fromRounds(clusterId, range, windowMs) : await fromBuckets(clusterId, range, windowMs, resolutionMs);
  const body = { range, windowMs, ...data };
  for (const [k, v] of cache) if (v.until <= Date.now()) cache.delete(k);
  cache.set(key, { until: Date.now() + CACHE_MS, body });
  return NextResponse.json(body, { headers: { "Cache-Control": "no-store" } });
});
