import type { TPacemakerResource } from "@/agents/pacemaker/model";
import { PacemakerNodeState } from "@/components/capture/pacemaker-view";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { drbdRows, pacemakerGroups, type TLinkPair } from "@/lib/health/layers";
import type { THealthPacemaker } from "@/lib/health/model";
import type { THealthDrbdResource } from "@/lib/health/model-drbd";
import { DrbdResources, eta, speed } from "./drbd-widget";

// The tables of the per-layer pages: everything the model holds for a layer.

const seen = (v: boolean | null) => (v === null ? <span className="text-slate-400">not reported</span> : v ? <Badge tone="ok">connected</Badge> : <Badge tone="crit">disconnected</Badge>);

export function LinkPairsTable({ pairs, caption = "Corosync links by node pair" }: { pairs: readonly TLinkPair[]; caption?: string }) {
  if (pairs.length === 0) return <p className="text-sm text-slate-600">No host reported its corosync links.</p>;
  return (
    <Table caption={caption}>
      <thead className="bg-slate-50">
        <tr>
          <Th>Nodes</Th>
          <Th>Link</Th>
          <Th>As the first sees the second</Th>
          <Th>As the second sees the first</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {pairs.flatMap((p) =>
          p.links.map((l) => (
            <Tr key={`${p.a}-${p.b}-${l.id}`}>
              <Td className="font-medium">
                {p.a} ↔ {p.b}
              </Td>
              <Td>link {l.id}</Td>
              <Td>{seen(l.aSeesB)}</Td>
              <Td>{seen(l.bSeesA)}</Td>
            </Tr>
          )),
        )}
      </tbody>
    </Table>
  );
}

function roleBadge(r: TPacemakerResource) {
  if (r.failed) return <Badge tone="crit">{r.role} (failed)</Badge>;
  if (r.role === "Stopped") return <Badge tone={r.targetRole?.toLowerCase() === "stopped" ? "neutral" : "warn"}>Stopped</Badge>;
  return <Badge tone="ok">{r.role}</Badge>;
}

