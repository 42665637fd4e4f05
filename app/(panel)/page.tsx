import Link from "next/link";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { HealthBadge } from "@/components/clusters/health-badge";
import { NewClusterForm } from "@/components/clusters/new-cluster-form";
import { requirePageUser } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { formatTimestamp } from "@/lib/format/time";

export const dynamic = "force-dynamic";
export const metadata = { title: "Clusters" };

const KIND_LABEL: Record<string, string> = { pve: "Proxmox VE", pacemaker: "corosync/Pacemaker" };

export default async function ClustersPage() {
  const user = await requirePageUser("viewer");
  const clusters = await db.cluster.findMany({
    orderBy: { name: "asc" },
    include: {
      _count: { select: { hosts: true } },
      snapshots: { orderBy: { takenAt: "desc" }, take: 1, select: { status: true, takenAt: true } },
    },
  });
  const canCreate = hasRole(user.role, "admin");
  return (
    <>
      <PageHeader
        title="Clusters"
        description="Every cluster this panel builds or watches. Open one to see its health, hosts and jobs."
      />
      {clusters.length === 0 ? (
        <EmptyState title="No clusters yet">
          <p>
            A cluster here is two or three hosts the panel reaches over SSH. Create one, add its hosts, and the setup
            wizard builds corosync, quorum, replicated storage and HA on them, showing every command before it runs.
          </p>
          {!canCreate ? <p className="mt-2">Ask an admin to create the first cluster.</p> : null}
        </EmptyState>
      ) : (
        <Table caption="Clusters">
          <thead className="bg-slate-50">
            <tr>
              <Th>Name</Th>
              <Th>Kind</Th>
              <Th>Hosts</Th>
              <Th>Health</Th>
              <Th>Created</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {clusters.map((c) => (
              <Tr key={c.id}>
                <Td>
                  <Link href={`/clusters/${c.id}`} className="font-medium text-sky-800 hover:underline">
                    {c.name}
                  </Link>
                </Td>
                <Td>{KIND_LABEL[c.kind] ?? c.kind}</Td>
                <Td>{c._count.hosts}</Td>
                <Td>
                  <HealthBadge status={c.snapshots[0]?.status ?? null} />
                </Td>
                <Td className="whitespace-nowrap text-slate-600">{formatTimestamp(c.createdAt)}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      {canCreate ? (
        <Card className="mt-6">
          <CardHeader title="New cluster" />
          <CardBody>
            <NewClusterForm />
          </CardBody>
        </Card>
      ) : null}
    </>
  );
}
