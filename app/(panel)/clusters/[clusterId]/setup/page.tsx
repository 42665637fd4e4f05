import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { SetupWizard } from "@/components/wizard/setup-wizard";
import { StagePanel } from "@/components/wizard/stage-panel";
import { AutoContinue } from "@/components/wizard/stage-buttons";
import { requirePageUser } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { readStoredFacts } from "@/lib/hosts/facts";
import { loadWizard } from "@/lib/wizard/context";
import { STORAGE_LABEL } from "@/lib/wizard/storage-choices";
import { storageFactsOf } from "@/lib/wizard/storage-facts";
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
  // Stage 3 (storage) exists only when a storage kind was chosen.
  const withStorage = draft.storage.kind !== "none";
  const stage3 = withStorage ? await loadStage(db, draft.stage3JobId) : null;
  const phase = wizardPhase(stage1, stage2, withStorage ? stage3 : undefined);
  const storageFacts = storageFactsOf((await db.host.findMany({ select: { name: true, facts: true } })).map((h) => ({ name: h.name, facts: readStoredFacts(h.facts) })));
  const canAct = (s: TWizardStage) => hasRole(user.role, s.role);
  const needsStage2 = stage1?.state === "succeeded" && (!stage2 || stage2.state === "cancelled");
  const needsStage3 = withStorage && stage2?.state === "succeeded" && (!stage3 || stage3.state === "cancelled");
  const done = stage2?.state === "succeeded" && (!withStorage || stage3?.state === "succeeded");
  const busy = [stage1, stage2, stage3].some((s) => s !== null && BUSY.includes(s.state));

  const stage2Part = needsStage2 ? (
    <AutoContinue clusterId={clusterId} />
  ) : stage2 ? (
    <StagePanel clusterId={clusterId} n={2} title={ctx.kind === "pve" ? "Proxmox HA (watchdog, HA group)" : "Pacemaker configuration (fencing, HA group)"} stage={stage2} canAct={canAct(stage2)} showPlan />
  ) : null;
  const stage3Part = needsStage3 ? (
    <AutoContinue clusterId={clusterId} stage={3} />
  ) : stage3 ? (
    <StagePanel clusterId={clusterId} n={3} title={`Storage: ${STORAGE_LABEL[draft.storage.kind]}`} stage={stage3} canAct={canAct(stage3)} showPlan />
  ) : null;
  const reviewSlot = stage1 ? (
    <div className="space-y-6">
      <StagePanel clusterId={clusterId} n={1} title={ctx.kind === "pve" ? "Proxmox VE cluster formed (pvecm)" : "corosync and Pacemaker running"} stage={stage1} canAct={canAct(stage1)} showPlan />
      {stageUnchanged(stage1) ? stage2Part : null}
      {stageUnchanged(stage1) && stage2 && stageUnchanged(stage2) ? stage3Part : null}
    </div>
  ) : (
    <p className="text-sm text-slate-600">No plan yet: compute it to see every command and file change per host.</p>
  );
  const applySlot = stage1 ? (
    <div className="space-y-6">
      <StagePanel clusterId={clusterId} n={1} title={ctx.kind === "pve" ? "Proxmox VE cluster formed (pvecm)" : "corosync and Pacemaker running"} stage={stage1} canAct={canAct(stage1)} showPlan={false} />
      {stage2Part}
      {stage3Part}
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
        description={`From two or three hosts (add them in step 2 if they are not in the inventory yet) to a running ${ctx.kind === "pve" ? "Proxmox VE" : "corosync/Pacemaker"} cluster. The draft is saved as you go; you can leave and come back.`}
        actions={
          <Link href={`/clusters/${clusterId}`} className="text-sm text-sky-700 hover:underline">
            Back to the cluster
          </Link>
        }
      />
      <SetupWizard ctx={ctx} storageFacts={storageFacts} initialDraft={draft} phase={phase} busy={busy} reviewSlot={reviewSlot} applySlot={applySlot} />
    </>
  );
}
