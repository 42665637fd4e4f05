"use client";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { formatBytes } from "@/lib/hosts/facts-summary";
import type { TWizardContext, TWizardDraft, TWizardHost } from "@/lib/wizard/model";
import { hostUnavailableReason } from "@/lib/wizard/validate";
import { AddHostPanel } from "./add-host-panel";
import { PrecheckResults, type TPrecheckOutcome } from "./precheck-results";

// Pick the nodes (in node-id order) from the inventory, or add one here first. A host that
// cannot be used says why next to its disabled checkbox, and each shows the addresses and
// free disks its facts list (what the Network and Storage steps offer). The prechecks read
// every picked host and ping between them.
export function HostsStep(props: {
  ctx: TWizardContext;
  draft: TWizardDraft;
  update: (f: (d: TWizardDraft) => TWizardDraft) => void;
  precheckJobId: string | null;
  onPrecheck: () => void;
  precheckPending: boolean;
  precheckError: string | undefined;
  onOutcome: (o: TPrecheckOutcome) => void;
}) {
  const { ctx, draft, update, precheckJobId, onPrecheck, precheckPending, precheckError, onOutcome } = props;
  const full = draft.nodes.length >= draft.nodeCount;
  return (
    <div className="space-y-6">
      <fieldset className="space-y-2">
        <legend className="mb-2 text-sm text-slate-700">
          Pick {draft.nodeCount} hosts from the <a className="text-sky-700 underline" href="/hosts">inventory</a>. A host that is not there yet can be added below.
        </legend>
        {ctx.hosts.length === 0 ? <p className="text-sm text-slate-600">The inventory is empty.</p> : null}
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {ctx.hosts.map((h) => {
            const picked = draft.nodes.indexOf(h.name);
            const why = hostUnavailableReason(h, ctx.clusterId) ?? (picked < 0 && full ? `already ${draft.nodeCount} hosts picked` : null);
            const id = `pick-${h.name}`;
            return (
              <li key={h.id} className="flex items-start gap-3 px-3 py-2">
                <input
                  id={id}
                  type="checkbox"
                  className="mt-1"
                  checked={picked >= 0}
                  disabled={picked < 0 && why !== null}
                  aria-describedby={`${id}-why`}
                  onChange={(e) =>
                    update((d) => ({ ...d, nodes: e.target.checked ? [...d.nodes, h.name] : d.nodes.filter((n) => n !== h.name) }))
                  }
                />
                <div className="flex-1 text-sm">
                  <label htmlFor={id} className="font-medium">
                    {h.name}
                  </label>{" "}
                  <span className="font-mono text-xs text-slate-600">{h.address}</span>{" "}
                  {picked >= 0 ? <Badge tone="info">node {picked + 1}</Badge> : null}{" "}
                  {h.lastError ? <Badge tone="crit">last connection failed</Badge> : null}
                  <p id={`${id}-why`} className="text-xs text-slate-600">
                    {why && picked < 0 ? `Not available: ${why}.` : [h.os, h.corosyncVersion ? `corosync ${h.corosyncVersion}` : "corosync not installed", h.pacemakerVersion ? `pacemaker ${h.pacemakerVersion}` : "pacemaker not installed"].filter(Boolean).join(" · ")}
                  </p>
                  {h.factsAt ? <HostResources host={h} /> : null}
                  {h.lastError ? <p className="text-xs text-red-700">{h.lastError}</p> : null}
                </div>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <AddHostPanel startOpen={ctx.hosts.length === 0} />
      <div className="space-y-3">
        <div className="flex items-center gap-3">
          <Button variant="secondary" disabled={precheckPending || draft.nodes.length === 0} onClick={onPrecheck}>
            Run prechecks
          </Button>
          <span className="text-xs text-slate-600">Read-only: reads each host&apos;s facts and pings between the hosts.</span>
        </div>
        {precheckError ? (
          <p role="alert" className="text-sm text-red-700">
            {precheckError}
          </p>
        ) : null}
        {precheckJobId ? <PrecheckResults key={precheckJobId} jobId={precheckJobId} onOutcome={onOutcome} /> : null}
      </div>
    </div>
  );
}

// Per interface, the addresses corosync could use; the disks nothing uses yet.
function HostResources({ host }: { host: TWizardHost }) {
  const byIface = new Map<string, string[]>();
  for (const a of host.addresses) byIface.set(a.iface, [...(byIface.get(a.iface) ?? []), `${a.address}/${a.prefixLength}`]);
  const nics = [...byIface].map(([iface, addrs]) => `${iface} ${addrs.join(", ")}`);
  const disks = host.freeDisks.map((d) => `${d.name} (${formatBytes(d.sizeBytes)})`);
  return (
    <dl className="mt-1 grid grid-cols-[6rem_1fr] gap-x-2 text-xs">
      <dt className="text-slate-500">Addresses</dt>
      <dd aria-label={`${host.name} addresses`} className="font-mono text-slate-800">
        {nics.length > 0 ? nics.join(" · ") : "none usable (no global address on an interface that is up)"}
      </dd>
      <dt className="text-slate-500">Free disks</dt>
      <dd aria-label={`${host.name} free disks`} className="font-mono text-slate-800">
        {disks.length > 0 ? disks.join(" · ") : "none"}
      </dd>
    </dl>
  );
}
