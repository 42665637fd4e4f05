import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { CredentialBadge, KeyStateBadge } from "@/components/hosts/key-state-badge";
import { PanelKeyCard } from "@/components/hosts/panel-key-card";
import { requirePageUser } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { formatAge } from "@/lib/format/time";
import { loadHostsPage } from "@/lib/hosts/host-view";

export const dynamic = "force-dynamic";
export const metadata = { title: "Hosts" };

export default async function HostsPage() {
  const user = await requirePageUser("viewer");
  const { panelKey, hosts } = await loadHostsPage(db);
  const isAdmin = hasRole(user.role, "admin");
  const addLink = isAdmin ? (
    <Link href="/hosts/new" className="rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700">
      Add host
    </Link>
  ) : null;
  return (
    <>
      <PageHeader
        title="Hosts"
        description="Machines the panel reaches over SSH. A host is trusted only after you confirm its SHA256 host-key fingerprint; a changed key is refused."
        actions={addLink}
      />
      <PanelKeyCard panelKey={panelKey} />
      {hosts.length === 0 ? (
        <EmptyState title="No hosts yet" action={addLink}>
          Add a host by its address; the panel shows its host key&apos;s fingerprint and the command to check it on the host before anything is
          trusted.
        </EmptyState>
      ) : (
        <Table caption="Hosts">
          <thead className="bg-slate-50">
            <tr>
              <Th>Name</Th>
              <Th>Cluster</Th>
              <Th>Address</Th>
              <Th>Host key</Th>
              <Th>Credential</Th>
              <Th>Facts</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {hosts.map((h) => (
              <Tr key={h.id}>
                <Td className="font-medium">
                  <Link href={`/hosts/${h.id}`} className="text-sky-800 hover:underline">
                    {h.name}
                  </Link>
                </Td>
                <Td>{h.cluster ? <Link href={`/clusters/${h.cluster.id}`} className="hover:underline">{h.cluster.name}</Link> : "—"}</Td>
                <Td className="font-mono text-xs">
                  {h.sshUser}@{h.address}:{h.sshPort}
                </Td>
                <Td>
                  <KeyStateBadge state={h.keyState} />
                </Td>
                <Td>
                  <CredentialBadge state={h.credentialState} />
                </Td>
                <Td className="text-slate-600">{h.factsAt ? formatAge(h.factsAt) : "not collected"}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
