import { ParseError } from "../common/parse-error";
import type { TDrbdConnection, TDrbdPeerVolume, TDrbdResource, TDrbdStatus, TDrbdVolume } from "./model";
import {
  aggregateQuorum,
  byVolume,
  emptyPeerVolume,
  finiteOrNull,
  isDiskState,
  numberedLines,
  roleOf,
  splitKeyValue,
  validatedStatus,
} from "./status-common";

const FORMAT = "drbd-status";

type Target =
  | { kind: "resource" }
  | { kind: "device"; device: TDrbdVolume }
  | { kind: "connection" }
  | { kind: "peer-device"; peerDevice: TDrbdPeerVolume };

interface ConnectionDraft extends Omit<TDrbdConnection, "state"> {
  state: string | null;
  replicationSeen: Set<TDrbdPeerVolume>;
}

interface ResourceDraft extends Omit<TDrbdResource, "connections"> {
  connections: ConnectionDraft[];
}

// `drbdadm status` / `drbdsetup status [--verbose --statistics]` text of DRBD 9. Lines are read by
// what they hold, not by fixed indentation: a name opens a resource (at the outer indentation) or a
// connection; `volume:N` opens a device or a peer device; other key:value tokens belong to the
// object opened last, which also covers the LINBIT guide's wrapped continuation lines.
export function parseDrbdStatusText(input: string): TDrbdStatus {
  const lines = numberedLines(input);
  const resources: ResourceDraft[] = [];
  let resource: ResourceDraft | null = null;
  let connection: ConnectionDraft | null = null;
  let target: Target = { kind: "resource" };
  let baseIndent = 0;
  let sawNoDrbd = false;

  for (const { text, no } of lines) {
    const trimmed = text.trim();
    if (trimmed === "") continue;
    if (trimmed.startsWith("#")) {
      sawNoDrbd ||= /No currently configured DRBD found/i.test(trimmed);
      continue;
    }
    const indent = text.length - text.trimStart().length;
    const tokens = trimmed.split(/\s+/);
    const first = tokens[0] as string;
    let pairs: [string, string][];

    if (!first.includes(":")) {
      pairs = keyValues(tokens.slice(1), no);
      if (resource === null || indent <= baseIndent) {
        if (resource === null) baseIndent = indent;
        resource = newResource(first);
        resources.push(resource);
        connection = null;
        target = { kind: "resource" };
      } else {
        connection = newConnection(first);
        resource.connections.push(connection);
        target = { kind: "connection" };
      }
    } else {
      if (resource === null) throw new ParseError(FORMAT, `'${first}' before any resource name`, no);
      pairs = keyValues(tokens, no);
      const keys = new Set(pairs.map(([k]) => k));
      const volumeText = pairs.find(([k]) => k === "volume")?.[1];
      if (volumeText !== undefined) {
        const volume = intOf(volumeText, "volume", no);
        if (connection) {
          const peerDevice = emptyPeerVolume(volume, null);
          connection.volumes.push(peerDevice);
          target = { kind: "peer-device", peerDevice };
        } else {
          const device = newDevice(volume);
          resource.volumes.push(device);
          target = { kind: "device", device };
        }
      } else if (first.startsWith("node-id:") && !(target.kind === "connection" && connection?.peerNodeId === null)) {
        // A connection without a name prints `node-id:N` first.
        connection = newConnection(null);
        resource.connections.push(connection);
        target = { kind: "connection" };
      } else if (!connection && target.kind === "resource" && keys.has("disk")) {
        const device = newDevice(0);
        resource.volumes.push(device);
        target = { kind: "device", device };
      } else if (
        connection &&
        target.kind === "connection" &&
        (keys.has("peer-disk") || keys.has("replication") || keys.has("disk"))
      ) {
        const peerDevice = emptyPeerVolume(0, null);
        connection.volumes.push(peerDevice);
        target = { kind: "peer-device", peerDevice };
      }
    }
    for (const [key, value] of pairs) applyKey(resource, connection, target, key, value, no);
  }

  if (resources.length === 0) {
    if (sawNoDrbd) return validatedStatus(FORMAT, { version: null, resources: [] });
    throw new ParseError(FORMAT, "no DRBD resource found", null);
  }
  return validatedStatus(FORMAT, { version: null, resources: resources.map(finishResource) });
}

