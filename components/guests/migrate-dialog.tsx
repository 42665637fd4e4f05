"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useAction } from "next-safe-action/hooks";
import { ReportList } from "@/components/jobs/report-list";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { startGuestMigration } from "@/lib/actions/guests";
import type { TGuestPageRow } from "@/lib/guests/page-model";
import { GuestDialog } from "./guest-dialog";

// Pick a target (the suggested one first) and read its preflight before the button arms.
export function MigrateDialog({ clusterId, row, onClose }: { clusterId: string; row: TGuestPageRow; onClose: () => void }) {
  const router = useRouter();
  const first = row.targets.find((t) => t.suggested) ?? row.targets[0];
  const [target, setTarget] = useState(first?.node ?? "");
  const chosen = row.targets.find((t) => t.node === target);
  const { execute, result, isPending } = useAction(startGuestMigration, {
    onSuccess: ({ data }) => {
      if (data) router.push(`/clusters/${clusterId}/guests/jobs/${data.jobId}`);
    },
  });
  const what = row.type === "lxc" ? (row.status === "running" ? "restart migration: the container stops, moves and starts again" : "offline migration") : row.status === "running" ? "online (live) migration" : "offline migration";
  return (
    <GuestDialog title={`Migrate guest ${row.vmid}`} onClose={onClose}>
      {row.targets.length === 0 ? (
        <p className="text-sm text-slate-700">This cluster has no other node.</p>
      ) : (
        <>
          <Field id={`target-${row.vmid}`} label="Target node" hint={`From ${row.node ?? "?"}; ${what}.`}>
            <Select id={`target-${row.vmid}`} value={target} onChange={(e) => setTarget(e.target.value)}>
              {row.targets.map((t) => (
                <option key={t.node} value={t.node}>
                  {t.node}
                  {t.suggested ? " (suggested)" : ""} — {t.why}
                </option>
              ))}
            </Select>
          </Field>
          <section aria-label="Preflight" className="space-y-2">
            <h3 className="text-xs font-semibold uppercase text-slate-500">Preflight</h3>
            {chosen && chosen.reports.length === 0 ? <p className="text-sm text-green-800">All checks passed: target online and quorate, disks reachable, no host devices, memory fits.</p> : null}
            <ReportList reports={chosen?.reports ?? []} />
          </section>
          {result.serverError ? (
            <p role="alert" className="text-sm text-red-700">
              {result.serverError}
            </p>
          ) : null}
          <Button disabled={!chosen?.ok || isPending} onClick={() => execute({ clusterId, vmid: row.vmid, target })}>
            {chosen?.ok ? `Plan migration to ${target}` : "Migration refused"}
          </Button>
        </>
      )}
    </GuestDialog>
  );
}
