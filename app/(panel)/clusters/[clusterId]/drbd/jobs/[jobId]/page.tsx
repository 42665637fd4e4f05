import { notFound } from "next/navigation";
import { ClusterJobView } from "@/components/jobs/cluster-job-view";
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
  const input = ZDrbdSplitBrainInput.safeParse(loaded.job.input);
  const back = input.success ? { href: `/clusters/${clusterId}/drbd/${encodeURIComponent(input.data.resource)}/split-brain`, label: "Back to the assistant" } : null;
  return <ClusterJobView loaded={loaded} back={back} planTitle="Recovery plan" />;
}
