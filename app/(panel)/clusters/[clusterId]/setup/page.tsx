import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { SetupWizard } from "@/components/wizard/setup-wizard";
import { StagePanel } from "@/components/wizard/stage-panel";
import { AutoContinue } from "@/components/wizard/stage-buttons";
import { requirePageUser } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { loadWizard } from "@/lib/wizard/context";
import { loadStage, stageUnchanged, wizardPhase, type TWizardStage } from "@/lib/wizard/stage-view";

export const dynamic = "force-dynamic";

const BUSY = ["queued", "planning", "confirmed", "running", "undo-requested", "undoing"];
export const metadata = { title: "Setup wizard" };

export default async function SetupWizardPage({ params }: { params: Promise<{ clusterId: string }> }) {
  const user = await requirePageUser("admin");
  const { clusterId } = await params;
  const exists = await db.cluster.findUnique({ where: { id: clusterId }, select: { id: true } });
  if (!exists) notFound();
  const { ctx, draft } = await loadWizard(db, clusterId);
  const stage1 = await loadStage(db, draft.stage1JobId);
  const stage2 = await loadStage(db, draft.stage2JobId);
  const phase = wizardPhase(stage1, stage2);
  const canAct = (s: TWizardStage) => hasRole(user.role, s.role);
  const needsStage2 = stage1?.state === "succeeded" && (!stage2 || stage2.state === "cancelled");
  const done = stage2?.state === "succeeded";
  const busy = [stage1, stage2].some((s) => s !== null && BUSY.includes(s.state));

  const stage2Part = needsStage2 ? (
    <AutoContinue clusterId={clusterId} />
  ) : stage2 ? (
    <StagePanel clusterId={clusterId} n={2} title="Pacemaker configuration (fencing, HA group)" stage={stage2} canAct={canAct(stage2)} showPlan />
  ) : null;
  const reviewSlot = stage1 ? (
    <div className="space-y-6">
      <StagePanel clusterId={clusterId} n={1} title="corosync and Pacemaker running" stage={stage1} canAct={canAct(stage1)} showPlan />
      {stageUnchanged(stage1) ? stage2Part : null}
    </div>
  ) : (
    <p className="text-sm text-slate-600">No plan yet: compute it to see every command and file change per host.</p>
  );
  const applySlot = stage1 ? (
    <div className="space-y-6">
      <StagePanel clusterId={clusterId} n={1} title="corosync and Pacemaker running" stage={stage1} canAct={canAct(stage1)} showPlan={false} />
      {stage2Part}
      {done ? (
        <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm font-medium text-green-900">
          The cluster is set up.{" "}
          <Link href={`/clusters/${clusterId}`} className="underline">
            Open its dashboard
          </Link>
        </p>
      ) : null}
    </div>
  ) : (
    <p className="text-sm text-slate-600">Nothing applied yet: compute and confirm the plan on the Review step.</p>
  );

  return (
    <>
      <PageHeader
        title={`Set up ${ctx.clusterName}`}
        description="From two or three hosts in the inventory to a running corosync/Pacemaker cluster. The draft is saved as you go; you can leave and come back."
        actions={
          <Link href={`/clusters/${clusterId}`} className="text-sm text-sky-700 hover:underline">
            Back to the cluster
          </Link>
        }
      />
      <SetupWizard ctx={ctx} initialDraft={draft} phase={phase} busy={busy} reviewSlot={reviewSlot} applySlot={applySlot} />
    </>
  );
}
