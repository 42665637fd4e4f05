import { z } from "zod";

// Shapes of ../shared/contracts/parse-cli.md "LINSTOR" plus extras. Fields read from the REST
// objects (linstor-server docs/rest_v1_openapi.yaml 1.28, which `linstor -m` prints wrapped in a
// list of lists, and which the lab's LINSTOR simulator prints):
// - Resource / ResourceWithVolumes: name, node_name, flags[], state.in_use, create_timestamp (ms),
//   layer_object{type, drbd{node_id, drbd_resource_definition.port, tcp_ports[], connections{peer:
//   {connected, message}}}}, volumes[].
// - Volume: volume_number, storage_pool_name, provider_kind, device_path, allocated_size_kib,
//   usable_size_kib, state{disk_state, replication_states{peer:{replication_state,
//   done_percentage}}}, layer_data_list[{type, data{drbd_volume_definition.minor_number,
//   disk_state}}] (the STORAGE layer's disk_state is the string "[]", meaning none).
// - Node: name, type, flags[], connection_status, net_interfaces[{name, address, satellite_port,
//   satellite_encryption_type, is_active}].
// - StoragePool: storage_pool_name, node_name, provider_kind, free_capacity, total_capacity (KiB),
//   supports_snapshots, shared_space, props (StorDriver/*), reports[{message, ret_code}].
// Pre-1.0 clients (protobuf era) printed [{resources[], resource_states[]}] / [{stor_pools[]}] with
// other field names; those are read too.

export const ZLinstorVolume = z.object({
  volume: z.number().int().nonnegative(),
  storagePool: z.string().nullable(),
  providerKind: z.string().nullable(),
  devicePath: z.string().nullable(),
  minor: z.number().int().nullable(),
  diskState: z.string().nullable(),
  syncPercent: z.number().nullable(),
  allocatedKib: z.number().int().nullable(),
  usableKib: z.number().int().nullable(),
});
export type TLinstorVolume = z.infer<typeof ZLinstorVolume>;

// connected false with message e.g. "Connecting", "StandAlone". The human table lists only the
// failed connections, so there connectionsOk is the table's "Ok" and connections the failures.
export const ZLinstorConnection = z.object({
  peer: z.string(),
  connected: z.boolean(),
  message: z.string().nullable(),
});

// state: the DRBD disk state of the worst volume (UpToDate, Diskless, SyncTarget, Inconsistent,
// Outdated, ...), "TieBreaker"-style table cells normalised to Diskless; "Unknown" where LINSTOR has
// no state (satellite offline), "Created" for resources without a DRBD layer, "DELETING" /
// "INACTIVE" as linstor's own table shows them.
export const ZLinstorResource = z.object({
  name: z.string(),
  node: z.string(),
  state: z.string(),
  diskless: z.boolean(),
  tieBreaker: z.boolean(),
  inUse: z.boolean().nullable(),
  syncPercent: z.number().nullable(),
  flags: z.array(z.string()),
  port: z.number().int().nullable(),
  connectionsOk: z.boolean().nullable(),
  connections: z.array(ZLinstorConnection).nullable(),
  // ISO 8601 UTC from REST's create_timestamp; the table's CreatedOn verbatim (client local time).
  createdAt: z.string().nullable(),
  volumes: z.array(ZLinstorVolume),
});
export type TLinstorResource = z.infer<typeof ZLinstorResource>;

export const ZLinstorResources = z.object({ resources: z.array(ZLinstorResource) });
export type TLinstorResources = z.infer<typeof ZLinstorResources>;

export const ZLinstorNetInterface = z.object({
  name: z.string(),
  address: z.string(),
  port: z.number().int().nullable(),
  encryption: z.string().nullable(),
  active: z.boolean().nullable(),
});

// online: connection_status ONLINE (the satellite is connected and authenticated).
export const ZLinstorNode = z.object({
  name: z.string(),
  type: z.string().nullable(),
  connectionStatus: z.string().nullable(),
  online: z.boolean(),
  flags: z.array(z.string()),
  netInterfaces: z.array(ZLinstorNetInterface),
});
export type TLinstorNode = z.infer<typeof ZLinstorNode>;

export const ZLinstorNodes = z.object({ nodes: z.array(ZLinstorNode) });
export type TLinstorNodes = z.infer<typeof ZLinstorNodes>;

// Capacities are null where LINSTOR has none (diskless pools report Long.MAX_VALUE, offline
// satellites nothing); errors are the pool's error reports (e.g. "Node 'pve2' is offline").
export const ZLinstorStoragePool = z.object({
  pool: z.string(),
  node: z.string().nullable(),
  providerKind: z.string().nullable(),
  backingPool: z.string().nullable(),
  freeCapacityKib: z.number().int().nullable(),
  totalCapacityKib: z.number().int().nullable(),
  supportsSnapshots: z.boolean().nullable(),
  sharedSpace: z.string().nullable(),
  errors: z.array(z.string()),
});
export type TLinstorStoragePool = z.infer<typeof ZLinstorStoragePool>;

export const ZLinstorStoragePools = z.object({ storagePools: z.array(ZLinstorStoragePool) });
export type TLinstorStoragePools = z.infer<typeof ZLinstorStoragePools>;
