import { Badge, type TTone } from "@/components/ui/badge";
import { formatDuration } from "@/lib/format/duration";
import type { THealthCeph, THealthPve } from "@/lib/health/model-pve";

const REPL_TONE: Record<string, TTone> = { ok: "ok", pending: "info", failing: "crit", lagging: "warn", disabled: "neutral", unknown: "neutral" };

// Proxmox VE's own HA manager and storage replication, as one member sees them.
export function PveHaAndReplication({ pve }: { pve: THealthPve }) {
  const ha = pve.ha;
  return (
    <div className="space-y-3 text-sm">
      {ha ? (
        <div>
          <p>
            HA master: {ha.master ? `${ha.master.node} (${ha.master.state})` : <span className="text-amber-800">none active</span>}
            {ha.quorate ? null : <Badge tone="crit">no quorum</Badge>}
          </p>
          <ul className="mt-1 flex flex-wrap gap-2">
            {ha.lrms.map((l) => (
              <li key={l.node}>
                <Badge tone={!l.ok ? "crit" : l.maintenance ? "warn" : "ok"}>
                  {l.node}: {l.state}
                </Badge>
              </li>
            ))}
          </ul>
          {ha.services.length ? (
            <ul className="mt-1 text-xs text-slate-700">
              {ha.services.map((s) => (
                <li key={s.sid} className={s.ok ? undefined : "font-semibold text-red-800"}>
                  {s.sid}: {s.state}
                  {s.node ? ` on ${s.node}` : ""}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-xs text-slate-600">No HA resources.</p>
          )}
        </div>
      ) : (
        <p className="text-slate-600">The HA manager did not answer.</p>
      )}
      {pve.replication.length ? (
        <table className="w-full text-xs">
          <caption className="sr-only">Replication jobs</caption>
          <thead>
            <tr className="text-left text-slate-600">
              <th className="font-medium">Job</th>
              <th className="font-medium">To</th>
              <th className="font-medium">Last sync</th>
              <th className="font-medium">RPO</th>
              <th className="font-medium">State</th>
            </tr>
          </thead>
          <tbody>
            {pve.replication.map((j) => (
              <tr key={j.id}>
                <td className="font-mono">{j.id}</td>
                <td>{j.target ?? "?"}</td>
                <td>{j.lagSeconds !== null ? `${formatDuration(j.lagSeconds * 1000)} ago` : "never"}</td>
                <td>{j.rpoSeconds !== null ? formatDuration(j.rpoSeconds * 1000) : "—"}</td>
                <td>
                  <Badge tone={REPL_TONE[j.state] ?? "neutral"}>{j.state}</Badge>
                  {j.failCount ? ` ${j.failCount} failure(s)` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-xs text-slate-600">No replication jobs.</p>
      )}
    </div>
  );
}

const CEPH_TONE: Record<string, TTone> = { HEALTH_OK: "ok", HEALTH_WARN: "warn", HEALTH_ERR: "crit" };

export function CephSummary({ ceph }: { ceph: THealthCeph }) {
  const s = ceph.status;
  return (
    <div className="space-y-1 text-sm">
      <p>
        <Badge tone={CEPH_TONE[s.health ?? ""] ?? "neutral"}>{s.health ?? "unknown"}</Badge>{" "}
        <span className="text-slate-700">
          monitors {s.mons.inQuorum.length}/{s.mons.total ?? "?"} in quorum · OSDs {s.osds.up ?? "?"} up, {s.osds.in ?? "?"} in of {s.osds.total ?? "?"} · PGs{" "}
          {Object.entries(s.pgs.byState)
            .map(([state, n]) => `${n} ${state}`)
            .join(", ") || "—"}
        </span>
      </p>
      {s.checks.length ? (
        <ul className="text-xs text-slate-700">
          {s.checks.map((c) => (
            <li key={c.code ?? c.summary}>
              <span className="font-mono">{c.code ?? "check"}</span>: {c.summary}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
