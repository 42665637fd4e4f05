import Link from "next/link";
import type { ReactNode } from "react";
import { JobControls } from "@/components/jobs/job-controls";
import { JobPlanCard } from "@/components/jobs/job-plan-card";
import { JobStateBadge } from "@/components/jobs/job-state-badge";
import { LiveJob } from "@/components/jobs/live-job";
import { ReportList } from "@/components/jobs/report-list";
import { PageHeader } from "@/components/ui/page-header";
import type { loadJobPage } from "@/lib/jobs/job-page";

type TLoadedJobPage = NonNullable<Awaited<ReturnType<typeof loadJobPage>>>;

// A job started from a cluster's page (a migration, a split-brain recovery): a way back to where
// it was started, its own reports, the controls, anything the kind adds (a progress bar), the plan
// with its confirmation, then the live log.
export function ClusterJobView({ loaded, back, planTitle, children }: { loaded: TLoadedJobPage; back: { href: string; label: string } | null; planTitle: string; children?: ReactNode }) {
  const { job, view, kind, plan, role, canAct, jobReports } = loaded;
  return (
    <>
      <PageHeader
        title={plan?.title ?? kind?.title ?? job.kind}
        description={job.cluster?.name ?? ""}
        actions={
          <span className="flex items-center gap-3">
            <JobStateBadge state={job.state} />
            {back ? (
              <Link href={back.href} className="text-xs text-sky-700 hover:underline">
                {back.label}
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
        {children}
        <JobControls jobId={job.id} state={job.state} canAct={canAct} />
        {plan ? <JobPlanCard title={planTitle} job={{ id: job.id, state: job.state, clusterName: job.cluster?.name ?? null }} kind={kind} plan={plan} canAct={canAct} role={role} /> : null}
        <LiveJob jobId={job.id} initial={view} />
      </div>
    </>
  );
}
