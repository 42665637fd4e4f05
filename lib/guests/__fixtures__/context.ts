import { clusterView } from "@/agents/proxmox/__fixtures__/cluster-view";
import type { TPveClusterView } from "@/agents/proxmox/cluster-view";
import type { THaManagerStatus } from "@/agents/proxmox/model-status";
import type { TPveReplicationState } from "@/agents/proxmox/parse-pve-replication-status";
import { buildGuestContext } from "../build-context";
import type { TGuestContext } from "../context";

// The agent's three-node fixture (pve1, pve2 online, pve3 offline) as a guest context, with
// replication 100-0 (pve1 → pve2) last synced NOW - 180 s unless told otherwise.
export const NOW = 1_700_000_000;

export function replState(id: string, over: Partial<TPveReplicationState> = {}): TPveReplicationState {
  return { id, guest: Number(id.split("-")[0]), source: "pve1", target: "pve2", schedule: "*/15", lastSync: NOW - 180, lastTry: NOW - 180, nextSync: NOW + 720, duration: 4.2, failCount: 0, error: null, ...over };
}

export function haStatus(lrms: { node: string; state: string }[], services: { sid: string; node: string; state: string }[] = []): THaManagerStatus {
  return {
    quorum: "OK",
    quorate: true,
    master: { node: "pve1", state: "active", time: null, crs: null },
    lrms: lrms.map((l) => ({ ...l, time: null })),
    services: services.map((s) => ({ ...s, type: s.sid.split(":")[0] ?? "vm", id: s.sid.split(":")[1] ?? "", vmid: Number(s.sid.split(":")[1]) })),
    full: null,
  };
}

export function guestContext(over: Partial<TPveClusterView> = {}, extra: { states?: TPveReplicationState[]; ha?: THaManagerStatus | null; cib?: string | null } = {}): TGuestContext {
  return buildGuestContext(
    { view: clusterView(over), replicationStates: extra.states ?? [replState("100-0")], ha: extra.ha ?? null, quorum: null, cibResources: extra.cib ?? null },
    NOW,
  );
}

// All three nodes online.
export function allOnline(): Partial<TPveClusterView> {
  const base = clusterView();
  return {
    resources: { ...base.resources, nodes: base.resources.nodes.map((n) => ({ ...n, status: "online", mem: 4 * 2 ** 30, maxmem: 16 * 2 ** 30 })) },
    status: { ...base.status, nodes: base.status.nodes.map((n) => ({ ...n, online: true })) },
  };
}

// Only pve1 and pve2, both online.
export function twoNodes(): Partial<TPveClusterView> {
  const base = clusterView();
  return {
    resources: { ...base.resources, nodes: base.resources.nodes.filter((n) => n.name !== "pve3") },
    status: { cluster: { name: "prod", version: 2, quorate: true, nodes: 2 }, nodes: base.status.nodes.filter((n) => n.name !== "pve3") },
  };
}
