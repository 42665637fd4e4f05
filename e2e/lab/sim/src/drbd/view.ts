import { isEstablished, link, peerHost, syncLeftKiB } from "./engine";
import type { TNode, TResourceFile, TRole, TVolume } from "./model";

// One host's view of a resource at a moment: what the kernel would report over netlink.
// Every output format is rendered from this.

export type TSyncView = { totalKiB: number; leftKiB: number; rateKiBps: number; startedAt: number };

export type TPeerDeviceView = {
  vnr: number;
  replication: string;
  peerDisk: string;
  peerClient: boolean;
  receivedKiB: number;
  sentKiB: number;
  outOfSyncKiB: number;
  sync: TSyncView | null;
};

export type TConnectionView = {
  name: string;
  nodeId: number | null;
  state: "StandAlone" | "Connecting" | "Connected";
  peerRole: TRole;
  protocol: string;
  paths: { local: string; remote: string; established: boolean }[];
  peerDevices: TPeerDeviceView[];
};

export type TResourceView = {
  name: string;
  nodeId: number | null;
  version: "9" | "8.4";
  role: TRole;
  // events2's may_promote: Secondary with UpToDate data reachable and no Primary peer.
  mayPromote: boolean;
  volumes: (TVolume & { quorum: boolean })[];
  connections: TConnectionView[];
};

export function resourceView(file: TResourceFile, host: string, now: number): TResourceView | null {
  const me = file.nodes[host];
  if (!me) return null;
  const connections = me.peers.map((peer): TConnectionView => {
    const other = peerHost(file, me, peer);
    const on = other !== null && isEstablished(file, host, other);
    const otherNode = other === null ? null : (file.nodes[other] as TNode);
    const lk = other === null ? null : link(file, host, other);
    const state = !peer.wantConnect ? "StandAlone" : on ? "Connected" : "Connecting";
    return {
      name: peer.name ?? other ?? "",
      nodeId: peer.nodeId,
      state,
      peerRole: on && otherNode ? otherNode.role : "Unknown",
      protocol: peer.net.protocol ?? "C",
      paths: peer.paths.map((p) => ({ ...p, established: on })),
      peerDevices: me.volumes.map((v): TPeerDeviceView => {
        const pv = on && otherNode ? (otherNode.volumes.find((x) => x.vnr === v.vnr) ?? null) : null;
        const sync = lk?.syncs.find((s) => s.vnr === v.vnr) ?? null;
        const left = sync ? syncLeftKiB(sync, now) : 0;
        const replication = !on ? "Off" : sync ? (sync.source === host ? "SyncSource" : "SyncTarget") : "Established";
        const oos = sync ? left : other === null ? 0 : (v.oos[other] ?? 0);
        return {
          vnr: v.vnr,
          replication,
          peerDisk: pv ? pv.disk : "DUnknown",
          peerClient: pv ? pv.client : false,
          receivedKiB: other === null ? 0 : (v.receivedKiB[other] ?? 0),
          sentKiB: other === null ? 0 : (v.sentKiB[other] ?? 0),
          outOfSyncKiB: oos,
          sync: sync ? { totalKiB: sync.totalKiB, leftKiB: left, rateKiBps: sync.rateKiBps, startedAt: sync.startedAt } : null,
        };
      }),
    };
  });
  const quorum = hasQuorum(me, connections);
  return {
    name: file.name,
    nodeId: me.nodeId,
    version: me.version,
    role: me.role,
    mayPromote:
      me.role === "Secondary" &&
      !connections.some((c) => c.peerRole === "Primary") &&
      me.volumes.every((v) => v.disk === "UpToDate" || connections.some((c) => c.peerDevices.some((p) => p.vnr === v.vnr && p.peerDisk === "UpToDate"))),
    volumes: me.volumes.map((v) => ({ ...v, quorum })),
    connections: connections.sort((a, b) => (a.nodeId ?? 0) - (b.nodeId ?? 0)),
  };
}

// `quorum majority` (or a number) counts this node plus the peers it is connected to.
function hasQuorum(me: TNode, connections: TConnectionView[]): boolean {
  const setting = me.options.quorum;
  if (setting === undefined || setting === "off") return true;
  const voters = connections.length + 1;
  const up = 1 + connections.filter((c) => c.state === "Connected").length;
  if (setting === "majority") return up * 2 > voters;
  if (setting === "all") return up === voters;
  const n = Number(setting);
  return Number.isFinite(n) ? up >= n : true;
}
