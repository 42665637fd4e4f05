import Link from "next/link";
import { notFound } from "next/navigation";
import { JobControls } from "@/components/jobs/job-controls";
import { JobStateBadge } from "@/components/jobs/job-state-badge";
import { LiveJob } from "@/components/jobs/live-job";
import { JobPlanCard } from "@/components/jobs/job-plan-card";
import { ReportList } from "@/components/jobs/report-list";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/current-user";
import { ZDrbdSplitBrainInput } from "@/lib/health/split-brain";
import { loadJobPage } from "@/lib/jobs/job-page";
import { DRBD_SPLIT_BRAIN_KIND } from "@/lib/jobs/kinds/drbd-split-brain";

export const dynamic = "force-dynamic";

// A split-brain recovery job: the plan (the agent's recovery for the chosen victim) above the
// confirmation, then the live log.
export default async function DrbdJobPage({ params }: { params: Promise<{ clusterId: string; jobId: string }> }) {
  const user = await requirePageUser("viewer");
  const { clusterId, jobId } = await params;
  const loaded = await loadJobPage(jobId, user.role);
  if (!loaded || loaded.job.clusterId !== clusterId || loaded.job.kind !== DRBD_SPLIT_BRAIN_KIND) notFound();
  const { job, view, kind, plan, role, canAct, jobReports } = loaded;
  const input = ZDrbdSplitBrainInput.safeParse(job.input);
  const resource = input.success ? input.data.resource : null;
  return (
    <>
      <PageHeader
        title={plan?.title ?? kind?.title ?? job.kind}
        description={job.cluster?.name ?? ""}
        actions={
          <span className="flex items-center gap-3">
            <JobStateBadge state={job.state} />
            {resource ? (
              <Link href={`/clusters/${clusterId}/drbd/${encodeURIComponent(resource)}/split-brain`} className="text-xs text-sky-700 hover:underline">
                Back to the assistant
              </Link>
            ) : null}
            <Link href={`/jobs/${job.id}`} className="text-xs text-sky-700 hover:underline">
              Job page
            </Link>
          </span>
        }
      />
      <div className="space-y-6">
        {jobReports.length > 0 ? <ReportList reports={jobReports} /> : null}
        <JobControls jobId={job.id} state={job.state} canAct={canAct} />
        {plan ? (
          <JobPlanCard title="Recovery plan" job={{ id: job.id, state: job.state, clusterName: job.cluster?.name ?? null }} kind={kind} plan={plan} canAct={canAct} role={role} />
        ) : null}
        <LiveJob jobId={job.id} initial={view} />
      </div>
    </>
  );
}
