"use client";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import type { TWizardContext, TWizardDraft, TWizardIssue } from "@/lib/wizard/model";
import { migrationCandidates } from "@/lib/wizard/network-pve";
import { issueFor } from "./issue-list";

// Proxmox VE only: the network live migrations copy guest memory and disks over. Offered are
// the networks every node has an address in (per their facts).
export function MigrationNetwork({ ctx, draft, update, issues }: { ctx: TWizardContext; draft: TWizardDraft; update: (f: (d: TWizardDraft) => TWizardDraft) => void; issues: TWizardIssue[] }) {
  const candidates = migrationCandidates(draft, ctx);
  const chosen = candidates.find((c) => c.cidr === draft.network.migrationCidr);
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium">Migration network</legend>
      <p className="text-sm text-slate-700">
        Live migrations copy a guest&apos;s memory (and local disks) between nodes: gigabytes that can crowd out corosync on a shared link. A separate network keeps them apart.
        Written to /etc/pve/datacenter.cfg as <span className="font-mono text-xs">migration: secure,network=…</span>.
      </p>
      <div className="max-w-md">
        <Field id="migration-network" label="Migration network" error={issueFor(issues, "network.migrationCidr")} hint={chosen ? Object.entries(chosen.addresses).map(([n, a]) => `${n} ${a}`).join(" · ") : undefined}>
          <Select id="migration-network" value={draft.network.migrationCidr ?? ""} onChange={(e) => update((d) => ({ ...d, network: { ...d.network, migrationCidr: e.target.value || null } }))}>
            <option value="">Proxmox default (the cluster network)</option>
            {candidates.map((c) => (
              <option key={c.cidr} value={c.cidr}>
                {c.cidr}
              </option>
            ))}
          </Select>
        </Field>
      </div>
    </fieldset>
  );
}
