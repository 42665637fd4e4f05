import { NextResponse } from "next/server";
import { withRole } from "@/lib/auth/route-guard";
import { db } from "@/lib/db";
import { latestSnapshot } from "@/lib/health/snapshot";

export const dynamic = "force-dynamic";

// GET /api/clusters/<id>/health → the newest snapshot {takenAt, status, intervalMs, model}.
// Every tab polls this; none of them causes an SSH command (the collector does, once per cluster).
export const GET = withRole("viewer", async (_req: Request, ctx: { params: Promise<{ clusterId: string }> }) => {
  const { clusterId } = await ctx.params;
  const view = await latestSnapshot(db, clusterId);
  if (!view) return NextResponse.json({ error: "no health data for this cluster yet" }, { status: 404 });
  return NextResponse.json(view, { headers: { "Cache-Control": "no-store" } });
});
