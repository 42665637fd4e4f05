import type { TPacemakerNode, TPacemakerResource } from "@/agents/pacemaker/model";
import type { TReport } from "@/lib/reports/report";
import { linkPairs, type TLinkPair } from "./layers";
import type { TClusterHealth } from "./model";

// Everything the model knows about one host, for its page. Pure.

export type THostDrbd = { resource: string; health: string; role: string | null; up: boolean; disks: string[]; peers: { peer: string; connection: string; peerDisk: string }[] };

export type THostHealth = {
  host: TClusterHealth["hosts"][number] | null;
  // Its corosync links as pairs with every other node, judged from both ends.
  links: TLinkPair[];
  pacemakerNode: TPacemakerNode | null;
  pacemakerResources: TPacemakerResource[];
  drbd: THostDrbd[];
  alerts: TReport[];
};

const named = (v: unknown, host: string): boolean => {
  if (v === host) return true;
  if (Array.isArray(v)) return v.some((x) => named(x, host));
  if (v !== null && typeof v === "object" && "node" in v) return (v as { node: unknown }).node === host;
  return false;
};

// The params that say which host an alert is about (see lib/health/derive.ts and the agents'
// reports): host, node, hosts, nodes (names or {node}), seenBy.
export function alertConcerns(a: Pick<TReport, "params">, host: string): boolean {
  return ["host", "node", "hosts", "nodes", "seenBy"].some((k) => named(a.params[k], host));
}

export function hostHealth(m: TClusterHealth, name: string): THostHealth {
  return {
    host: m.hosts.find((h) => h.name === name) ?? null,
    links: linkPairs(m.links).filter((p) => p.a === name || p.b === name),
    pacemakerNode: m.pacemaker?.nodes.find((n) => n.name === name) ?? null,
    pacemakerResources: (m.pacemaker?.resources ?? []).filter((r) => r.nodes.includes(name)),
    drbd: m.drbd.flatMap((r) => {
      const h = r.hosts.find((x) => x.host === name);
      if (!h) return [];
      return [
        {
          resource: r.resource,
          health: r.health,
          role: h.role,
          up: h.up,
          disks: h.disks.map((d) => `volume ${d.volume}: ${d.disk}`),
          peers: h.peers.map((p) => ({ peer: p.peer ?? "?", connection: p.connection, peerDisk: p.peerDisk })),
        },
      ];
    }),
    alerts: m.alerts.filter((a) => alertConcerns(a, name)),
  };
}
