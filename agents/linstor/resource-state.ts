import type { TLinstorVolume } from "./model";

// Disk state strings as LINSTOR prints them: DRBD's words, with a sync in progress written
// "SyncTarget(97.93%)" (the satellite's diskStateInfo, in both REST and the table).
export function splitDiskState(raw: string): { state: string; syncPercent: number | null } {
  const m = /^(\w+)\((\d+(?:\.\d+)?)%\)$/.exec(raw.trim());
  if (m) return { state: m[1] ?? raw, syncPercent: Number(m[2]) };
  return { state: raw.trim() === "DUnknown" ? "Unknown" : raw.trim(), syncPercent: null };
}

const DISKLESS_FLAGS = ["DISKLESS", "DRBD_DISKLESS", "NVME_INITIATOR", "EBS_INITIATOR", "TIE_BREAKER"];

export function hasDisklessFlag(flags: string[]): boolean {
  return flags.some((f) => DISKLESS_FLAGS.includes(f));
}

// Higher is worse. A Diskless volume on a resource meant to have a disk is a detached disk,
// which is worse than a stale one; an intended Diskless client is healthy.
const RANK: Record<string, number> = {
  Failed: 100,
  Inconsistent: 90,
  Outdated: 80,
  Unknown: 70,
  Consistent: 50,
  SyncTarget: 40,
  Diskless: 10,
  UpToDate: 0,
  Created: 0,
};

function rank(state: string, intendedDiskless: boolean): number {
  if (state === "Diskless" && !intendedDiskless) return 95;
  return RANK[state] ?? 60;
}

// The state linstor's own `resource list` shows: deletion and inactivity first, "Created" for
// resources with no DRBD layer, otherwise the worst volume's disk state ("Unknown" when no volume
// reports one, e.g. satellite offline).
export function resourceState(flags: string[], volumes: TLinstorVolume[], hasDrbd: boolean): string {
  if (flags.includes("DELETE") || flags.includes("DRBD_DELETE")) return "DELETING";
  if (flags.includes("INACTIVE")) return "INACTIVE";
  if (!hasDrbd) return "Created";
  const intended = hasDisklessFlag(flags);
  const states = volumes.map((v) => v.diskState).filter((s): s is string => s !== null);
  if (states.length === 0) return "Unknown";
  return states.reduce((worst, s) => (rank(s, intended) > rank(worst, intended) ? s : worst));
}

export function lowestSyncPercent(volumes: TLinstorVolume[]): number | null {
  const values = volumes.map((v) => v.syncPercent).filter((p): p is number => p !== null);
  return values.length === 0 ? null : Math.min(...values);
}
