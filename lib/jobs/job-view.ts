import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ZReport } from "@/lib/reports/report";
import { z } from "zod";

// What the job page polls: the state, every step, and the log rows after a sequence number.
// Shared by the route handler and the page's first render so both speak the same shape.

const LOGS_PER_PAGE = 1000;

export const ZJobView = z.object({
  state: z.string(),
  reports: z.array(ZReport),
  steps: z.array(
    z.object({ index: z.number(), title: z.string(), host: z.string().nullable(), state: z.string(), note: z.string().nullable(), report: ZReport.nullable() }),
  ),
  logs: z.array(z.object({ seq: z.number(), at: z.string(), stream: z.string(), line: z.string() })),
});
export type TJobView = z.infer<typeof ZJobView>;

export const ZLogsQuery = z.object({ after: z.coerce.number().int().min(0).catch(0).default(0) });

export async function loadJobView(db: PrismaClient, jobId: string, after: number): Promise<TJobView | null> {
  const job = await db.job.findUnique({
    where: { id: jobId },
    select: {
      state: true,
      reports: true,
      steps: { orderBy: { index: "asc" }, select: { index: true, title: true, host: true, state: true, note: true, report: true } },
      logs: { where: { seq: { gt: after } }, orderBy: { seq: "asc" }, take: LOGS_PER_PAGE, select: { seq: true, at: true, stream: true, line: true } },
    },
  });
  if (!job) return null;
  const reports = z.array(ZReport).catch([]).parse(job.reports);
  return {
    state: job.state,
    reports,
    steps: job.steps.map((s) => ({ ...s, report: ZReport.nullable().catch(null).parse(s.report) })),
    logs: job.logs.map((l) => ({ ...l, at: l.at.toISOString() })),
  };
}
