import { errorReport, ReportError } from "@/lib/reports/report";
import type { Runner } from "@/lib/ssh/runner";
import { drbdResourceView, type TDrbdResourceView } from "./dashboard";
import { readDrbdResourceState } from "./probe";

// Follows a resync (initial sync, after a reconnect, after split-brain recovery) until every
// host is connected and UpToDate, reporting each snapshot. Read-only.

export function isInSync(view: TDrbdResourceView): boolean {
  return (
    view.hosts.every((h) => h.up) &&
    view.hosts.every((h) => h.disks.every((d) => d.disk === "UpToDate" || d.disk === "Diskless")) &&
    view.hosts.every((h) => h.peers.length > 0 && h.peers.every((p) => p.connection === "Connected" && (p.peerDisk === "UpToDate" || p.peerDisk === "Diskless")))
  );
}

export async function watchDrbdSync(
  runners: Readonly<Record<string, Runner>>,
  resource: { name: string; minors: readonly number[] },
  opts: { timeoutMs: number; everyMs?: number; onProgress?: (view: TDrbdResourceView) => void },
): Promise<TDrbdResourceView> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const states = await Promise.all(Object.entries(runners).map(async ([h, r]) => [h, await readDrbdResourceState(r, resource.name, resource.minors)] as const));
    const view = drbdResourceView(resource.name, Object.fromEntries(states));
    opts.onProgress?.(view);
    if (isInSync(view)) return view;
    if (Date.now() >= deadline) {
      throw new ReportError(
        errorReport("DRBD_SYNC_TIMEOUT", `${resource.name} was not in sync after ${Math.round(opts.timeoutMs / 1000)} s (${view.health}${view.sync?.percent != null ? `, ${view.sync.percent}%` : ""})`, {
          resource: resource.name,
          health: view.health,
        }),
      );
    }
    await new Promise((r) => setTimeout(r, opts.everyMs ?? 1000));
  }
}
