import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { CLOCK_DRIFT_WARN_MS } from "@/lib/health/clock-drift";
import type { TClusterHealth } from "@/lib/health/model";
import { cn } from "@/lib/utils/cn";

export const hostHref = (clusterId: string, host: string) => `/clusters/${clusterId}/hosts/${encodeURIComponent(host)}`;

// One row per host: can the panel reach it, and which corosync peers it sees on each link.
export function HostsAndLinks({ model, clusterId }: { model: TClusterHealth; clusterId: string }) {
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {model.hosts.map((h) => {
        const links = model.links.find((l) => l.host === h.name);
        return (
          <li key={h.name} className="py-2">
            <div className="flex items-center justify-between gap-2">
              <Link href={hostHref(clusterId, h.name)} className="font-medium text-sky-800 hover:underline">
                {h.name}
              </Link>
              {h.reachable ? <Badge tone="ok">reachable · {h.durationMs} ms</Badge> : <Badge tone="crit">unreachable</Badge>}
              {h.clockOffsetMs !== null && Math.abs(h.clockOffsetMs) > CLOCK_DRIFT_WARN_MS ? (
                <Badge tone="warn">clock {h.clockOffsetMs > 0 ? "+" : ""}{(h.clockOffsetMs / 1000).toFixed(1)} s</Badge>
              ) : null}
            </div>
            {h.lastError ? <p className="mt-1 text-xs text-red-700">{h.lastError.message}</p> : null}
            {links ? (
              <ul className="mt-1 space-y-0.5">
                {links.links.map((l) => (
                  <li key={l.id} className="flex flex-wrap items-center gap-1 text-xs">
                    <span className="text-slate-500">link {l.id}{l.address ? ` ${l.address}` : ""}:</span>
                    {l.peers.map((p) => (
                      <span
                        key={p.nodeid}
                        title={p.connected ? "connected" : "disconnected"}
                        className={cn("rounded px-1.5 py-0.5 font-medium", p.connected ? "bg-green-100 text-green-800" : "bg-red-100 text-red-800")}
                      >
                        {p.connected ? "●" : "✕"} {p.name}
                      </span>
                    ))}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
