import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { JobControls } from "@/components/jobs/job-controls";
import { JobStateBadge } from "@/components/jobs/job-state-badge";
import { LiveJob } from "@/components/jobs/live-job";
import { JobPlanCard } from "@/components/jobs/job-plan-card";
import { ReportList } from "@/components/jobs/report-list";
import { requirePageUser } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { formatTimestamp } from "@/lib/format/time";
import { requiredRole } from "@/lib/jobs/confirm";
import { loadJobView } from "@/lib/jobs/job-view";
import { getJobKind } from "@/lib/jobs/registry";
import { planReports, ZPlan } from "@/lib/plan/plan";

export const dynamic = "force-dynamic";

export default async function JobPage({ params }: { params: Promise<{ jobId: string }> }) {
  const user = await requirePageUser("viewer");
  const { jobId } = await params;
  const job = await db.job.findUnique({
    where: { id: jobId },
    include: { cluster: { select: { name: true } }, createdBy: { select: { username: true } } },
  });
  const view = await loadJobView(db, jobId, 0);
  if (!job || !view) notFound();
  const kind = getJobKind(job.kind);
  const parsedPlan = job.plan === null ? null : ZPlan.safeParse(job.plan);
  const plan = parsedPlan?.success ? parsedPlan.data : null;
  const role = requiredRole(kind, plan);
  const canAct = hasRole(user.role, role);
  const reports = plan ? planReports(plan) : [];
  // Plan findings are shown with the plan; the job's own reports (failures, interruptions) here.
  const jobReports = view.reports.filter((r) => !reports.some((p) => p.code === r.code && p.message === r.message));
  return (
    <>
      <PageHeader
        title={kind?.title ?? job.kind}
        description={`${job.cluster?.name ?? "no cluster"} · created ${formatTimestamp(job.createdAt)} by ${job.createdBy?.username ?? "system"}`}
        actions={<JobStateBadge state={job.state} />}
      />
      <div className="space-y-6">
        {jobReports.length > 0 ? <ReportList reports={jobReports} /> : null}
        <JobControls jobId={job.id} state={job.state} canAct={canAct} />
        {plan ? (
          <JobPlanCard title="Plan" job={{ id: job.id, state: job.state, clusterName: job.cluster?.name ?? null }} kind={kind} plan={plan} canAct={canAct} role={role} />
        ) : null}
        <LiveJob jobId={job.id} initial={view} />
      </div>
    </>
  );
}
