import { HealthBadge } from "@/components/clusters/health-badge";
import { Badge } from "@/components/ui/badge";
import type { THealthStatus } from "@/lib/health/model";
import { formatAgeMs, STALE_AFTER_INTERVALS } from "./age";

// The line above every live health view: the status, how old the data is, and why it is grey.
export function LiveStatus({ status, ageMs, stale, intervalMs, fetchError }: { status: THealthStatus; ageMs: number; stale: boolean; intervalMs: number; fetchError: string | null }) {
  return (
    <div className="flex flex-wrap items-center gap-3" role="status" aria-live="polite">
      {stale ? <Badge>Stale</Badge> : null}
      <span className={stale ? "opacity-60 grayscale" : undefined}>
        <HealthBadge status={status} />
      </span>
      <span suppressHydrationWarning className="text-xs text-slate-500">
        updated {formatAgeMs(ageMs)}
        {stale ? ` — the collector has not reported for more than ${Math.round((STALE_AFTER_INTERVALS * intervalMs) / 1000)} s` : ""}
      </span>
      {fetchError ? <span className="text-xs text-red-700">{fetchError}</span> : null}
    </div>
  );
}
