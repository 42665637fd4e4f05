import type { PrismaClient, Prisma } from "@/lib/generated/prisma/client";
import { errorReport, ReportError } from "@/lib/reports/report";
import { getJobKind } from "./registry";

export type TEnqueueJob = {
  clusterId: string | null;
  kind: string;
  input: unknown;
  createdById: string | null;
};

// What a server action does for a change: validate the input against the kind's schema and
// insert a queued row. The worker does everything else.
export async function enqueueJob(db: PrismaClient, req: TEnqueueJob): Promise<string> {
  const kind = getJobKind(req.kind);
  if (!kind) throw new ReportError(errorReport("JOB_KIND_UNKNOWN", `There is no job kind called ${req.kind}.`, { kind: req.kind }));
  const parsed = kind.inputSchema.safeParse(req.input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ReportError(
      errorReport("JOB_INPUT_INVALID", `Invalid input for ${kind.title}: ${issue ? `${issue.path.join(".") || "input"}: ${issue.message}` : "rejected"}`, {
        kind: req.kind,
      }),
    );
  }
  // Json columns hold what JSON can: a Date or undefined in the input would come back changed.
  const input = JSON.parse(JSON.stringify(parsed.data ?? null)) as Prisma.InputJsonValue;
  const job = await db.job.create({ data: { clusterId: req.clusterId, kind: req.kind, input, createdById: req.createdById } });
  return job.id;
}
