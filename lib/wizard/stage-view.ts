import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { confirmWord, isDestructive, requiredRole } from "@/lib/jobs/confirm";
import { loadJobView, type TJobView } from "@/lib/jobs/job-view";
import { getJobKind } from "@/lib/jobs/registry";
import { planReports, ZPlan, type TPlan } from "@/lib/plan/plan";
import type { TRole } from "@/lib/auth/roles";
export { stageUnchanged, wizardPhase } from "./phase";

// One wizard job as the setup page shows it: its state, plan and live view, and what its
// confirmation asks for.

export type TWizardStage = {
  id: string;
  state: string;
  plan: TPlan | null;
  view: TJobView;
  role: TRole;
  confirmWord: string | null;
  hasWarnings: boolean;
  hasErrors: boolean;
};

export async function loadStage(db: PrismaClient, jobId: string | null): Promise<TWizardStage | null> {
  if (!jobId) return null;
  const job = await db.job.findUnique({ where: { id: jobId }, include: { cluster: { select: { name: true } } } });
  const view = await loadJobView(db, jobId, 0);
  if (!job || !view) return null;
  const kind = getJobKind(job.kind);
  const parsed = job.plan === null ? null : ZPlan.safeParse(job.plan);
  const plan = parsed?.success ? parsed.data : null;
  const reports = plan ? planReports(plan) : [];
  return {
    id: job.id,
    state: job.state,
    plan,
    view,
    role: requiredRole(kind, plan),
    confirmWord: isDestructive(kind, plan) ? confirmWord(job.cluster?.name ?? null, job.id) : null,
    hasWarnings: reports.some((r) => r.severity === "warning"),
    hasErrors: reports.some((r) => r.severity === "error"),
  };
}
