import { z } from "zod";

// One model for every DRBD status source (/proc/drbd 8.x, drbdadm/drbdsetup status text,
// drbdsetup status --json, events2), shaped by contracts/parse-cli.md. Fields beyond the
// contract (node ids, quorum, out-of-sync, speed, ETA, protocol) are null where a source lacks them.

export const ZDrbdRole = z.enum(["Primary", "Secondary", "Unknown"]);
export type TDrbdRole = z.infer<typeof ZDrbdRole>;

// Every disk state DRBD 8.x and 9 print; the simulator's kernel uses the same list.
export const ZDrbdDiskState = z.enum([
  "Diskless",
  "Attaching",
  "Detaching",
  "Failed",
  "Negotiating",
  "Inconsistent",
  "Outdated",
  "DUnknown",
  "Consistent",
  "UpToDate",
]);
export type TDrbdDiskState = z.infer<typeof ZDrbdDiskState>;

export const ZDrbdProtocol = z.enum(["A", "B", "C"]);
export type TDrbdProtocol = z.infer<typeof ZDrbdProtocol>;

export const ZDrbdPeerVolume = z.object({
  volume: z.number().int().nonnegative(),
  peerDisk: z.string().min(1),
  replication: z.string().min(1).nullable(),
  syncPercent: z.number().min(0).max(100).nullable(),
  outOfSyncKiB: z.number().nonnegative().nullable(),
  // Current resync speed (8.x: first speed figure; 9: dbdt1 / db1/dt1).
  syncSpeedKiBps: z.number().nonnegative().nullable(),
  etaSeconds: z.number().nonnegative().nullable(),
});
export type TDrbdPeerVolume = z.infer<typeof ZDrbdPeerVolume>;

export const ZDrbdConnection = z.object({
  peer: z.string().min(1).nullable(),
  peerNodeId: z.number().int().nonnegative().nullable(),
  state: z.string().min(1),
  peerRole: ZDrbdRole,
  protocol: ZDrbdProtocol.nullable(),
  volumes: z.array(ZDrbdPeerVolume),
});
export type TDrbdConnection = z.infer<typeof ZDrbdConnection>;

export const ZDrbdVolume = z.object({
  volume: z.number().int().nonnegative(),
  minor: z.number().int().nonnegative().nullable(),
  disk: z.string().min(1),
  quorum: z.boolean().nullable(),
  sizeKiB: z.number().nonnegative().nullable(),
});
export type TDrbdVolume = z.infer<typeof ZDrbdVolume>;

export const ZDrbdResource = z.object({
  name: z.string().min(1).nullable(),
  nodeId: z.number().int().nonnegative().nullable(),
  role: ZDrbdRole,
  suspended: z.boolean().nullable(),
  // false when any volume lost quorum, true when all reporting volumes have it, else null.
  quorum: z.boolean().nullable(),
  volumes: z.array(ZDrbdVolume),
  connections: z.array(ZDrbdConnection),
});
export type TDrbdResource = z.infer<typeof ZDrbdResource>;

export const ZDrbdStatus = z.object({
  version: z.string().min(1).nullable(),
  resources: z.array(ZDrbdResource),
});
export type TDrbdStatus = z.infer<typeof ZDrbdStatus>;
