import { report, type TReport } from "@/lib/reports/report";
import type { THostProbe } from "./model";

// A host whose clock is off confuses corosync's timeouts, Ceph's monitors (which warn at 50 ms
// on their own) and every log comparison. Half a second is well past our measuring error.
export const CLOCK_DRIFT_WARN_MS = 500;

export function clockAlerts(probes: readonly THostProbe[]): TReport[] {
  return probes.flatMap((p) =>
    p.clockOffsetMs !== null && Math.abs(p.clockOffsetMs) > CLOCK_DRIFT_WARN_MS
      ? [report("warning", "HOST_CLOCK_DRIFT", `${p.host}'s clock is ${(Math.abs(p.clockOffsetMs) / 1000).toFixed(1)} s ${p.clockOffsetMs > 0 ? "ahead of" : "behind"} the panel's: check its time sync (chrony).`, { host: p.host, offsetMs: p.clockOffsetMs })]
      : [],
  );
}
