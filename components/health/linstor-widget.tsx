import { summarizeLinstor } from "@/agents/linstor/status";
import { Badge, type TTone } from "@/components/ui/badge";
import type { THealthLinstor } from "@/lib/health/model-pve";

const DISK_TONE: Record<string, TTone> = { UpToDate: "ok", Diskless: "neutral", SyncTarget: "info", Inconsistent: "warn", Outdated: "warn" };

// LINSTOR's resources as the controller lists them: each replica's disk state by node, sync
// progress, and the peers a replica lost.
export function LinstorResources({ linstor }: { linstor: THealthLinstor }) {
  const s = summarizeLinstor(linstor.nodes, linstor.storagePools, linstor.resources);
  const nodes = [...new Set([...linstor.nodes.map((n) => n.name), ...s.resources.flatMap((r) => r.replicas.map((x) => x.node))])].sort();
  return (
    <div className="space-y-2 text-sm">
      <p className="flex flex-wrap gap-2">
        {nodes.map((n) => (
          <Badge key={n} tone={s.offlineNodes.includes(n) ? "crit" : "ok"}>
            {n}: {s.offlineNodes.includes(n) ? "offline" : "online"}
          </Badge>
        ))}
      </p>
      {s.resources.length === 0 ? (
        <p className="text-slate-600">No LINSTOR resources.</p>
      ) : (
        <table className="w-full text-xs">
          <caption className="sr-only">LINSTOR resources by node</caption>
          <thead>
            <tr className="text-left text-slate-600">
              <th className="font-medium">Resource</th>
              {nodes.map((n) => (
                <th key={n} className="font-medium">
                  {n}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {s.resources.map((r) => (
              <tr key={r.name}>
                <td className={r.healthy ? "font-mono" : "font-mono font-semibold text-red-800"}>{r.name}</td>
                {nodes.map((n) => {
                  const rep = r.replicas.find((x) => x.node === n);
                  if (!rep) return <td key={n} className="text-slate-400">—</td>;
                  return (
                    <td key={n}>
                      <Badge tone={DISK_TONE[rep.disk] ?? "crit"}>
                        {rep.disk}
                        {rep.syncPercent !== null ? ` ${rep.syncPercent}%` : ""}
                      </Badge>
                      {rep.inUse ? <span className="ml-1 text-slate-600">in use</span> : null}
                      {rep.disconnectedFrom?.length ? <span className="ml-1 text-red-800">lost {rep.disconnectedFrom.map((d) => d.peer).join(", ")}</span> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
