import { z } from "zod";
import { ZDiskPath, ZPveNodeName, ZStorageId } from "../proxmox/ids";

// The Ceph cluster an admin wants on a Proxmox cluster, as the wizard sends it. Every value
// that reaches a command line is constrained here, so planning never sees a hostile string.

// An IPv4 network in CIDR form, as `pveceph init --network` takes it.
export const ZCidr = z
  .string()
  .regex(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/, "not an IPv4 network in CIDR form (10.0.0.0/24)")
  .refine((c) => c.split(/[./]/).every((p, i) => Number(p) <= (i === 4 ? 32 : 255)), "not an IPv4 network in CIDR form (10.0.0.0/24)");

// Ceph's own rule for pool names is loose; this keeps them usable as PVE storage ids and argv.
export const ZCephPoolName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, "letters, digits, _ . - only, starting with a letter or digit");

export const ZCephPoolStorage = z.object({
  id: ZStorageId,
  content: z.array(z.enum(["images", "rootdir"])).min(1).default(["images", "rootdir"]),
  // Kernel RBD instead of librbd; containers always use krbd whatever this says.
  krbd: z.boolean().default(false),
});

export const ZCephPoolDesired = z.object({
  name: ZCephPoolName,
  size: z.number().int().min(1).max(7),
  minSize: z.number().int().min(1).max(7),
  pgAutoscaleMode: z.enum(["on", "warn", "off"]).default("on"),
  // Only sent when given; with the autoscaler on, Ceph changes it afterwards.
  pgNum: z.number().int().min(1).max(32768).nullable().default(null),
  application: z.enum(["rbd", "cephfs", "rgw"]).default("rbd"),
  // min_size 1 is refused unless both are given: the admin takes the data-loss risk in writing.
  force: z.boolean().default(false),
  forceReason: z.string().max(1000).nullable().default(null),
  // The RBD storage entry in /etc/pve/storage.cfg; null: the pool is not offered to guests.
  storage: ZCephPoolStorage.nullable().default(null),
});
export type TCephPoolDesired = z.infer<typeof ZCephPoolDesired>;

export const ZCephOsdDesired = z.object({ host: ZPveNodeName, disk: ZDiskPath });
export type TCephOsdDesired = z.infer<typeof ZCephOsdDesired>;

export const ZCephDesired = z.object({
  // The Proxmox nodes of the cluster; the first one runs the cluster-wide steps (init, pools).
  nodes: z.array(ZPveNodeName).min(1),
  version: z.enum(["quincy", "reef", "squid"]).default("reef"),
  repository: z.enum(["enterprise", "no-subscription", "test"]).default("no-subscription"),
  network: ZCidr,
  clusterNetwork: ZCidr.nullable().default(null),
  monitors: z.array(ZPveNodeName),
  managers: z.array(ZPveNodeName),
  osds: z.array(ZCephOsdDesired).default([]),
  pools: z.array(ZCephPoolDesired).default([]),
});
export type TCephDesired = z.infer<typeof ZCephDesired>;
export type TCephDesiredInput = z.input<typeof ZCephDesired>;
