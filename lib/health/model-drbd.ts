import { z } from "zod";
import { ZDrbdResource, ZDrbdRole } from "@/agents/drbd/model";
import { ZReport } from "@/lib/reports/report";

// The DRBD layer of a probe and of the derived health, as stored in snapshots (zod, so a row
// written by another version is checked before a page reads it). Mirrors the DRBD agent's
// dashboard view (agents/drbd/dashboard.ts).

export const ZDrbdLogEvent = z.object({
  time: z.string().nullable(),
  resource: z.string().nullable(),
  volume: z.number().int().nullable(),
  minor: z.number().int().nullable(),
  peer: z.string().nullable(),
  kind: z.enum(["split-brain-unresolved", "split-brain-resolved", "resync-started", "resync-done", "connection", "role", "other"]),
  to: z.string().nullable(),
  text: z.string(),
});

export const ZHostDrbd = z.object({
  version: z.string().nullable(),
  resources: z.array(ZDrbdResource),
  // Only the lines that decide a split brain, and only read once a connection was lost.
  kernelLog: z.array(ZDrbdLogEvent),
});
export type THostDrbd = z.infer<typeof ZHostDrbd>;

const ZPeerView = z.object({
  peer: z.string().nullable(),
  connection: z.string(),
  peerRole: ZDrbdRole,
  volume: z.number().int(),
  peerDisk: z.string(),
  replication: z.string().nullable(),
  syncPercent: z.number().nullable(),
  syncSpeedKiBps: z.number().nullable(),
  etaSeconds: z.number().nullable(),
  outOfSyncKiB: z.number().nullable(),
});

export const ZHealthDrbdResource = z.object({
  resource: z.string(),
  health: z.enum(["ok", "syncing", "degraded", "split-brain", "down"]),
  hosts: z.array(
    z.object({
      host: z.string(),
      up: z.boolean(),
      role: ZDrbdRole.nullable(),
      disks: z.array(z.object({ volume: z.number().int(), minor: z.number().int().nullable(), disk: z.string() })),
      peers: z.array(ZPeerView),
    }),
  ),
  sync: z.object({ percent: z.number().nullable(), speedKiBps: z.number().nullable(), etaSeconds: z.number().nullable(), outOfSyncKiB: z.number().nullable() }).nullable(),
  alerts: z.array(ZReport),
});
export type THealthDrbdResource = z.infer<typeof ZHealthDrbdResource>;
