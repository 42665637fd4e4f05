import { fenceDeviceId, pacemakerFromDraft } from "@/lib/wizard/desired";
import type { TWizardContext, TWizardDraft } from "@/lib/wizard/model";

// What the admin chose, in one place, before the plan: nodes and their link addresses, the
// quorum mode, and the Pacemaker configuration stage 2 will write.
// One node's address on each corosync link, as both review summaries list them.
export function NodeLinkAddresses({ draft, node }: { draft: TWizardDraft; node: string }) {
  return draft.links.map((l, li) => (
    <span key={li} className="mr-2 font-mono text-xs">
      link{li} {l[node] ?? "?"}
    </span>
  ));
}

export function ReviewSummary({ ctx, draft }: { ctx: TWizardContext; draft: TWizardDraft }) {
  const pcmk = pacemakerFromDraft(draft, ctx.clusterName);
  return (
    <section aria-label="Summary" className="grid gap-4 text-sm md:grid-cols-2">
      <div>
        <h3 className="mb-1 font-semibold">Nodes and links</h3>
        <ul className="space-y-1">
          {draft.nodes.map((n, i) => (
            <li key={n}>
              node {i + 1}: <span className="font-medium">{n}</span> —{" "}
              <NodeLinkAddresses draft={draft} node={n} />
            </li>
          ))}
        </ul>
        <p className="mt-2">
          Quorum:{" "}
          {draft.nodeCount === 3 ? "majority of 3 votes" : draft.quorum.mode === "qdevice" ? `QDevice on ${draft.quorum.witness ?? "?"} (ffsplit)` : "two_node (wait_for_all)"}
        </p>
      </div>
      <div>
        <h3 className="mb-1 font-semibold">Pacemaker (stage 2)</h3>
        <ul className="space-y-1">
          {Object.entries(pcmk.properties ?? {}).map(([k, v]) => (
            <li key={k} className="font-mono text-xs">
              property {k}={v}
            </li>
          ))}
          {pcmk.stonith?.map((s) => (
            <li key={s.id} className="font-mono text-xs">
              stonith {fenceDeviceId(ctx.clusterName)} ({s.agent})
            </li>
          ))}
          {pcmk.primitives?.map((p) => (
            <li key={p.id} className="font-mono text-xs">
              primitive {p.id} {p.agent} {Object.entries(p.params ?? {}).map(([k, v]) => `${k}=${v}`).join(" ")}
            </li>
          ))}
          {pcmk.groups?.map((g) => (
            <li key={g.id} className="font-mono text-xs">
              group {g.id}: {g.members.join(", ")}
            </li>
          ))}
        </ul>
        <p className="mt-2 text-xs text-slate-600">
          Stage 2 is planned against the live CIB once stage 1 has formed the cluster: you then see its exact patch with crm_verify and crm_simulate before confirming it.
        </p>
      </div>
    </section>
  );
}
