import type { TPveClusterView } from "@/agents/proxmox/cluster-view";
import type { THaManagerStatus } from "@/agents/proxmox/model-status";
import type { TReplicationHealth } from "@/agents/proxmox/replication/status";
import type { TQuorumFacts } from "./quorum";

// Everything the guest preflights read, probed once per page or plan (agents/proxmox/actions/
// guest-context.ts) and then judged by pure functions.
export type TGuestContext = {
  view: TPveClusterView;
  replication: TReplicationHealth[];
  ha: THaManagerStatus | null;
  quorum: TQuorumFacts;
  // Guests Pacemaker runs as resources: VMID → resource ids (one owner per failover).
  pacemaker: Record<number, string[]>;
};

export type TGuest = TPveClusterView["resources"]["guests"][number];

export const guestOf = (ctx: TGuestContext, vmid: number): TGuest | undefined => ctx.view.resources.guests.find((g) => g.vmid === vmid);

export function nodesInMaintenance(ctx: Pick<TGuestContext, "ha">): string[] {
  return (ctx.ha?.lrms ?? []).filter((l) => l.state.startsWith("maintenance")).map((l) => l.node);
}

export const mib = (bytes: number) => `${Math.floor(bytes / 2 ** 20)} MiB`;

export function ageText(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
