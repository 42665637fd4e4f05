import { NextResponse } from "next/server";
import { z } from "zod";
import { withRole } from "@/lib/auth/route-guard";
import { db } from "@/lib/db";
import { bucketMsFor, downsampleHealth, quorumEvents } from "@/lib/health/history";
import { snapshotView } from "@/lib/health/snapshot";

export const dynamic = "force-dynamic";

// The stored rounds cover the last hour (lib/health/retention.ts), so that is the longest window.
const ZQuery = z.object({ minutes: z.coerce.number().int().min(5).max(60).default(60) });

// Reading an hour of rounds parses up to 720 stored models; every open tab asks every 30 s, so
// one answer per cluster and window serves all of them for 10 s.
const CACHE_MS = 10_000;
const cache = new Map<string, { until: number; body: unknown }>();

// GET /api/clusters/<id>/health/history?minutes=60 → {bucketMs, points, events}.
export const GET = withRole("viewer", async (req: Request, ctx: { params: Promise<{ clusterId: string }> }) => {
  const { clusterId } = await ctx.params;
  const query = ZQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) return NextResponse.json({ error: "minutes must be a whole number from 5 to 60" }, { status: 400 });
  const key = `${clusterId}/${query.data.minutes}`;
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return NextResponse.json(hit.body, { headers: { "Cache-Control": "no-store" } });
  const since = new Date(Date.now() - query.data.minutes * 60_000);
  const rows = await db.healthSnapshot.findMany({
    where: { clusterId, takenAt: { gte: since } },
    orderBy: { takenAt: "asc" },
    select: { takenAt: true, status: true, data: true },
  });
  const snapshots = rows.flatMap((r) => {
    const v = snapshotView(r);
    return v ? [{ takenAt: r.takenAt, model: v.model, intervalMs: v.intervalMs }] : [];
  });
  const intervalMs = snapshots.at(-1)?.intervalMs ?? 5_000;
  const bucketMs = bucketMsFor(query.data.minutes, intervalMs);
  const body = { bucketMs, points: downsampleHealth(snapshots, bucketMs), events: quorumEvents(snapshots) };
  for (const [k, v] of cache) if (v.until <= Date.now()) cache.delete(k);
  cache.set(key, { until: Date.now() + CACHE_MS, body });
  return NextResponse.json(body, { headers: { "Cache-Control": "no-store" } });
});
