import type { TPacemakerStatus } from "@/agents/pacemaker/model";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";

// A node's state as crm_mon reports it, worst first; shared by the capture page and the
// dashboard's Pacemaker page.
export function PacemakerNodeState({ node: n }: { node: { unclean: boolean; online: boolean; pending: boolean; standby: boolean; maintenance: boolean } }) {
  return (
    <>
      {n.unclean ? <Badge tone="crit">UNCLEAN</Badge> : n.online ? <Badge tone="ok">online</Badge> : <Badge tone="crit">offline</Badge>}
      {n.pending ? <Badge tone="info">pending</Badge> : null}
      {n.standby ? <Badge tone="warn">standby</Badge> : null}
      {n.maintenance ? <Badge tone="warn">maintenance</Badge> : null}
    </>
  );
}

export function PacemakerView({ model }: { model: TPacemakerStatus }) {
  return (
    <div className="space-y-4">
      <p className="text-sm">
        Quorum:{" "}
        {model.quorate === null ? <Badge>unknown</Badge> : model.quorate ? <Badge tone="ok">quorate</Badge> : <Badge tone="crit">no quorum</Badge>}{" "}
        · DC: <span className="font-medium">{model.dc ?? "none"}</span>
      </p>
      <Table caption="Nodes">
        <thead className="bg-slate-50">
          <tr>
            <Th>Node</Th>
            <Th>State</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {model.nodes.map((n) => (
            <Tr key={n.name}>
              <Td className="font-medium">{n.name}{n.remote ? " (remote)" : ""}</Td>
              <Td className="space-x-1">
                <PacemakerNodeState node={n} />
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      <Table caption="Resources">
        <thead className="bg-slate-50">
          <tr>
            <Th>Resource</Th>
            <Th>Agent</Th>
            <Th>Role</Th>
            <Th>Nodes</Th>
            <Th>Parent</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {model.resources.map((r, i) => (
            <Tr key={`${r.id}-${i}`}>
              <Td className="font-medium">{r.id}</Td>
              <Td className="font-mono text-xs">{r.agent ?? "—"}</Td>
              <Td>
                {r.failed ? <Badge tone="crit">{r.role} (failed)</Badge> : r.role === "Stopped" ? <Badge tone="warn">Stopped</Badge> : <Badge tone="ok">{r.role}</Badge>}
                {!r.managed ? <> <Badge tone="warn">unmanaged</Badge></> : null}
              </Td>
              <Td>{r.nodes.join(", ") || "—"}</Td>
              <Td>{r.parent ?? ""}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      {model.failures.length ? (
        <div>
          <h3 className="mb-2 text-sm font-semibold text-red-800">Failed actions</h3>
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {model.failures.map((f, i) => (
              <li key={i}>
                {f.resource} {f.operation} on {f.node}
                {f.exitReason ? `: ${f.exitReason}` : ""}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
