import { z } from "zod";
import { ZIpAddress, ZPveNodeName, ZStorageId } from "../proxmox/ids";

// The LINSTOR cluster an admin wants on a Proxmox cluster (seed 004): a satellite on every
// node, one controller (optionally made highly available with drbd-reactor), nodes with a data
// interface preferred for DRBD traffic, thin storage pools, controller-wide DRBD options,
// resource groups, resources spawned from them, and the Proxmox `drbd:` storage entry. Every
// value that reaches a command line is constrained here.

// LINSTOR's own name rule (storage pools, resource groups and definitions, interfaces).
export const ZLinstorName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]{1,47}$/, "2-48 letters, digits, _ or -, starting with a letter or _");

export const ZLinstorNodeDesired = z.object({
  name: ZPveNodeName,
  // The satellite's default interface: where the controller reaches it.
  address: ZIpAddress,
  // The replication network's address (a second interface named dataInterface, set as PrefNic).
  dataAddress: ZIpAddress.nullable().default(null),
});
export type TLinstorNodeDesired = z.infer<typeof ZLinstorNodeDesired>;

const ZBacking = z.string().regex(/^[A-Za-z0-9_./+-]{1,255}$/, "a VG/thinpool, ZFS dataset or directory without spaces").refine((b) => !b.includes(".."), "no ..");

export const ZLinstorStoragePoolDesired = z
  .object({
    name: ZLinstorName,
    // LINSTOR's thin drivers: an LVM thin pool "vg/thinpool", a ZFS dataset, a directory of files.
    driver: z.enum(["lvmthin", "zfsthin", "filethin"]),
    backing: ZBacking,
    // Nodes that get the pool; null: every node.
    nodes: z.array(ZPveNodeName).min(1).nullable().default(null),
  })
  .superRefine((p, ctx) => {
    if (p.driver === "lvmthin" && !/^[^/]+\/[^/]+$/.test(p.backing)) ctx.addIssue({ code: "custom", path: ["backing"], message: "lvmthin needs vg/thinpool" });
    if (p.driver === "filethin" && !p.backing.startsWith("/")) ctx.addIssue({ code: "custom", path: ["backing"], message: "filethin needs an absolute directory" });
  });
export type TLinstorStoragePoolDesired = z.infer<typeof ZLinstorStoragePoolDesired>;

// Controller-level DRBD options from seed 004: split-brain policies and 10G sync tuning.
export const ZLinstorDrbdOptions = z.object({
  afterSb0pri: z.enum(["disconnect", "discard-younger-primary", "discard-older-primary", "discard-zero-changes", "discard-least-changes"]).nullable().default(null),
  afterSb1pri: z.enum(["disconnect", "consensus", "discard-secondary", "call-pri-lost-after-sb", "violently-as0p"]).nullable().default(null),
  afterSb2pri: z.enum(["disconnect", "call-pri-lost-after-sb", "violently-as0p"]).nullable().default(null),
  maxBuffers: z.number().int().min(32).max(131072).nullable().default(null),
  rcvbufSize: z.number().int().min(0).max(10485760).nullable().default(null),
  sndbufSize: z.number().int().min(0).max(10485760).nullable().default(null),
  cFillTarget: z.number().int().min(0).max(1048576).nullable().default(null),
  cMaxRate: z.number().int().min(250).max(4194304).nullable().default(null),
  cMinRate: z.number().int().min(0).max(4194304).nullable().default(null),
  cPlanAhead: z.number().int().min(0).max(300).nullable().default(null),
});
export type TLinstorDrbdOptions = z.infer<typeof ZLinstorDrbdOptions>;

export const ZLinstorResourceGroupDesired = z.object({
  name: ZLinstorName,
  placeCount: z.number().int().min(1).max(3),
  storagePool: ZLinstorName,
});
export type TLinstorResourceGroupDesired = z.infer<typeof ZLinstorResourceGroupDesired>;

export const ZLinstorResourceDesired = z.object({
  name: ZLinstorName,
  resourceGroup: ZLinstorName,
  sizeMib: z.number().int().min(4).max(64 * 1024 * 1024),
});
export type TLinstorResourceDesired = z.infer<typeof ZLinstorResourceDesired>;

export const ZLinstorControllerDesired = z.object({
  // The node that runs linstor-controller (with drbd-reactor: the one it starts on).
  host: ZPveNodeName,
  // "drbd-reactor": the controller's database on a 3-way DRBD resource, promoted by
  // drbd-reactor on one node at a time (auto-promote no, quorum majority, on-no-quorum
  // io-error); the clients and Proxmox list every node as a controller.
  ha: z.enum(["none", "drbd-reactor"]).default("none"),
  // The storage pool of the database resource with drbd-reactor; null: the first desired pool
  // that every node gets.
  dbStoragePool: ZLinstorName.nullable().default(null),
});

export const ZLinstorStorageDesired = z.object({
  id: ZStorageId,
  resourceGroup: ZLinstorName,
  content: z.array(z.enum(["images", "rootdir"])).min(1).default(["images", "rootdir"]),
});

export const ZLinstorDesired = z.object({
  nodes: z.array(ZLinstorNodeDesired).min(1),
  dataInterface: ZLinstorName.default("data"),
  // Install and start linstor-satellite (and the controller); false when the hosts already
  // run them (an image with LINSTOR, or an admin who installs by hand).
  manageServices: z.boolean().default(true),
  controller: ZLinstorControllerDesired,
  storagePools: z.array(ZLinstorStoragePoolDesired).default([]),
  drbdOptions: ZLinstorDrbdOptions.default(ZLinstorDrbdOptions.parse({})),
  resourceGroups: z.array(ZLinstorResourceGroupDesired).default([]),
  resources: z.array(ZLinstorResourceDesired).default([]),
  storage: ZLinstorStorageDesired.nullable().default(null),
});
export type TLinstorDesired = z.infer<typeof ZLinstorDesired>;
export type TLinstorDesiredInput = z.input<typeof ZLinstorDesired>;
