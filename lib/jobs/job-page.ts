import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { planReports, ZPlan } from "@/lib/plan/plan";
import { maskPlanSecrets } from "@/lib/plan/seal";
import { requiredRole } from "./confirm";
import { loadJobView } from "./job-view";
import { getJobKind } from "./registry";

// What every page showing one job needs: the row, its live view, its plan and who may act on
// it. Plan findings are shown with the plan; jobReports are the job's own (failures, interruptions).
export async function loadJobPage(jobId: string, userRole: string) {
  const job = await db.job.findUnique({
    where: { id: jobId },
    include: { cluster: { select: { name: true } }, createdBy: { select: { username: true } } },
  });
  const view = await loadJobView(db, jobId, 0);
  if (!job || !view) return null;
  const kind = getJobKind(job.kind);
  const parsed = job.plan === null ? null : ZPlan.safeParse(job.plan);
  const plan = parsed?.success ? maskPlanSecrets(parsed.data) : null;
  const role = requiredRole(kind, plan);
  const reports = plan ? planReports(plan) : [];
  const jobReports = view.reports.filter((r) => !reports.some((p) => p.code === r.code && p.message === r.message));
  return { job, view, kind, plan, role, canAct: hasRole(userRole, role), jobReports };
}
