"use client";
import { useEffect } from "react";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import type { TWizardContext, TWizardDraft, TWizardIssue } from "@/lib/wizard/model";
import { issueFor } from "./issue-list";
import { MigrationNetwork } from "./migration-network";

// One address per node for each corosync link. Two links are recommended (knet fails over
// between them); the second is offered only when every node has a second address.
export function NetworkStep({ ctx, draft, update, issues }: { ctx: TWizardContext; draft: TWizardDraft; update: (f: (d: TWizardDraft) => TWizardDraft) => void; issues: TWizardIssue[] }) {
  const hosts = draft.nodes.map((n) => ctx.hosts.find((h) => h.name === n));
  const single = hosts.filter((h) => (h?.addresses.length ?? 0) < 2).map((h) => h?.name ?? "?");
  const links: Record<string, string>[] = draft.links.length === 0 ? [{}] : draft.links;
  // First visit: link 0 on the address the panel reaches each host at, when corosync can use it.
  useEffect(() => {
    if (draft.links.length > 0) return;
    const guess = Object.fromEntries(
      draft.nodes.flatMap((n) => {
        const h = ctx.hosts.find((x) => x.name === n);
        return h && h.addresses.some((a) => a.address === h.address) ? [[n, h.address]] : [];
      }),
    );
    update((d) => (d.links.length > 0 ? d : { ...d, links: [guess] }));
  }, [draft.links.length, draft.nodes, ctx.hosts, update]);
  const setAddr = (li: number, node: string, addr: string) =>
    update((d) => {
      const next = (d.links.length === 0 ? [{}] : d.links).map((l) => ({ ...l }));
      const link = next[li] ?? {};
      link[node] = addr;
      next[li] = link;
      return { ...d, links: next };
    });
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-700">
        corosync carries membership and quorum over these addresses. Use a dedicated network if you have one; two links are recommended so one cable or switch can fail.
      </p>
      {links.map((link, li) => (
        <fieldset key={li} className="space-y-3 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium">Link {li}{li === 0 ? " (required)" : " (second link)"}</legend>
          <div className="grid gap-3 md:grid-cols-3">
            {draft.nodes.map((node, ni) => {
              const host = hosts[ni];
              const id = `link${li}-${node}`;
              return (
                <Field key={node} id={id} label={`${node}, link ${li}`} error={issueFor(issues, `links.${li}.${node}`)}>
                  <Select id={id} value={link[node] ?? ""} aria-invalid={issueFor(issues, `links.${li}.${node}`) ? true : undefined} onChange={(e) => setAddr(li, node, e.target.value)}>
                    <option value="">Choose an address…</option>
                    {(host?.addresses ?? []).map((a) => (
                      <option key={`${a.iface}-${a.address}`} value={a.address}>
                        {a.address}/{a.prefixLength} on {a.iface}
                      </option>
                    ))}
                  </Select>
                </Field>
              );
            })}
          </div>
          {li === 1 ? (
            <button type="button" className="text-xs text-sky-700 underline" onClick={() => update((d) => ({ ...d, links: d.links.slice(0, 1) }))}>
              Remove the second link
            </button>
          ) : null}
        </fieldset>
      ))}
      {links.length < 2 ? (
        <div className="space-y-1">
          <button
            type="button"
            className="text-sm text-sky-700 underline disabled:cursor-not-allowed disabled:text-slate-400 disabled:no-underline"
            disabled={single.length > 0}
            aria-describedby="second-link-why"
            onClick={() => update((d) => ({ ...d, links: [...(d.links.length === 0 ? [{}] : d.links), {}] }))}
          >
            Add a second link (recommended)
          </button>
          <p id="second-link-why" className="text-xs text-slate-600">
            {single.length > 0
              ? `A second link needs a second address on every node; ${single.join(", ")} has only one (per its facts). One link works, but a single cable or switch failure then splits the cluster.`
              : "Use the replication network, or any second network between the nodes."}
          </p>
        </div>
      ) : null}
      {ctx.kind === "pve" ? <MigrationNetwork ctx={ctx} draft={draft} update={update} issues={issues} /> : null}
    </div>
  );
}
