import { z } from "zod";
import { ZDrbdDiskState } from "@/agents/drbd/model";

// The simulated DRBD kernel. DRBD is one state machine spread over the nodes of a resource, so
// each resource's runtime state lives in ONE shared file (sharedSimDir()/drbd/res-<name>.json)
// holding every host's node state and the links between them; only the data a disk keeps across
// a reboot (meta-data, by backing device) stays private to the host (hostStateDir()/drbd).

export const ZDiskState = ZDrbdDiskState;
export type TDiskState = z.infer<typeof ZDiskState>;

export const ZRole = z.enum(["Primary", "Secondary", "Unknown"]);
export type TRole = z.infer<typeof ZRole>;

// Generation identifiers as DRBD keeps them per volume; bitmap UUIDs are per peer (by host).
export const ZGi = z.object({
  current: z.string(),
  bitmap: z.record(z.string(), z.string()),
  history: z.array(z.string()),
});
export type TGi = z.infer<typeof ZGi>;

export const ZVolume = z.object({
  vnr: z.number().int().nonnegative(),
  minor: z.number().int().nonnegative(),
  backingDev: z.string().nullable(),
  disk: ZDiskState,
  // Intentionally diskless (`disk none` in the config), as opposed to detached.
  client: z.boolean(),
  sizeKiB: z.number().nonnegative(),
  gi: ZGi,
  // KiB that differ from each peer (the bitmap), by peer host.
  oos: z.record(z.string(), z.number().nonnegative()),
  readKiB: z.number().nonnegative(),
  writtenKiB: z.number().nonnegative(),
  sentKiB: z.record(z.string(), z.number().nonnegative()),
  receivedKiB: z.record(z.string(), z.number().nonnegative()),
  alWrites: z.number().int().nonnegative(),
});
export type TVolume = z.infer<typeof ZVolume>;

export const ZPath = z.object({ local: z.string(), remote: z.string() });

export const ZPeer = z.object({
  // DRBD 9 node id of the peer; 8.4 has none (the peer is known by its address).
  nodeId: z.number().int().nonnegative().nullable(),
  name: z.string().nullable(),
  paths: z.array(ZPath),
  net: z.record(z.string(), z.string()),
  // The options drbdadm passed per peer volume (`peer-device-options`), by volume.
  peerDeviceOptions: z.record(z.string(), z.record(z.string(), z.string())),
  // false = StandAlone (never connected, disconnected, or dropped after split brain).
  wantConnect: z.boolean(),
  discardMyData: z.boolean(),
});
export type TPeer = z.infer<typeof ZPeer>;

export const ZNode = z.object({
  host: z.string(),
  nodeId: z.number().int().nonnegative().nullable(),
  version: z.enum(["9", "8.4"]),
  options: z.record(z.string(), z.string()),
  role: ZRole,
  volumes: z.array(ZVolume),
  peers: z.array(ZPeer),
  // Kernel messages produced by another host's command (a handshake), flushed into this host's
  // kern.log by its next command.
  pendingLog: z.array(z.string()),
});
export type TNode = z.infer<typeof ZNode>;

export const ZSync = z.object({
  source: z.string(),
  target: z.string(),
  vnr: z.number().int().nonnegative(),
  startedAt: z.number(),
  totalKiB: z.number().nonnegative(),
  leftAtStartKiB: z.number().nonnegative(),
  rateKiBps: z.number().positive(),
});
export type TSync = z.infer<typeof ZSync>;

export const ZLink = z.object({
  hosts: z.tuple([z.string(), z.string()]),
  established: z.boolean(),
  since: z.number(),
  syncs: z.array(ZSync),
});
export type TLink = z.infer<typeof ZLink>;

export const ZResourceFile = z.object({
  name: z.string(),
  nodes: z.record(z.string(), ZNode),
  links: z.record(z.string(), ZLink),
});
export type TResourceFile = z.infer<typeof ZResourceFile>;

// What a backing device keeps across down/up (drbdmeta's view of the meta-data area).
export const ZMeta = z.object({
  version: z.enum(["v08", "v09"]),
  disk: z.enum(["Inconsistent", "Outdated", "Consistent", "UpToDate"]),
  gi: ZGi,
  oos: z.record(z.string(), z.number().nonnegative()),
  sizeKiB: z.number().nonnegative(),
  // drbdadm create-md stores a device UUID (write-dev-uuid) and reads it back first.
  devUuid: z.string().default("0000000000000000"),
});
export type TMeta = z.infer<typeof ZMeta>;

// Per host: the kernel module generation (9, or 8.4 — drbdadm then runs drbdadm-84).
export const ZHostSettings = z.object({ version: z.enum(["9", "8.4"]).default("9") });
export type THostSettings = z.infer<typeof ZHostSettings>;

// Cluster-wide: resync speed and the size used when a backing device cannot be measured.
export const ZClusterSettings = z.object({
  syncKiBps: z.number().positive().nullable().default(null),
  sizeKiB: z.number().positive().nullable().default(null),
});
export type TClusterSettings = z.infer<typeof ZClusterSettings>;

export const JUST_CREATED = "0000000000000004";
export const NO_UUID = "0000000000000000";
