import Link from "next/link";
import { notFound } from "next/navigation";
import { LayerHealth } from "@/components/health/layer-health";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { isHealthLayer, LAYER_TITLE } from "@/lib/health/layers";
import { latestSnapshot } from "@/lib/health/snapshot";

export const dynamic = "force-dynamic";

// One layer of a cluster's live health in full (quorum and links, Pacemaker, DRBD, Proxmox HA
// and replication, Ceph, LINSTOR), from the same snapshots as the overview.
export default async function HealthLayerPage({ params }: { params: Promise<{ clusterId: string; layer: string }> }) {
  await requirePageUser("viewer");
  const { clusterId, layer } = await params;
  if (!isHealthLayer(layer)) notFound();
  const cluster = await db.cluster.findUnique({ where: { id: clusterId }, select: { id: true, name: true } });
  if (!cluster) notFound();
  const health = await latestSnapshot(db, cluster.id);
  return (
    <>
      <PageHeader
        title={`${LAYER_TITLE[layer]}: ${cluster.name}`}
        actions={
          <Link href={`/clusters/${cluster.id}`} className="text-xs text-sky-700 hover:underline">
            Back to {cluster.name}
          </Link>
        }
      />
      <LayerHealth clusterId={cluster.id} layer={layer} initial={health} />
    </>
  );
}
