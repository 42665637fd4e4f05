import { z } from "zod";
import { ZClusterName, ZIpAddress, ZPveNodeName } from "../ids";

// A Proxmox VE cluster as the admin wants it: the first node creates it, the others join.
export const ZPveClusterNode = z.object({
  name: ZPveNodeName,
  link0: ZIpAddress,
  link1: ZIpAddress.nullable().default(null),
});
export type TPveClusterNode = z.infer<typeof ZPveClusterNode>;

export const ZPveClusterDesired = z.object({
  clusterName: ZClusterName,
  nodes: z.array(ZPveClusterNode).min(1).max(3),
});
export type TPveClusterDesired = z.infer<typeof ZPveClusterDesired>;
export type TPveClusterDesiredInput = z.input<typeof ZPveClusterDesired>;

// What one node tells about the cluster it sees. /etc/pve is pmxcfs: on a member it is the
// cluster's config, on a standalone node there is none (in the lab it is one shared dir, so
// "member" means "listed in the nodelist", never "the file exists").
export const ZPveNodeObserved = z.object({
  hostname: z.string().nullable(),
  corosyncConfText: z.string().nullable(),
  clusterName: z.string().nullable(),
  members: z.array(z.object({ name: z.string(), nodeid: z.number().int().nullable(), addrs: z.array(z.string()) })),
  qdeviceHost: z.string().nullable(),
  // From pvesh get /cluster/status: who is online, and quorum; null when it cannot answer.
  online: z.array(z.string()).nullable(),
  quorate: z.boolean().nullable(),
  // SHA256 fingerprint of the node's pve-ssl.pem (what pvecm add --fingerprint wants).
  fingerprint: z.string().nullable(),
  vms: z.number().int().nullable(),
  containers: z.number().int().nullable(),
  qdevicePackage: z.boolean(),
  errors: z.array(z.string()),
});
export type TPveNodeObserved = z.infer<typeof ZPveNodeObserved>;
