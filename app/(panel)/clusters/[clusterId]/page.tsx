import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { DeleteClusterForm } from "@/components/clusters/delete-cluster-form";
import { JobStateBadge } from "@/components/jobs/job-state-badge";
import { ClusterHealth } from "@/components/health/cluster-health";
import { requirePageUser } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { latestSnapshot } from "@/lib/health/snapshot";

export const dynamic = "force-dynamic";

export default async function ClusterPage({ params }: { params: Promise<{ clusterId: string }> }) {
  const user = await requirePageUser("viewer");
  const { clusterId } = await params;
  const cluster = await db.cluster.findUnique({
    where: { id: clusterId },
    include: {
      hosts: { orderBy: { name: "asc" } },
      jobs: { orderBy: { createdAt: "desc" }, take: 5 },
    },
  });
  if (!cluster) notFound();
  const health = await latestSnapshot(db, cluster.id);
  return (
    <>
      <PageHeader
        title={cluster.name}
        description={cluster.kind === "pve" ? "Proxmox VE cluster" : "corosync/Pacemaker cluster"}
        actions={hasRole(user.role, "admin") ? <Link href={`/clusters/${cluster.id}/setup`} className="text-sm text-sky-700 hover:underline">Setup wizard</Link> : undefined}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="lg:col-span-2">
          <CardHeader title="Health" actions={<Link href={`/clusters/${cluster.id}/alerts`} className="text-xs text-sky-700 hover:underline">Alerts and timeline</Link>} />
          <CardBody>
            <ClusterHealth clusterId={cluster.id} initial={health} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Recent jobs" actions={<Link href={`/jobs?cluster=${cluster.id}`} className="text-xs text-sky-700 hover:underline">All jobs</Link>} />
          <CardBody>
            {cluster.jobs.length === 0 ? (
              <p className="text-sm text-slate-600">No jobs have run on this cluster.</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {cluster.jobs.map((j) => (
                  <li key={j.id} className="flex items-center justify-between py-2">
                    <Link href={`/jobs/${j.id}`} className="text-sky-800 hover:underline">{j.kind}</Link>
                    <JobStateBadge state={j.state} />
                  </li>
                ))}
              </ul>
            )}
          </CardBody>
        </Card>
      </div>
      {cluster.kind === "pve" ? (
        <p className="mt-6 text-sm">
          <Link href={`/clusters/${cluster.id}/guests`} className="text-sky-700 hover:underline">Guests, migration, HA and node maintenance</Link>
        </p>
      ) : null}
      <h2 className="mb-3 mt-8 text-sm font-semibold text-slate-900">Hosts</h2>
      {cluster.hosts.length === 0 ? (
        <EmptyState title="No hosts in this cluster">
          Add two or three hosts from the Hosts page; the panel pins each host key after you confirm its fingerprint.
        </EmptyState>
      ) : (
        <Table caption="Hosts of this cluster">
          <thead className="bg-slate-50">
            <tr>
              <Th>Name</Th>
              <Th>Address</Th>
              <Th>Host key</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {cluster.hosts.map((h) => (
              <Tr key={h.id}>
                <Td className="font-medium">
                  <Link href={`/clusters/${cluster.id}/hosts/${encodeURIComponent(h.name)}`} className="text-sky-800 hover:underline">
                    {h.name}
                  </Link>
                </Td>
                <Td className="font-mono text-xs">{h.address}:{h.sshPort}</Td>
                <Td className="font-mono text-xs">{h.hostKeyFingerprint ?? "not confirmed"}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      {hasRole(user.role, "admin") ? (
        <Card className="mt-8 border-red-200">
          <CardHeader title="Danger zone" />
          <CardBody>
            <DeleteClusterForm clusterId={cluster.id} name={cluster.name} />
          </CardBody>
        </Card>
      ) : null}
    </>
  );
}
