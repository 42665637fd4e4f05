import { NextResponse } from "next/server";
import { withRole } from "@/lib/auth/route-guard";
import { db } from "@/lib/db";
import { loadJobView, ZLogsQuery } from "@/lib/jobs/job-view";

export const dynamic = "force-dynamic";

// GET /api/jobs/<id>/logs?after=SEQ → {state, reports, steps, logs[]}: the page polls this
// every second while the job is active and appends the rows it has not seen.
export const GET = withRole("viewer", async (req: Request, ctx: { params: Promise<{ jobId: string }> }) => {
  const { jobId } = await ctx.params;
  const { after } = ZLogsQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  const view = await loadJobView(db, jobId, after);
  if (!view) return NextResponse.json({ error: "no such job" }, { status: 404 });
  return NextResponse.json(view, { headers: { "Cache-Control": "no-store" } });
});
