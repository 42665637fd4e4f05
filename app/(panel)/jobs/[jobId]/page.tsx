import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { JobControls } from "@/components/jobs/job-controls";
import { JobStateBadge } from "@/components/jobs/job-state-badge";
import { LiveJob } from "@/components/jobs/live-job";
import { JobPlanCard } from "@/components/jobs/job-plan-card";
import { ReportList } from "@/components/jobs/report-list";
import { requirePageUser } from "@/lib/auth/current-user";
import { loadJobPage } from "@/lib/jobs/job-page";
import { formatTimestamp } from "@/lib/format/time";

export const dynamic = "force-dynamic";

export default async function JobPage({ params }: { params: Promise<{ jobId: string }> }) {
  const user = await requirePageUser("viewer");
  const { jobId } = await params;
  const loaded = await loadJobPage(jobId, user.role);
  if (!loaded) notFound();
  const { job, view, kind, plan, role, canAct, jobReports } = loaded;
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