function keyValues(tokens: string[], no: number): [string, string][] {
  return tokens.map((t) => {
    const kv = splitKeyValue(t);
    if (!kv) throw new ParseError(FORMAT, `expected key:value, got '${t}'`, no);
    return kv;
  });
}

function intOf(value: string, key: string, no: number): number {
  if (!/^\d+$/.test(value)) throw new ParseError(FORMAT, `${key}:${value} is not a number`, no);
  return Number(value);
}

function numberOf(value: string, key: string, no: number): number | null {
  if (/^-?nan$/i.test(value)) return null;
  const n = Number(value);
  if (value === "" || Number.isNaN(n)) throw new ParseError(FORMAT, `${key}:${value} is not a number`, no);
  return finiteOrNull(n);
}

function diskOf(value: string, key: string, no: number): string {
  if (!isDiskState(value)) throw new ParseError(FORMAT, `unknown disk state ${key}:${value}`, no);
  return value;
}

function applyKey(
  resource: ResourceDraft,
  connection: ConnectionDraft | null,
  target: Target,
  key: string,
  value: string,
  no: number,
): void {
  switch (target.kind) {
    case "resource":
      if (key === "role") resource.role = roleOrThrow(value, no);
      else if (key === "node-id") resource.nodeId = intOf(value, key, no);
      else if (key === "suspended") resource.suspended = value !== "no";
      return;
    case "device":
      if (key === "disk") target.device.disk = diskOf(value, key, no);
      else if (key === "minor") target.device.minor = intOf(value, key, no);
      else if (key === "quorum") target.device.quorum = value === "yes";
      else if (key === "size") target.device.sizeKiB = intOf(value, key, no);
      return;
    case "connection":
      if (!connection) return;
      if (key === "connection") connection.state = value;
      else if (key === "role") connection.peerRole = roleOrThrow(value, no);
      else if (key === "node-id") connection.peerNodeId = intOf(value, key, no);
      return;
    case "peer-device": {
      const pd = target.peerDevice;
      // The guide's verbose output names the peer's disk `disk:` inside a peer-device line.
      if (key === "peer-disk" || key === "disk") pd.peerDisk = diskOf(value, key, no);
      else if (key === "replication") {
        pd.replication = value;
        connection?.replicationSeen.add(pd);
      } else if (key === "done") pd.syncPercent = numberOf(value, key, no);
      else if (key === "out-of-sync") pd.outOfSyncKiB = intOf(value, key, no);
      else if (key === "dbdt1") pd.syncSpeedKiBps = kibPerSecond(numberOf(value, key, no));
      else if (key === "eta") pd.etaSeconds = numberOf(value, key, no);
      return;
    }
  }
}

function kibPerSecond(mibPerSecond: number | null): number | null {
  return mibPerSecond === null ? null : Math.round(mibPerSecond * 1024);
}

function roleOrThrow(value: string, no: number) {
  const role = roleOf(value);
  if (!role) throw new ParseError(FORMAT, `unknown role '${value}'`, no);
  return role;
}

function newResource(name: string): ResourceDraft {
  return { name, nodeId: null, role: "Unknown", suspended: null, quorum: null, volumes: [], connections: [] };
}

function newConnection(peer: string | null): ConnectionDraft {
  return {
    peer,
    peerNodeId: null,
    state: null,
    peerRole: "Unknown",
    protocol: null,
    volumes: [],
    replicationSeen: new Set(),
  };
}

function newDevice(volume: number): TDrbdVolume {
  return { volume, minor: null, disk: "DUnknown", quorum: null, sizeKiB: null };
}

// drbdsetup prints `connection:` only when not Connected and `role:` only when Connected, and
// `replication:` only when not Established; fill in what the omission means.
function finishResource(r: ResourceDraft): TDrbdResource {
  const connections = r.connections.map((c): TDrbdConnection => {
    const state = c.state ?? "Connected";
    const quiet = state === "Connected" ? "Established" : "Off";
    const volumes =
      c.volumes.length > 0
        ? c.volumes.map((v) => (c.replicationSeen.has(v) ? v : { ...v, replication: quiet }))
        : r.volumes.map((v) => emptyPeerVolume(v.volume, "Off"));
    return {
      peer: c.peer,
      peerNodeId: c.peerNodeId,
      state,
      peerRole: c.peerRole,
      protocol: null,
      volumes: volumes.sort(byVolume),
    };
  });
  const volumes = [...r.volumes].sort(byVolume);
  return { ...r, quorum: aggregateQuorum(volumes), volumes, connections };
}
