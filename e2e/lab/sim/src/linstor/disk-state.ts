import type { TLinstorState, TResourceState } from "./state";
import { syncSeconds } from "./state";

export type TDiskState =
  | { kind: "UpToDate" }
  | { kind: "Inconsistent" }
  | { kind: "SyncTarget"; percent: number }
  | { kind: "Diskless" }
  | { kind: "Unknown" };

// The first tenth of the sync time a new replica is Inconsistent (DRBD still connecting and
// comparing bitmaps), then SyncTarget with a rising percentage, then UpToDate. Computed from the
// creation time so a later `linstor r l` shows progress without a background process.
export function diskState(state: TLinstorState, r: TResourceState, now: number): TDiskState {
  const node = state.nodes.find((n) => n.name === r.node);
  if (node && !node.online) return { kind: "Unknown" };
  if (isDiskless(r)) return { kind: "Diskless" };
  if (r.syncSource) return { kind: "UpToDate" };
  const total = syncSeconds(state) * 1000;
  const elapsed = now - r.createdAt;
  if (elapsed >= total) return { kind: "UpToDate" };
  const connecting = total * 0.1;
  if (elapsed < connecting) return { kind: "Inconsistent" };
  const percent = Math.floor(((elapsed - connecting) / (total - connecting)) * 10_000) / 100;
  return { kind: "SyncTarget", percent: Math.min(percent, 99.99) };
}

export function isDiskless(r: TResourceState): boolean {
  return r.flags.includes("DRBD_DISKLESS");
}

// As the satellite reports it: "SyncTarget(45.52%)" in both REST and the table.
export function diskStateText(s: TDiskState): string {
  return s.kind === "SyncTarget" ? `SyncTarget(${s.percent.toFixed(2)}%)` : s.kind;
}
