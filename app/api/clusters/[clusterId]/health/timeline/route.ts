import { NextResponse } from "next/server";
import { withRole } from "@/lib/auth/route-guard";
import { db } from "@/lib/db";
import { quorumEvents } from "@/lib/health/history";
import { bucketQuorumEvents } from "@/lib/health/long-history";
import { readLongHistory } from "@/lib/health/long-history-store";
import { snapshotView } from "@/lib/health/snapshot";
import { clusterTimeline } from "@/lib/health/timeline";
import { getJobKind } from "@/lib/jobs/registry";

export const dynamic = "force-dynamic";

const WEEK_MS = 7 * 24 * 3600_000;
// Every tab asks every 15 s; an answer serves them all for 10 s.
const CACHE_MS = 10_000;
const cache = new Map<string, { until: number; body: unknown }>();

// GET /api/clusters/<id>/health/timeline → {entries}: the last week's quorum events (every stored
// round, then the 1-minute buckets before them), alerts raised and cleared, jobs finished.
export const GET = withRole("viewer", async (_req: Request, ctx: { params: Promise<{ clusterId: string }> }) => {
  const { clusterId } = await ctx.params;
  const hit = cache.get(clusterId);
  if (hit && hit.until > Date.now()) return NextResponse.json(hit.body, { headers: { "Cache-Control": "no-store" } });
  const since = new Date(Date.now() - WEEK_MS);
  const [rows, alerts, jobs] = await Promise.all([
    db.healthSnapshot.findMany({ where: { clusterId, takenAt: { gte: since } }, orderBy: { takenAt: "asc" }, select: { takenAt: true, status: true, data: true } }),
    db.alert.findMany({
      where: { clusterId, firedAt: { gte: since } },
      orderBy: { firedAt: "desc" },
      take: 100,
      select: { id: true, code: true, severity: true, message: true, firedAt: true, resolvedAt: true },
    }),
    db.job.findMany({ where: { clusterId, finishedAt: { not: null } }, orderBy: { finishedAt: "desc" }, take: 30, select: { id: true, kind: true, state: true, finishedAt: true } }),
  ]);
  const snapshots = rows.flatMap((r) => {
    const v = snapshotView(r);
    return v ? [{ takenAt: r.takenAt, model: v.model }] : [];
  });
  const firstRound = snapshots[0]?.takenAt ?? new Date();
  const older = (await readLongHistory(db, clusterId, 60_000, since)).filter((p) => Date.parse(p.at) < firstRound.getTime());
  const quorum = [...bucketQuorumEvents(older), ...quorumEvents(snapshots)];
  const titled = jobs.map((j) => ({ ...j, title: getJobKind(j.kind)?.title }));
  const body = { entries: clusterTimeline({ clusterId, quorum, alerts, jobs: titled }) };
  for (const [k, v] of cache) if (v.until <= Date.now()) cache.delete(k);
  cache.set(clusterId, { until: Date.now() + CACHE_MS, body });
  return NextResponse.json(body, { headers: { "Cache-Control": "no-store" } });
});
