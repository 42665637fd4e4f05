import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { requirePageUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { formatTimestamp } from "@/lib/format/time";

export const dynamic = "force-dynamic";
export const metadata = { title: "Hosts" };

export default async function HostsPage() {
  await requirePageUser("viewer");
  const hosts = await db.host.findMany({ orderBy: { name: "asc" }, include: { cluster: { select: { name: true } } } });
  return (
    <>
      <PageHeader
        title="Hosts"
        description="Machines the panel reaches over SSH. A host is trusted only after you confirm its SHA256 host-key fingerprint; a changed key is refused."
      />
      {hosts.length === 0 ? (
        <EmptyState title="No hosts yet">
          Hosts are added with their address and SSH credentials; the panel shows the host key&apos;s fingerprint and the
          command to check it on the host before anything is trusted.
        </EmptyState>
      ) : (
        <Table caption="Hosts">
          <thead className="bg-slate-50">
            <tr>
              <Th>Name</Th>
              <Th>Cluster</Th>
              <Th>SSH</Th>
              <Th>Host key</Th>
              <Th>Facts</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {hosts.map((h) => (
              <Tr key={h.id}>
                <Td className="font-medium">{h.name}</Td>
                <Td>{h.cluster?.name ?? "—"}</Td>
                <Td className="font-mono text-xs">
                  {h.sshUser}@{h.address}:{h.sshPort}
                </Td>
                <Td className="font-mono text-xs">
                  {h.hostKeyFingerprint ? h.hostKeyFingerprint : <Badge tone="warn">not confirmed</Badge>}
                </Td>
                <Td className="text-slate-600">{h.factsAt ? formatTimestamp(h.factsAt) : "not collected"}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
