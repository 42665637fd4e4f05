import { z } from "zod";
import { ZCephStatus } from "@/agents/ceph/model";
import { ZLinstorNode, ZLinstorResource, ZLinstorStoragePool } from "@/agents/linstor/model";
import { ZHaManagerStatus } from "@/agents/proxmox/model-status";
import { ZReplicationJob } from "@/agents/proxmox/model-config";
import { ZPveReplicationState } from "@/agents/proxmox/parse-pve-replication-status";
import { ZReplicationHealth } from "@/agents/proxmox/replication/status";

// Cluster-wide layers: the same answer from any member, so one host reads them per round.

// What `linstor -m` lists; the dashboard summarises it with agents/linstor/status.ts.
export const ZLinstorLists = z.object({ nodes: z.array(ZLinstorNode), storagePools: z.array(ZLinstorStoragePool), resources: z.array(ZLinstorResource) });

export const ZClusterWideProbe = z.object({
  ha: ZHaManagerStatus.nullable(),
  replicationJobs: z.array(ZReplicationJob),
  replicationStates: z.array(ZPveReplicationState),
  ceph: ZCephStatus.nullable(),
  // Only where a LINSTOR client is configured (the agent writes /etc/linstor/linstor-client.conf).
  linstor: ZLinstorLists.nullable().default(null),
  // The host's clock when it answered (epoch seconds), for replication lag.
  nowSeconds: z.number(),
});
export type TClusterWideProbe = z.infer<typeof ZClusterWideProbe>;

export const ZHealthHa = z.object({
  quorate: z.boolean(),
  master: z.object({ node: z.string(), state: z.string(), time: z.string().nullable() }).nullable(),
  lrms: z.array(z.object({ node: z.string(), state: z.string(), time: z.string().nullable(), ok: z.boolean(), maintenance: z.boolean() })),
  services: z.array(z.object({ sid: z.string(), node: z.string().nullable(), state: z.string(), ok: z.boolean() })),
});

export const ZHealthPve = z.object({
  seenFrom: z.string(),
  ha: ZHealthHa.nullable(),
  replication: z.array(ZReplicationHealth),
});
export type THealthPve = z.infer<typeof ZHealthPve>;

export const ZHealthLinstor = ZLinstorLists.extend({ seenFrom: z.string() });
export type THealthLinstor = z.infer<typeof ZHealthLinstor>;

export const ZHealthCeph = z.object({ seenFrom: z.string(), status: ZCephStatus });
export type THealthCeph = z.infer<typeof ZHealthCeph>;
