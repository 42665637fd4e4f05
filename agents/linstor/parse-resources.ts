import { ParseError } from "../common/parse-error";
import { bool, int, isObject, listObjects, readJson, str, strings, validated, type JsonObject } from "./json";
import { ZLinstorResources, type TLinstorResource, type TLinstorResources, type TLinstorVolume } from "./model";
import { hasDisklessFlag, lowestSyncPercent, resourceState, splitDiskState } from "./resource-state";

const FORMAT = "linstor-resources-json";

// `linstor -m resource list` ([[Resource...]]), REST /v1/view/resources (ResourceWithVolumes[])
// or /v1/resource-definitions/{r}/resources, and the pre-1.0 client's
// [{resources[], resource_states[]}].
export function parseLinstorResourcesJson(input: string): TLinstorResources {
  const { items, legacy } = listObjects(FORMAT, readJson(FORMAT, input), "resources");
  const resources = [
    ...items.map((o, i) => restResource(o, i)),
    ...legacy.flatMap((entry) => legacyResources(entry)),
  ];
  return validated(FORMAT, ZLinstorResources, { resources });
}

function restResource(o: JsonObject, index: number): TLinstorResource {
  const name = str(o.name);
  const node = str(o.node_name);
  if (!name || !node) throw new ParseError(FORMAT, `entry ${index} has no name and node_name: not a LINSTOR resource`);
  const flags = strings(o.flags);
  const layer = isObject(o.layer_object) ? o.layer_object : null;
  const drbd = layer && isObject(layer.drbd) ? layer.drbd : null;
  const volumes = (Array.isArray(o.volumes) ? o.volumes : []).filter(isObject).map(restVolume);
  const firstVolumeLayer = (Array.isArray(o.volumes) ? o.volumes : [])
    .filter(isObject)
    .map((v) => (Array.isArray(v.layer_data_list) && isObject(v.layer_data_list[0]) ? str(v.layer_data_list[0].type) : null))
    .find((t) => t !== null);
  // Without layer information (older answers) a LINSTOR resource is a DRBD resource.
  const topLayer = (layer ? str(layer.type) : null) ?? firstVolumeLayer ?? "DRBD";
  const connections = drbd && isObject(drbd.connections) ? readConnections(drbd.connections) : null;
  const definition = drbd && isObject(drbd.drbd_resource_definition) ? drbd.drbd_resource_definition : null;
  const state = isObject(o.state) ? o.state : {};
  const created = int(o.create_timestamp);
  return {
    name,
    node,
    state: resourceState(flags, volumes, topLayer === "DRBD"),
    diskless: isDiskless(flags, volumes),
    tieBreaker: flags.includes("TIE_BREAKER"),
    inUse: bool(state.in_use),
    syncPercent: lowestSyncPercent(volumes),
    flags,
    port: int(definition?.port) ?? (drbd && Array.isArray(drbd.tcp_ports) ? int(drbd.tcp_ports[0]) : null),
    connectionsOk: connections ? connections.every((c) => c.connected) : null,
    connections,
    createdAt: created === null || created <= 0 ? null : new Date(created).toISOString(),
    volumes,
  };
}

function readConnections(map: JsonObject): TLinstorResource["connections"] {
  return Object.entries(map).map(([peer, c]) => ({
    peer,
    connected: isObject(c) ? c.connected === true : false,
    message: isObject(c) ? str(c.message) : null,
  }));
}

function isDiskless(flags: string[], volumes: TLinstorVolume[]): boolean {
  if (hasDisklessFlag(flags)) return true;
  if (volumes.length === 0) return false;
  return volumes.every((v) => v.diskState === "Diskless" || v.providerKind === "DISKLESS");
}

// Volume.state.disk_state is the DRBD state; the layer list repeats states per layer, where the
// STORAGE layer's "[]" means it has none.
function restVolume(v: JsonObject, index: number): TLinstorVolume {
  const layers = (Array.isArray(v.layer_data_list) ? v.layer_data_list : []).filter(isObject);
  const drbdData = layers.map((l) => (str(l.type) === "DRBD" && isObject(l.data) ? l.data : null)).find((d) => d !== null);
  const state = isObject(v.state) ? v.state : {};
  const raw = [str(state.disk_state), drbdData ? str(drbdData.disk_state) : null].find((s) => s !== null && s !== "[]") ?? null;
  const parsed = raw === null ? null : splitDiskState(raw);
  const definition = drbdData && isObject(drbdData.drbd_volume_definition) ? drbdData.drbd_volume_definition : null;
  return {
    volume: int(v.volume_number) ?? index,
    storagePool: str(v.storage_pool_name),
    providerKind: str(v.provider_kind),
    devicePath: str(v.device_path),
    minor: int(definition?.minor_number),
    diskState: parsed?.state ?? null,
    syncPercent: parsed?.syncPercent ?? replicationSyncPercent(state.replication_states),
    allocatedKib: int(v.allocated_size_kib),
    usableKib: int(v.usable_size_kib),
  };
}

// replication_states{peer: {replication_state: "SyncTarget", done_percentage: 35.2}}
function replicationSyncPercent(states: unknown): number | null {
  if (!isObject(states)) return null;
  const done = Object.values(states)
    .filter(isObject)
    .filter((s) => str(s.replication_state) === "SyncTarget" && typeof s.done_percentage === "number")
    .map((s) => s.done_percentage as number);
  return done.length === 0 ? null : Math.min(...done);
}

// Pre-1.0 client: resources[{name, node_name, rsc_flags, vlms[{vlm_nr, stor_pool_name,
// device_path, vlm_minor_nr}]}] and resource_states[{rsc_name, node_name, in_use,
// vlm_states[{vlm_nr, disk_state}]}] side by side.
function legacyResources(entry: JsonObject): TLinstorResource[] {
  const states = (Array.isArray(entry.resource_states) ? entry.resource_states : []).filter(isObject);
  const list = (Array.isArray(entry.resources) ? entry.resources : []).filter(isObject);
  return list.map((r, i) => {
    const name = str(r.name);
    const node = str(r.node_name);
    if (!name || !node) throw new ParseError(FORMAT, `resource ${i} has no name and node_name`);
    const flags = strings(r.rsc_flags ?? r.flags);
    const st = states.find((s) => str(s.rsc_name) === name && str(s.node_name) === node);
    const vlmStates = (st && Array.isArray(st.vlm_states) ? st.vlm_states : []).filter(isObject);
    const volumes = (Array.isArray(r.vlms) ? r.vlms : []).filter(isObject).map((v, j): TLinstorVolume => {
      const nr = int(v.vlm_nr) ?? j;
      const raw = str(vlmStates.find((s) => int(s.vlm_nr) === nr)?.disk_state);
      const parsed = raw === null ? null : splitDiskState(raw);
      return {
        volume: nr,
        storagePool: str(v.stor_pool_name),
        providerKind: null,
        devicePath: str(v.device_path),
        minor: int(v.vlm_minor_nr),
        diskState: parsed?.state ?? null,
        syncPercent: parsed?.syncPercent ?? null,
        allocatedKib: null,
        usableKib: null,
      };
    });
    return {
      name,
      node,
      state: resourceState(flags, volumes, true),
      diskless: isDiskless(flags, volumes),
      tieBreaker: flags.includes("TIE_BREAKER"),
      inUse: st ? bool(st.in_use) : null,
      syncPercent: lowestSyncPercent(volumes),
      flags,
      port: null,
      connectionsOk: null,
      connections: null,
      createdAt: null,
      volumes,
    };
  });
}
