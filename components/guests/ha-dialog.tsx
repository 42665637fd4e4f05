"use client";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { ReportList } from "@/components/jobs/report-list";
import { Button } from "@/components/ui/button";
import { startGuestHaEnroll } from "@/lib/actions/guests";
import type { TGuestPageRow } from "@/lib/guests/page-model";
import { GuestDialog } from "./guest-dialog";

function pathText(row: TGuestPageRow): string {
  const p = row.ha.path;
  if (p.kind === "shared") return `Shared storage (${p.storages.join(", ")}): enrolled directly, RPO 0.`;
  if (p.kind === "replicate") return `Local ZFS: ${p.existingJob ? `uses replication job ${p.existingJob}` : "creates a replication job"} to ${p.partner} (${p.schedule}) first. RPO ${p.rpoMinutes} min.`;
  if (p.kind === "already") return `Already under HA (${p.state}).`;
  return "Refused: see why below.";
}

export function HaDialog({ clusterId, row, onClose }: { clusterId: string; row: TGuestPageRow; onClose: () => void }) {
  const router = useRouter();
  const { execute, result, isPending } = useAction(startGuestHaEnroll, {
    onSuccess: ({ data }) => {
      if (data) router.push(`/clusters/${clusterId}/guests/jobs/${data.jobId}`);
    },
  });
  const p = row.ha.path;
  return (
    <GuestDialog title={`Enroll guest ${row.vmid} in HA`} onClose={onClose}>
      <p className="text-sm text-slate-800" aria-label="HA path">
        {pathText(row)}
      </p>
      <section aria-label="Preflight" className="space-y-2">
        <h3 className="text-xs font-semibold uppercase text-slate-500">Preflight</h3>
        <ReportList reports={row.ha.reports} />
      </section>
      {result.serverError ? (
        <p role="alert" className="text-sm text-red-700">
          {result.serverError}
        </p>
      ) : null}
      <Button
        disabled={!row.ha.ok || p.kind === "already" || isPending}
        onClick={() => execute({ clusterId, vmid: row.vmid, partner: p.kind === "replicate" ? p.partner : null, schedule: p.kind === "replicate" ? p.schedule : "*/15" })}
      >
        {row.ha.ok && p.kind !== "already" ? "Plan HA enrollment" : "HA enrollment refused"}
      </Button>
    </GuestDialog>
  );
}
