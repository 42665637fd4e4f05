import Link from "next/link";
import { notFound } from "next/navigation";
import { MigrationProgress } from "@/components/guests/migration-progress";
import { JobControls } from "@/components/jobs/job-controls";
import { JobStateBadge } from "@/components/jobs/job-state-badge";
import { LiveJob } from "@/components/jobs/live-job";
import { JobPlanCard } from "@/components/jobs/job-plan-card";
import { ReportList } from "@/components/jobs/report-list";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/current-user";
import { loadJobPage } from "@/lib/jobs/job-page";
import { GUEST_HA_ENROLL_KIND } from "@/lib/jobs/kinds/guest-ha-enroll";
import { GUEST_MIGRATE_KIND } from "@/lib/jobs/kinds/guest-migrate";
import { NODE_MAINTENANCE_KIND } from "@/lib/jobs/kinds/node-maintenance";

export const dynamic = "force-dynamic";

const GUEST_KINDS = [GUEST_MIGRATE_KIND, GUEST_HA_ENROLL_KIND, NODE_MAINTENANCE_KIND];

// A guest action's job: its preflight (the plan's reports) above the confirm button, then the
// live log and, for a migration, the progress bar and the result.
export default async function GuestJobPage({ params }: { params: Promise<{ clusterId: string; jobId: string }> }) {
  const user = await requirePageUser("viewer");
  const { clusterId, jobId } = await params;
  const loaded = await loadJobPage(jobId, user.role);
  if (!loaded || loaded.job.clusterId !== clusterId || !GUEST_KINDS.includes(loaded.job.kind)) notFound();
  const { job, view, kind, plan, role, canAct, jobReports } = loaded;
  return (
    <>
      <PageHeader
        title={plan?.title ?? kind?.title ?? job.kind}
        description={job.cluster?.name ?? ""}
        actions={
          <span className="flex items-center gap-3">
            <JobStateBadge state={job.state} />
            <Link href={`/clusters/${clusterId}/guests`} className="text-xs text-sky-700 hover:underline">
              Back to guests
            </Link>
            <Link href={`/jobs/${job.id}`} className="text-xs text-sky-700 hover:underline">
              Job page
            </Link>
          </span>
        }
      />
      <div className="space-y-6">
        {jobReports.length > 0 ? <ReportList reports={jobReports} /> : null}
        {job.kind === GUEST_MIGRATE_KIND ? (
          <Card>
            <CardHeader title="Progress" />
            <CardBody>
              <MigrationProgress jobId={job.id} jobState={job.state} />
            </CardBody>
          </Card>
        ) : null}
        <JobControls jobId={job.id} state={job.state} canAct={canAct} />
        {plan ? (
          <JobPlanCard title="Preflight and plan" job={{ id: job.id, state: job.state, clusterName: job.cluster?.name ?? null }} kind={kind} plan={plan} canAct={canAct} role={role} />
        ) : null}
        <LiveJob jobId={job.id} initial={view} />
      </div>
    </>
  );
}