export function PacemakerDetail({ pm }: { pm: THealthPacemaker }) {
  const groups = pacemakerGroups(pm.resources);
  return (
    <div className="space-y-4 text-sm">
      <p className="flex flex-wrap gap-2">
        {pm.quorate === null ? <Badge>quorum unknown</Badge> : pm.quorate ? <Badge tone="ok">quorate</Badge> : <Badge tone="crit">no quorum</Badge>}
        <span>DC: {pm.dc ?? "none"}</span>
        <span>· fencing {pm.stonithEnabled === null ? "unknown" : pm.stonithEnabled ? "enabled" : <span className="font-semibold text-amber-800">disabled</span>}</span>
        {pm.maintenanceMode ? <Badge tone="warn">cluster in maintenance mode</Badge> : null}
      </p>
      <Table caption="Pacemaker nodes">
        <thead className="bg-slate-50">
          <tr>
            <Th>Node</Th>
            <Th>State</Th>
            <Th>Resources running</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {pm.nodes.map((n) => (
            <Tr key={n.name}>
              <Td className="font-medium">
                {n.name}
                {n.remote ? " (remote)" : ""}
                {n.isDc ? <span className="ml-1 text-xs text-slate-500">DC</span> : null}
              </Td>
              <Td className="space-x-1">
                <PacemakerNodeState node={n} />
              </Td>
              <Td>{n.resourcesRunning ?? "—"}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      <Table caption="Pacemaker resources by group and clone">
        <thead className="bg-slate-50">
          <tr>
            <Th>Resource</Th>
            <Th>Agent</Th>
            <Th>Role</Th>
            <Th>Nodes</Th>
            <Th>Notes</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {groups.length === 0 ? (
            <Tr>
              <Td colSpan={5} className="text-slate-600">
                No resources configured.
              </Td>
            </Tr>
          ) : null}
          {groups.flatMap((g, gi) => [
            ...(g.id !== null
              ? [
                  <tr key={`g-${gi}`} className="bg-slate-50">
                    <Td colSpan={5} className="text-xs font-semibold uppercase tracking-wide text-slate-600">
                      {g.kind ?? "group"} {g.id}
                    </Td>
                  </tr>,
                ]
              : []),
            ...g.members.map((r, i) => (
              <Tr key={`${gi}-${r.id}-${i}`}>
                <Td className={g.id !== null ? "pl-6 font-medium" : "font-medium"}>{r.id}</Td>
                <Td className="font-mono text-xs">{r.agent ?? "—"}</Td>
                <Td className="space-x-1">
                  {roleBadge(r)}
                  {r.pending ? <Badge tone="info">{r.pending}</Badge> : null}
                </Td>
                <Td>{r.nodes.join(", ") || "—"}</Td>
                <Td className="space-x-1 text-xs">
                  {!r.managed ? <Badge tone="warn">unmanaged</Badge> : null}
                  {r.blocked ? <Badge tone="crit">blocked</Badge> : null}
                  {r.orphaned ? <Badge tone="warn">orphaned</Badge> : null}
                  {r.maintenance ? <Badge tone="warn">maintenance</Badge> : null}
                  {r.failureIgnored ? <Badge>failure ignored</Badge> : null}
                  {r.targetRole ? <span className="text-slate-600">target-role {r.targetRole}</span> : null}
                </Td>
              </Tr>
            )),
          ])}
        </tbody>
      </Table>
      {pm.failures.length === 0 ? (
        <p className="text-green-800">No failed actions recorded.</p>
      ) : (
        <Table caption="Failed actions">
          <thead className="bg-slate-50">
            <tr>
              <Th>Resource</Th>
              <Th>Operation</Th>
              <Th>Node</Th>
              <Th>Result</Th>
              <Th>When</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {pm.failures.map((f, i) => (
              <Tr key={i}>
                <Td className="font-medium">{f.resource}</Td>
                <Td>
                  {f.operation}
                  {f.intervalMs ? ` every ${f.intervalMs / 1000} s` : ""}
                </Td>
                <Td>{f.node ?? "—"}</Td>
                <Td>
                  <span className="font-mono text-xs">{f.exitStatus ?? f.status ?? "?"}</span>
                  {f.exitReason ? <span className="ml-1">{f.exitReason}</span> : null}
                </Td>
                <Td className="text-xs text-slate-600">{f.lastRcChange ?? "—"}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}

export function DrbdDetail({ resource }: { resource: THealthDrbdResource }) {
  const rows = drbdRows(resource);
  return (
    <div className="space-y-3 text-sm">
      <DrbdResources resources={[resource]} />
      <Table caption={`DRBD ${resource.resource} by host, volume and peer`}>
        <thead className="bg-slate-50">
          <tr>
            <Th>Host</Th>
            <Th>Role</Th>
            <Th>Volume</Th>
            <Th>Disk</Th>
            <Th>Peer</Th>
            <Th>Connection</Th>
            <Th>Peer disk</Th>
            <Th>Replication</Th>
            <Th>Sync</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r, i) => (
            <Tr key={i}>
              <Td className="font-medium">{r.host}</Td>
              <Td>{r.up ? (r.role ?? "?") : <Badge tone="crit">down</Badge>}</Td>
              <Td>
                {r.volume ?? "—"}
                {r.minor !== null ? <span className="ml-1 text-xs text-slate-500">minor {r.minor}</span> : null}
              </Td>
              <Td>{r.disk ?? "—"}</Td>
              <Td>{r.peer ?? "—"}</Td>
              <Td>{r.connection ?? "—"}</Td>
              <Td>{r.peerDisk ?? "—"}</Td>
              <Td>{r.replication ?? "—"}</Td>
              <Td className="whitespace-nowrap text-xs">
                {r.syncPercent !== null ? `${r.syncPercent.toFixed(1)}%${speed(r.syncSpeedKiBps)}${eta(r.etaSeconds)}` : r.outOfSyncKiB ? `${Math.round(r.outOfSyncKiB / 1024)} MiB out of sync` : "—"}
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      {resource.alerts.length ? (
        <ul className="space-y-0.5 text-xs">
          {resource.alerts.map((a, i) => (
            <li key={i}>
              <Badge tone={a.severity === "error" ? "crit" : a.severity === "warning" ? "warn" : "info"}>{a.severity}</Badge> {a.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
