import type { TPacemakerParentKind, TPacemakerResource } from "@/agents/pacemaker/model";
import type { TClusterHealth, THealthHostLinks } from "./model";
import type { THealthDrbdResource } from "./model-drbd";

// The per-layer detail pages: which layers a cluster has, and the model's layers reshaped for
// their tables. Pure.

export const HEALTH_LAYERS = ["quorum", "pacemaker", "drbd", "pve", "ceph", "linstor"] as const;
export type THealthLayer = (typeof HEALTH_LAYERS)[number];

export const LAYER_TITLE: Record<THealthLayer, string> = {
  quorum: "Quorum and corosync links",
  pacemaker: "Pacemaker",
  drbd: "DRBD",
  pve: "Proxmox HA and replication",
  ceph: "Ceph",
  linstor: "LINSTOR",
};

export const isHealthLayer = (s: string): s is THealthLayer => (HEALTH_LAYERS as readonly string[]).includes(s);

// Only the layers this cluster has: a page for Ceph on a cluster without Ceph would only say "nothing".
export function layersOf(m: TClusterHealth): THealthLayer[] {
  const has: Record<THealthLayer, boolean> = {
    quorum: m.quorum !== null || m.links.length > 0,
    pacemaker: m.pacemaker !== null,
    drbd: m.drbd.length > 0,
    pve: m.pve !== null,
    ceph: m.ceph !== null,
    linstor: m.linstor !== null,
  };
  return HEALTH_LAYERS.filter((l) => has[l]);
}

export type TLinkPair = {
  a: string;
  b: string;
  // Per corosync link: whether each end sees the other on it (null: that end did not report it).
  links: { id: number; aSeesB: boolean | null; bSeesA: boolean | null }[];
};

// Corosync links per node pair, judged from both ends (a link is only "down" as one end sees it).
export function linkPairs(views: readonly THealthHostLinks[]): TLinkPair[] {
  const pairs = new Map<string, TLinkPair>();
  for (const v of views) {
    for (const l of v.links) {
      for (const p of l.peers) {
        if (p.name === v.host || p.nodeid === v.nodeid) continue;
        const [a, b] = [v.host, p.name].sort() as [string, string];
        const key = `${a}\u0000${b}`;
        const pair = pairs.get(key) ?? { a, b, links: [] };
        let link = pair.links.find((x) => x.id === l.id);
        if (!link) {
          link = { id: l.id, aSeesB: null, bSeesA: null };
          pair.links.push(link);
        }
        if (v.host === a) link.aSeesB = p.connected;
        else link.bSeesA = p.connected;
        pairs.set(key, pair);
      }
    }
  }
  for (const p of pairs.values()) p.links.sort((x, y) => x.id - y.id);
  return [...pairs.values()].sort((x, y) => x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
}

export type TPacemakerGroup = { id: string | null; kind: TPacemakerParentKind | null; members: TPacemakerResource[] };

// Resources under their clone, group or bundle (members of a cloned group under the clone),
// in crm_mon's order; plain primitives each on their own.
export function pacemakerGroups(resources: readonly TPacemakerResource[]): TPacemakerGroup[] {
  const out: TPacemakerGroup[] = [];
  const byId = new Map<string, TPacemakerGroup>();
  for (const r of resources) {
    const id = r.cloneId ?? r.parent;
    if (id === null) {
      out.push({ id: null, kind: null, members: [r] });
      continue;
    }
    let g = byId.get(id);
    if (!g) {
      g = { id, kind: r.cloneId !== null ? "clone" : r.parentKind, members: [] };
      byId.set(id, g);
      out.push(g);
    }
    g.members.push(r);
  }
  return out;
}

export type TDrbdRow = {
  host: string;
  up: boolean;
  role: string | null;
  volume: number | null;
  minor: number | null;
  disk: string | null;
  peer: string | null;
  connection: string | null;
  peerRole: string | null;
  peerDisk: string | null;
  replication: string | null;
  syncPercent: number | null;
  syncSpeedKiBps: number | null;
  etaSeconds: number | null;
  outOfSyncKiB: number | null;
};

// One row per host, volume and peer: everything DRBD says about a resource, as one table.
export function drbdRows(r: THealthDrbdResource): TDrbdRow[] {
  const none = { peer: null, connection: null, peerRole: null, peerDisk: null, replication: null, syncPercent: null, syncSpeedKiBps: null, etaSeconds: null, outOfSyncKiB: null };
  return r.hosts.flatMap((h): TDrbdRow[] => {
    const base = { host: h.host, up: h.up, role: h.role };
    if (!h.up) return [{ ...base, volume: null, minor: null, disk: null, ...none }];
    const volumes = [...new Set([...h.disks.map((d) => d.volume), ...h.peers.map((p) => p.volume)])].sort((a, b) => a - b);
    return volumes.flatMap((vol): TDrbdRow[] => {
      const d = h.disks.find((x) => x.volume === vol);
      const disk = { volume: vol, minor: d?.minor ?? null, disk: d?.disk ?? null };
      const peers = h.peers.filter((p) => p.volume === vol);
      if (peers.length === 0) return [{ ...base, ...disk, ...none }];
      return peers.map((p) => ({
        ...base,
        ...disk,
        peer: p.peer,
        connection: p.connection,
        peerRole: p.peerRole,
        peerDisk: p.peerDisk,
        replication: p.replication,
        syncPercent: p.syncPercent,
        syncSpeedKiBps: p.syncSpeedKiBps,
        etaSeconds: p.etaSeconds,
        outOfSyncKiB: p.outOfSyncKiB,
      }));
    });
  });
}
