import { Badge, type TTone } from "@/components/ui/badge";
import type { THealthDrbdResource } from "@/lib/health/model-drbd";

const TONE: Record<THealthDrbdResource["health"], TTone> = { ok: "ok", syncing: "info", degraded: "warn", "split-brain": "crit", down: "crit" };

export function eta(seconds: number | null): string {
  if (seconds === null) return "";
  if (seconds < 90) return `, ${Math.round(seconds)} s left`;
  if (seconds < 5400) return `, ${Math.round(seconds / 60)} min left`;
  return `, ${(seconds / 3600).toFixed(1)} h left`;
}

export const speed = (kibps: number | null) => (kibps === null ? "" : ` at ${kibps >= 1024 ? `${(kibps / 1024).toFixed(1)} MiB/s` : `${Math.round(kibps)} KiB/s`}`);

// One row per DRBD resource: its state, each host's role and disk, and a progress bar while a
// resync runs (the slowest one, which is what decides when the data is safe again).
export function DrbdResources({ resources }: { resources: readonly THealthDrbdResource[] }) {
  if (resources.length === 0) return <p className="text-sm text-slate-600">No DRBD resource is up on any host.</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {resources.map((r) => (
        <li key={r.resource} className="py-2">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-mono font-medium">{r.resource}</span>
            <Badge tone={TONE[r.health]}>{r.health}</Badge>
            {r.hosts.map((h) => (
              <span key={h.host} className="text-xs text-slate-700">
                {h.host}: {h.up ? `${h.role ?? "?"} / ${h.disks.map((d) => d.disk).join(", ") || "no disk"}` : "down"}
                {h.peers.length ? ` (${[...new Set(h.peers.map((p) => p.connection))].join(", ")})` : ""}
              </span>
            ))}
          </div>
          {r.sync ? (
            <div className="mt-1.5">
              <div
                role="progressbar"
                aria-label={`Resync of ${r.resource}`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={r.sync.percent ?? undefined}
                className="h-2 w-full overflow-hidden rounded bg-slate-200"
              >
                <div className="h-2 bg-sky-600 transition-[width] duration-700" style={{ width: `${r.sync.percent ?? 0}%` }} />
              </div>
              <p className="mt-0.5 text-xs text-slate-600">
                {r.sync.percent !== null ? `${r.sync.percent.toFixed(1)}%` : "starting"}
                {speed(r.sync.speedKiBps)}
                {eta(r.sync.etaSeconds)}
                {r.sync.outOfSyncKiB !== null ? ` · ${Math.round(r.sync.outOfSyncKiB / 1024)} MiB out of sync` : ""}
              </p>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
