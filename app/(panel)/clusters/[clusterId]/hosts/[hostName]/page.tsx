import Link from "next/link";
import { notFound } from "next/navigation";
import { HostHealth } from "@/components/health/host-health";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { latestSnapshot } from "@/lib/health/snapshot";

export const dynamic = "force-dynamic";

// A malformed escape in the address is a page that does not exist, not a server error.
const safeDecode = (s: string): string | null => {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
};

// One host of a cluster as the live dashboard sees it. The inventory page of the host
// (/hosts/<id>: address, key, credential) is linked, not repeated.
export default async function ClusterHostPage({ params }: { params: Promise<{ clusterId: string; hostName: string }> }) {
  await requirePageUser("viewer");
  const { clusterId, hostName: raw } = await params;
  const hostName = safeDecode(raw);
  if (hostName === null) notFound();
  const host = await db.host.findFirst({ where: { clusterId, name: hostName }, select: { id: true, name: true, address: true, sshPort: true, cluster: { select: { id: true, name: true } } } });
  if (!host?.cluster) notFound();
  const health = await latestSnapshot(db, host.cluster.id);
  return (
    <>
      <PageHeader
        title={`${host.name} in ${host.cluster.name}`}
        description={`${host.address}:${host.sshPort}`}
        actions={
          <span className="flex items-center gap-3">
            <Link href={`/hosts/${host.id}`} className="text-xs text-sky-700 hover:underline">
              Inventory and host key
            </Link>
            <Link href={`/clusters/${host.cluster.id}`} className="text-xs text-sky-700 hover:underline">
              Back to {host.cluster.name}
            </Link>
          </span>
        }
      />
      <HostHealth clusterId={host.cluster.id} hostName={host.name} initial={health} />
    </>
  );
}
