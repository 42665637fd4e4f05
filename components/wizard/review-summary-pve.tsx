import { pveStage2FromDraft } from "@/lib/wizard/desired-pve";
import type { TWizardDraft } from "@/lib/wizard/model";
import { NodeLinkAddresses } from "./review-summary";

// The Proxmox VE choices in one place before the plan: nodes and links, quorum, migration
// network, and the HA settings stage 2 will apply.
export function ReviewSummaryPve({ draft }: { draft: TWizardDraft }) {
  const ha = pveStage2FromDraft(draft);
  return (
    <section aria-label="Summary" className="grid gap-4 text-sm md:grid-cols-2">
      <div>
        <h3 className="mb-1 font-semibold">Proxmox VE nodes and links</h3>
        <ul className="space-y-1">
          {draft.nodes.map((n, i) => (
            <li key={n}>
              {i === 0 ? "pvecm create on" : "pvecm add from"} <span className="font-medium">{n}</span> —{" "}
              <NodeLinkAddresses draft={draft} node={n} />
            </li>
          ))}
        </ul>
        <p className="mt-2">
          Quorum:{" "}
          {draft.nodeCount === 3 ? "majority of 3 votes" : draft.quorum.mode === "qdevice" ? `QDevice on ${draft.quorum.witness ?? "?"} (pvecm qdevice setup)` : "two_node (wait_for_all)"}
        </p>
        <p className="mt-1">Migration network: {draft.network.migrationCidr ? <span className="font-mono text-xs">secure,network={draft.network.migrationCidr}</span> : "Proxmox default (the cluster network)"}</p>
      </div>
      <div>
        <h3 className="mb-1 font-semibold">Proxmox HA (stage 2)</h3>
        <ul className="space-y-1">
          <li>Fencing: HA watchdog, {ha.watchdogModule ? <span className="font-mono text-xs">{ha.watchdogModule}</span> : "softdog"}</li>
          {ha.group ? (
            <li className="font-mono text-xs">
              group {ha.group.id}: {ha.group.nodes.map((n) => (n.priority === null ? n.node : `${n.node}:${n.priority}`)).join(",")}
              {ha.group.restricted ? " restricted" : ""}
              {ha.group.nofailback ? " nofailback" : ""}
            </li>
          ) : (
            <li>No HA group.</li>
          )}
        </ul>
        <p className="mt-2 text-xs text-slate-600">Stage 2 is planned against the running cluster once stage 1 has formed it: you then confirm its exact commands and file changes.</p>
      </div>
    </section>
  );
}
