import { z } from "zod";
import { ZExtraOptions } from "./model-section-config";

const str = z.string().nullable();
const bool = z.boolean().nullable();
const list = z.array(z.string()).nullable();

// /etc/pve/storage.cfg entry. Known types: dir, lvmthin, lvm, zfspool, zfs, nfs, cifs, rbd,
// cephfs, drbd, iscsi, iscsidirect, glusterfs, btrfs, pbs, esxi — the type stays a string so a
// plugin we have not heard of still parses. Keys we do not type are kept in `extra`.
export const ZStorageEntry = z.object({
  type: z.string(),
  id: z.string(),
  content: list,
  nodes: list,
  shared: bool,
  disable: bool,
  path: str,
  pool: str,
  thinpool: str,
  vgname: str,
  base: str,
  server: str,
  export: str,
  monhost: str,
  username: str,
  fsName: str,
  subdir: str,
  controller: str,
  resourcegroup: str,
  options: str,
  krbd: bool,
  sparse: bool,
  saferemove: bool,
  blocksize: str,
  extra: ZExtraOptions,
});
export type TStorageEntry = z.infer<typeof ZStorageEntry>;
export const ZStorageCfg = z.object({ storages: z.array(ZStorageEntry) });
export type TStorageCfg = z.infer<typeof ZStorageCfg>;

// ha/resources.cfg (`vm: 100`) and `ha-manager config` (`vm:100`).
export const ZHaResource = z.object({
  sid: z.string(),
  type: z.string(),
  id: z.string(),
  vmid: z.number().int().nullable(),
  state: str,
  group: str,
  maxRestart: z.number().int().nullable(),
  maxRelocate: z.number().int().nullable(),
  failback: bool,
  comment: str,
  extra: ZExtraOptions,
});
export type THaResource = z.infer<typeof ZHaResource>;
export const ZHaResourcesCfg = z.object({ resources: z.array(ZHaResource) });
export type THaResourcesCfg = z.infer<typeof ZHaResourcesCfg>;

// `node2:1,node4` — priority null when not written (Proxmox then treats it as 0).
export const ZNodePriority = z.object({ node: z.string(), priority: z.number().int().nullable() });
export type TNodePriority = z.infer<typeof ZNodePriority>;

// ha/groups.cfg (PVE <= 8; PVE 9 migrates groups to node-affinity rules).
export const ZHaGroup = z.object({
  group: z.string(),
  nodes: z.array(ZNodePriority),
  restricted: bool,
  nofailback: bool,
  comment: str,
  extra: ZExtraOptions,
});
export type THaGroup = z.infer<typeof ZHaGroup>;
export const ZHaGroupsCfg = z.object({ groups: z.array(ZHaGroup) });
export type THaGroupsCfg = z.infer<typeof ZHaGroupsCfg>;

// ha/rules.cfg (PVE 9): `node-affinity:` (resources + nodes, strict) and
// `resource-affinity:` (resources + affinity positive|negative).
export const ZHaRule = z.object({
  type: z.string(),
  id: z.string(),
  resources: z.array(z.string()),
  nodes: z.array(ZNodePriority).nullable(),
  strict: bool,
  affinity: str,
  disable: bool,
  comment: str,
  extra: ZExtraOptions,
});
export type THaRule = z.infer<typeof ZHaRule>;
export const ZHaRulesCfg = z.object({ rules: z.array(ZHaRule) });
export type THaRulesCfg = z.infer<typeof ZHaRulesCfg>;

// replication.cfg: `local: <vmid>-<jobnum>`.
export const ZReplicationJob = z.object({
  type: z.string(),
  id: z.string(),
  guest: z.number().int().nullable(),
  jobnum: z.number().int().nullable(),
  target: str,
  schedule: str,
  rate: z.number().nullable(),
  comment: str,
  disable: bool,
  source: str,
  removeJob: str,
  extra: ZExtraOptions,
});
export type TReplicationJob = z.infer<typeof ZReplicationJob>;
export const ZReplicationCfg = z.object({ jobs: z.array(ZReplicationJob) });
export type TReplicationCfg = z.infer<typeof ZReplicationCfg>;
