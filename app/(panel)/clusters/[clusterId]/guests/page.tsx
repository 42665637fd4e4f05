import Link from "next/link";
import { notFound } from "next/navigation";
import { GuestsTable } from "@/components/guests/guests-table";
import { MaintenancePanel } from "@/components/guests/maintenance-panel";
import { ReportList } from "@/components/jobs/report-list";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { loadGuestContext } from "@/lib/guests/load-context";
import { guestsPageModel } from "@/lib/guests/page-model";

export const dynamic = "force-dynamic";

export default async function GuestsPage({ params }: { params: Promise<{ clusterId: string }> }) {
  const user = await requirePageUser("viewer");
  const { clusterId } = await params;
  const cluster = await db.cluster.findUnique({ where: { id: clusterId }, select: { id: true, name: true, kind: true } });
  if (!cluster) notFound();
  const back = (
    <Link href={`/clusters/${cluster.id}`} className="text-xs text-sky-700 hover:underline">
      Back to {cluster.name}
    </Link>
  );
  if (cluster.kind !== "pve") {
    return (
      <>
        <PageHeader title="Guests" description={cluster.name} actions={back} />
        <EmptyState title="No Proxmox guests">This is a corosync/Pacemaker cluster; guests live on Proxmox VE clusters.</EmptyState>
      </>
    );
  }
  const { ctx, problems } = await loadGuestContext(db, cluster.id, user.id);
  const model = ctx ? guestsPageModel(ctx) : null;
  const canOperate = hasRole(user.role, "operator");
  const votes = model ? `${model.quorum.nodes.filter((n) => n.online).reduce((s, n) => s + n.votes, 0) + model.quorum.qdeviceVotes} of ${model.quorum.expectedVotes} votes${model.quorum.qdeviceVotes ? " (with QDevice)" : ""}, quorum needs ${model.quorum.needed}` : null;
  return (
    <>
      <PageHeader title="Guests" description={`${cluster.name}${votes ? ` · ${votes}` : ""} · read live from the cluster`} actions={back} />
      {!model ? (
        <div className="space-y-3">
          <p className="text-sm text-slate-700">No member of the cluster answered, so the guests cannot be shown.</p>
          <ReportList reports={problems} />
        </div>
      ) : (
        <div className="space-y-8">
          {model.rows.length === 0 ? <EmptyState title="No guests">This cluster has no VMs or containers yet.</EmptyState> : <GuestsTable clusterId={cluster.id} rows={model.rows} canOperate={canOperate} />}
          <section aria-label="Node maintenance" className="space-y-3">
            <h2 className="text-sm font-semibold text-slate-900">Node maintenance</h2>
            <div className="grid gap-4 lg:grid-cols-3">
              {model.nodes.map((n) => (
                <MaintenancePanel key={n.name} clusterId={cluster.id} node={n} canOperate={canOperate} />
              ))}
            </div>
          </section>
        </div>
      )}
    </>
  );
}
