import { notFound } from "next/navigation";
import { MigrationProgress } from "@/components/guests/migration-progress";
import { ClusterJobView } from "@/components/jobs/cluster-job-view";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
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
  const { job } = loaded;
  return (
    <ClusterJobView loaded={loaded} back={{ href: `/clusters/${clusterId}/guests`, label: "Back to guests" }} planTitle="Preflight and plan">
      {job.kind === GUEST_MIGRATE_KIND ? (
        <Card>
          <CardHeader title="Progress" />
          <CardBody>
            <MigrationProgress jobId={job.id} jobState={job.state} />
          </CardBody>
        </Card>
      ) : null}
    </ClusterJobView>
  );
}
