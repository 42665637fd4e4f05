"use client";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import type { TWizardContext, TWizardDraft, TWizardIssue } from "@/lib/wizard/model";
import { witnessUnavailableReason } from "@/lib/wizard/validate";
import { issueFor } from "./issue-list";

// Two nodes cannot form a majority after losing one: a QDevice on a third machine breaks the
// tie; two_node lets each node carry on alone, which is only safe with working fencing.
export function QuorumStep({ ctx, draft, update, issues }: { ctx: TWizardContext; draft: TWizardDraft; update: (f: (d: TWizardDraft) => TWizardDraft) => void; issues: TWizardIssue[] }) {
  if (draft.nodeCount === 3) {
    return <p className="text-sm text-slate-700">Three nodes: any two form a majority (2 of 3 votes), so the cluster keeps quorum when one node fails. Nothing to choose here.</p>;
  }
  const q = draft.quorum;
  const setQ = (patch: Partial<TWizardDraft["quorum"]>) => update((d) => ({ ...d, quorum: { ...d.quorum, ...patch } }));
  const candidates = ctx.hosts.filter((h) => !draft.nodes.includes(h.name));
  return (
    <fieldset className="space-y-4">
      <legend className="text-sm text-slate-700">Two nodes need a tie-breaker. Choose one:</legend>
      <label className="flex items-start gap-2 text-sm">
        <input type="radio" name="quorum-mode" className="mt-1" checked={q.mode === "qdevice"} onChange={() => setQ({ mode: "qdevice" })} />
        <span>
          <span className="font-medium">QDevice (recommended)</span>
          <span className="block text-slate-600">corosync-qnetd on a third machine gives the deciding vote (algorithm ffsplit). The witness needs no cluster software of its own.</span>
        </span>
      </label>
      {q.mode === "qdevice" ? (
        <div className="ml-6 max-w-md">
          <Field id="witness" label="Witness host (runs corosync-qnetd)" error={issueFor(issues, "quorum.witness")} hint="Any inventory host that is not one of the two nodes.">
            <Select id="witness" value={q.witness ?? ""} onChange={(e) => setQ({ witness: e.target.value || null })}>
              <option value="">Choose a host…</option>
              {candidates.map((h) => {
                const why = witnessUnavailableReason(h, draft, ctx.clusterId);
                return (
                  <option key={h.id} value={h.name} disabled={why !== null}>
                    {h.name} ({h.address}){why ? ` — not available: ${why}` : ""}
                  </option>
                );
              })}
            </Select>
          </Field>
        </div>
      ) : null}
      <label className="flex items-start gap-2 text-sm">
        <input type="radio" name="quorum-mode" className="mt-1" checked={q.mode === "two_node"} onChange={() => setQ({ mode: "two_node", witness: null })} />
        <span>
          <span className="font-medium">two_node</span>
          <span className="block text-slate-600">No third machine. Read the consequences first.</span>
        </span>
      </label>
      {q.mode === "two_node" ? (
        <div className="ml-6 space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          <ul className="list-disc space-y-1 pl-5">
            <li>Each node keeps quorum alone when the other disappears: a broken link between them looks like a dead peer to both (split brain).</li>
            <li>Only fencing decides which node survives a split: the nodes race to fence each other. Without working fencing both may run the same resources and corrupt data.</li>
            <li>wait_for_all is on: after a cold start of both nodes, neither runs resources until both have been seen once.</li>
          </ul>
          <label className="flex items-center gap-2 font-medium">
            <input type="checkbox" checked={q.twoNodeAcknowledged} onChange={(e) => setQ({ twoNodeAcknowledged: e.target.checked })} />I understand these consequences and will configure fencing
          </label>
        </div>
      ) : null}
    </fieldset>
  );
}
