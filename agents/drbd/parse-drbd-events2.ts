import { ParseError } from "../common/parse-error";
import type { TDrbdConnection, TDrbdPeerVolume, TDrbdResource, TDrbdStatus, TDrbdVolume } from "./model";
import {
  aggregateQuorum,
  byVolume,
  emptyPeerVolume,
  finiteOrNull,
  numberedLines,
  roleOf,
  validatedStatus,
} from "./status-common";

const FORMAT = "drbd-events2";
const VERBS = new Set(["exists", "create", "change", "destroy"]);
const IGNORED_VERBS = new Set(["call", "response"]);
const TIMESTAMP = /^\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:?\d\d)?$/;

interface EventRecord {
  verb: string;
  object: string;
  tokens: string[];
  no: number;
  indent: number;
}

interface ConnectionState {
  peer: string | null;
  peerNodeId: number | null;
  state: string;
  peerRole: TDrbdConnection["peerRole"];
  peerDevices: Map<number, TDrbdPeerVolume>;
}

interface ResourceState {
  name: string;
  role: TDrbdResource["role"];
  suspended: boolean | null;
  devices: Map<number, TDrbdVolume>;
  connections: Map<string, ConnectionState>;
}

// `drbdsetup events2 [--now] [--statistics] [--diff] [--timestamp]`: replays every record onto
// a map of objects and returns the state after the last one. Continuation lines (the guide wraps
// long records) are indented deeper than their record and are joined to it.
export function parseDrbdEvents2(input: string): TDrbdStatus {
  const resources = new Map<string, ResourceState>();
  let recognized = 0;
  let pending: EventRecord | null = null;

  const flush = () => {
    if (pending) applyRecord(resources, pending);
    pending = null;
  };

  for (const { text, no } of numberedLines(input)) {
    const trimmed = text.trim();
    if (trimmed === "" || /^\.+$/.test(trimmed)) continue;
    const indent = text.length - text.trimStart().length;
    const tokens = trimmed.split(/\s+/);
    const current: EventRecord | null = pending;
    if (current && indent > current.indent) {
      current.tokens.push(...tokens);
      continue;
    }
    flush();
    const head = tokens[0] ?? "";
    if (head.charCodeAt(0) <= 57 && TIMESTAMP.test(head)) tokens.shift();
    const verb = tokens[0] ?? "";
    if (IGNORED_VERBS.has(verb)) {
      recognized++;
      continue;
    }
    if (!VERBS.has(verb) || tokens.length < 2) {
      throw new ParseError(FORMAT, `not an events2 record: '${trimmed.slice(0, 60)}'`, no);
    }
    recognized++;
    if (tokens[1] === "-") continue;
    pending = { verb, object: tokens[1] as string, tokens: tokens.slice(2), no, indent };
  }
  flush();
  if (recognized === 0) throw new ParseError(FORMAT, "no events2 records", null);
  return validatedStatus(FORMAT, { version: null, resources: [...resources.values()].map(finishResource) });
}

function fieldsOf(record: EventRecord): Map<string, string> {
  const fields = new Map<string, string>();
  for (const token of record.tokens) {
    const at = token.indexOf(":");
    if (at <= 0) throw new ParseError(FORMAT, `expected key:value, got '${token}'`, record.no);
    // --diff prints `key:old->new`; the new value is what holds after this record.
    const arrow = token.lastIndexOf("->");
    fields.set(token.slice(0, at), token.slice(arrow > at ? arrow + 2 : at + 1));
  }
  return fields;
}

function intField(fields: Map<string, string>, key: string, no: number): number {
  const value = fields.get(key);
  if (value === undefined || !/^\d+$/.test(value)) {
    throw new ParseError(FORMAT, `missing or bad ${key}:${value ?? ""}`, no);
  }
  return Number(value);
}

function numberField(fields: Map<string, string>, key: string): number | null | undefined {
  const value = fields.get(key);
  if (value === undefined) return undefined;
  const n = Number(value);
  return value === "" || Number.isNaN(n) ? null : finiteOrNull(n);
}

function applyRecord(resources: Map<string, ResourceState>, record: EventRecord): void {
  const fields = fieldsOf(record);
  const name = fields.get("name");
  if (!name) throw new ParseError(FORMAT, `${record.object} record without name:`, record.no);
  const destroy = record.verb === "destroy";
  if (record.object === "resource" && destroy) {
    resources.delete(name);
    return;
  }
  let resource = resources.get(name);
  if (!resource) {
    resource = { name, role: "Unknown", suspended: null, devices: new Map(), connections: new Map() };
    resources.set(name, resource);
  }

  switch (record.object) {
    case "resource":
      applyResource(resource, fields);
      return;
    case "device": {
      const volume = intField(fields, "volume", record.no);
      if (destroy) resource.devices.delete(volume);
      else applyDevice(resource, volume, fields, record.no);
      return;
    }
    case "connection": {
      const key = connectionKey(fields, record.no);
      if (destroy) resource.connections.delete(key);
      else applyConnection(connectionOf(resource, key, fields), fields, record.no);
      return;
    }
    case "peer-device": {
      const key = connectionKey(fields, record.no);
      const volume = intField(fields, "volume", record.no);
      if (destroy) resource.connections.get(key)?.peerDevices.delete(volume);
      else applyPeerDevice(connectionOf(resource, key, fields), volume, fields);
      return;
    }
    default:
      // path and newer object types do not change the status model.
      return;
  }
}

