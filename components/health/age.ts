// Data older than this many collector intervals is shown as stale: the collector stopped or
// lost its database, and what is on screen may no longer be true.
export const STALE_AFTER_INTERVALS = 3;

export function dataAge(snapshot: { takenAt: string; intervalMs: number }, now: number): { ageMs: number; stale: boolean } {
  const ageMs = Math.max(0, now - Date.parse(snapshot.takenAt));
  return { ageMs, stale: ageMs > STALE_AFTER_INTERVALS * snapshot.intervalMs };
}

export function formatAgeMs(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  return `${Math.floor(s / 3600)}h ago`;
}
