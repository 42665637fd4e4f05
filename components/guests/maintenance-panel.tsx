"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useAction } from "next-safe-action/hooks";
import { ReportList } from "@/components/jobs/report-list";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { startNodeMaintenance } from "@/lib/actions/guests";
import type { TNodePageRow } from "@/lib/guests/page-model";
import { MIN_FORCE_REASON } from "@/lib/validations/guests";

// One node's maintenance: the preflight (quorum effect, which guests move where, which stay)
// and the button. A refusal that breaks quorum can be forced only with a written reason.
export function MaintenancePanel({ clusterId, node, canOperate }: { clusterId: string; node: TNodePageRow; canOperate: boolean }) {
  const router = useRouter();
  const [force, setForce] = useState(false);
  const [reason, setReason] = useState("");
  const { execute, result, isPending } = useAction(startNodeMaintenance, {
    onSuccess: ({ data }) => {
      if (data) router.push(`/clusters/${clusterId}/guests/jobs/${data.jobId}`);
    },
  });
  const pre = node.preflight;
  const breaks = pre.reports.some((r) => r.code === "GUESTS_MAINT_BREAKS_QUORUM");
  const otherErrors = pre.reports.some((r) => r.severity === "error" && r.code !== "GUESTS_MAINT_BREAKS_QUORUM");
  const armed = canOperate && !isPending && !otherErrors && (!breaks || (force && reason.trim().length >= MIN_FORCE_REASON));
  return (
    <section aria-label={`Maintenance of ${node.name}`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h3 className="flex items-center gap-2 text-sm font-semibold">
        {node.name}
        <Badge tone={node.online ? "ok" : "crit"}>{node.online ? "online" : "offline"}</Badge>
        {node.maintenance ? <Badge tone="warn">maintenance</Badge> : null}
        <span className="text-xs font-normal text-slate-500">{node.guests} guest(s)</span>
      </h3>
      {pre.enable && pre.moves.length > 0 ? (
        <ul className="text-sm text-slate-700" aria-label={`Moves off ${node.name}`}>
          {pre.moves.map((m) => (
            <li key={m.vmid}>
              Guest {m.vmid}
              {m.name ? ` (${m.name})` : ""} → {m.target}
            </li>
          ))}
        </ul>
      ) : null}
      <ReportList reports={pre.reports} />
      {breaks ? (
        <div className="space-y-2">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
            Force it anyway
          </label>
          {force ? (
            <Field id={`reason-${node.name}`} label="Why (kept in the audit log)">
              <Input id={`reason-${node.name}`} value={reason} onChange={(e) => setReason(e.target.value)} />
            </Field>
          ) : null}
        </div>
      ) : null}
      {result.serverError ? (
        <p role="alert" className="text-sm text-red-700">
          {result.serverError}
        </p>
      ) : null}
      <Button
        variant={pre.enable ? "secondary" : "primary"}
        disabled={!armed}
        onClick={() => execute({ clusterId, node: node.name, enable: pre.enable, force: breaks && force, reason: breaks && force ? reason : null })}
      >
        {pre.enable ? `Enter maintenance on ${node.name}` : `Leave maintenance on ${node.name}`}
      </Button>
    </section>
  );
}