function connectionKey(fields: Map<string, string>, no: number): string {
  const id = fields.get("peer-node-id");
  const name = fields.get("conn-name");
  if (id === undefined && name === undefined) throw new ParseError(FORMAT, "connection without peer-node-id:", no);
  return id ?? `name:${name}`;
}

function connectionOf(resource: ResourceState, key: string, fields: Map<string, string>): ConnectionState {
  let connection = resource.connections.get(key);
  if (!connection) {
    const id = fields.get("peer-node-id");
    connection = {
      peer: null,
      peerNodeId: id !== undefined && /^\d+$/.test(id) ? Number(id) : null,
      state: "Unknown",
      peerRole: "Unknown",
      peerDevices: new Map(),
    };
    resource.connections.set(key, connection);
  }
  const name = fields.get("conn-name");
  if (name) connection.peer = name;
  return connection;
}

function applyResource(resource: ResourceState, fields: Map<string, string>): void {
  const role = fields.get("role");
  if (role !== undefined) resource.role = roleOf(role) ?? "Unknown";
  const suspended = fields.get("suspended");
  if (suspended !== undefined) resource.suspended = suspended === "UNKNOWN" ? null : suspended !== "no";
}

function applyDevice(resource: ResourceState, volume: number, fields: Map<string, string>, no: number): void {
  let device = resource.devices.get(volume);
  if (!device) {
    device = { volume, minor: null, disk: "DUnknown", quorum: null, sizeKiB: null };
    resource.devices.set(volume, device);
  }
  if (fields.has("minor")) device.minor = intField(fields, "minor", no);
  const disk = fields.get("disk");
  if (disk && disk !== "UNKNOWN") device.disk = disk;
  const quorum = fields.get("quorum");
  if (quorum === "yes" || quorum === "no") device.quorum = quorum === "yes";
  const size = numberField(fields, "size");
  if (size !== undefined) device.sizeKiB = size;
}

function applyConnection(connection: ConnectionState, fields: Map<string, string>, no: number): void {
  const state = fields.get("connection");
  if (state && state !== "UNKNOWN") connection.state = state;
  const role = fields.get("role");
  if (role !== undefined) connection.peerRole = roleOf(role) ?? "Unknown";
  if (fields.has("peer-node-id")) connection.peerNodeId = intField(fields, "peer-node-id", no);
}

function applyPeerDevice(connection: ConnectionState, volume: number, fields: Map<string, string>): void {
  let pd = connection.peerDevices.get(volume);
  if (!pd) {
    pd = emptyPeerVolume(volume, null);
    connection.peerDevices.set(volume, pd);
  }
  const replication = fields.get("replication");
  if (replication && replication !== "UNKNOWN") pd.replication = replication;
  const peerDisk = fields.get("peer-disk");
  if (peerDisk && peerDisk !== "UNKNOWN") pd.peerDisk = peerDisk;
  // Sync figures are printed only while a resync runs: their absence means it ended.
  pd.syncPercent = numberField(fields, "done") ?? null;
  const dbdt1 = numberField(fields, "dbdt1");
  pd.syncSpeedKiBps = dbdt1 === undefined || dbdt1 === null ? null : Math.round(dbdt1 * 1024);
  pd.etaSeconds = numberField(fields, "eta") ?? null;
  const oos = numberField(fields, "out-of-sync");
  if (oos !== undefined) pd.outOfSyncKiB = oos;
  else if (fields.has("received")) pd.outOfSyncKiB = 0;
}

function finishResource(r: ResourceState): TDrbdResource {
  const volumes = [...r.devices.values()].sort(byVolume);
  return {
    name: r.name,
    nodeId: null,
    role: r.role,
    suspended: r.suspended,
    quorum: aggregateQuorum(volumes),
    volumes,
    connections: [...r.connections.values()].map((c) => ({
      peer: c.peer,
      peerNodeId: c.peerNodeId,
      state: c.state,
      peerRole: c.peerRole,
      protocol: null,
      volumes:
        c.peerDevices.size > 0
          ? [...c.peerDevices.values()].sort(byVolume)
          : volumes.map((v) => emptyPeerVolume(v.volume, c.state === "Connected" ? null : "Off")),
    })),
  };
}
