import type { TDrbdStatus } from "@/agents/drbd/model";
import { Badge, type TTone } from "@/components/ui/badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { SyncBar } from "./sync-bar";

const DISK_TONE: Record<string, TTone> = { UpToDate: "ok", Inconsistent: "warn", Outdated: "warn", Diskless: "crit", Failed: "crit" };
const CONN_TONE: Record<string, TTone> = { Connected: "ok", StandAlone: "crit", Connecting: "warn", WFConnection: "warn" };

export function DrbdView({ model }: { model: TDrbdStatus }) {
  if (model.resources.length === 0) {
    return <p className="text-sm text-slate-600">DRBD {model.version ?? ""}: no configured resources in this capture.</p>;
  }
  return (
    <Table caption="DRBD resources">
      <thead className="bg-slate-50">
        <tr>
          <Th>Resource</Th>
          <Th>Role</Th>
          <Th>Disk</Th>
          <Th>Peer</Th>
          <Th>Connection</Th>
          <Th>Peer disk</Th>
          <Th>Sync</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {model.resources.flatMap((r, ri) =>
          (r.connections.length ? r.connections : [null]).map((c, ci) => {
            const pv = c?.volumes[0];
            return (
              <Tr key={`${ri}-${ci}`}>
                <Td className="font-medium">{r.name ?? `minor ${r.volumes[0]?.minor ?? "?"}`}</Td>
                <Td>{r.role}</Td>
                <Td>{r.volumes.map((v) => <Badge key={v.volume} tone={DISK_TONE[v.disk] ?? "neutral"}>{v.disk}</Badge>)}</Td>
                <Td>{c ? `${c.peer ?? "peer"} (${c.peerRole})` : "—"}</Td>
                <Td>{c ? <Badge tone={CONN_TONE[c.state] ?? (c.state.startsWith("Sync") ? "info" : "neutral")}>{c.state}</Badge> : "—"}</Td>
                <Td>{pv ? <Badge tone={DISK_TONE[pv.peerDisk] ?? "neutral"}>{pv.peerDisk}</Badge> : "—"}</Td>
                <Td>{pv?.syncPercent != null ? <SyncBar percent={pv.syncPercent} /> : (pv?.replication ?? "")}</Td>
              </Tr>
            );
          }),
        )}
      </tbody>
    </Table>
  );
}
