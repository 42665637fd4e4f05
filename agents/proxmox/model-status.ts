import { z } from "zod";

const num = z.number().nullable();
const str = z.string().nullable();

// /etc/pve/ha/manager_status, also inside `pvesh get /cluster/ha/status/manager_status` and the
// JSON block of `ha-manager status --verbose`.
export const ZHaServiceStatus = z.object({
  sid: z.string(),
  node: str,
  state: str,
  uid: str,
  running: z.boolean().nullable(),
  target: str,
  failedNodes: z.array(z.string()).nullable(),
});
export const ZHaLrmStatus = z.object({
  node: z.string(),
  mode: str,
  state: str,
  timestamp: num,
});
export const ZPveHaManagerStatusJson = z.object({
  masterNode: str,
  timestamp: num,
  nodes: z.array(z.object({ node: z.string(), state: z.string() })),
  services: z.array(ZHaServiceStatus),
  lrms: z.array(ZHaLrmStatus),
  quorate: z.boolean().nullable(),
});
export type TPveHaManagerStatusJson = z.infer<typeof ZPveHaManagerStatusJson>;

// `ha-manager status` (contract shape plus the printed times and the parsed sid).
export const ZHaManagerStatus = z.object({
  quorum: z.string(),
  quorate: z.boolean(),
  master: z
    .object({
      node: z.string(),
      state: z.string(),
      time: str,
      crs: str,
    })
    .nullable(),
  lrms: z.array(z.object({ node: z.string(), state: z.string(), time: str })),
  services: z.array(
    z.object({
      sid: z.string(),
      type: z.string(),
      id: z.string(),
      vmid: z.number().int().nullable(),
      node: str,
      state: z.string(),
    }),
  ),
  full: ZPveHaManagerStatusJson.nullable(),
});
export type THaManagerStatus = z.infer<typeof ZHaManagerStatus>;

export const ZPvesrJob = z.object({
  id: z.string(),
  guest: z.number().int().nullable(),
  jobnum: z.number().int().nullable(),
  enabled: z.boolean().nullable(),
  target: z.string(),
  targetRaw: z.string(),
  lastSync: str,
  nextSync: str,
  pending: z.boolean(),
  duration: num,
  failCount: z.number().int(),
  state: z.string(),
  syncing: z.boolean(),
  ok: z.boolean(),
});
export const ZPvesrStatus = z.object({ jobs: z.array(ZPvesrJob) });
export type TPvesrStatus = z.infer<typeof ZPvesrStatus>;

const usage = {
  cpu: num,
  maxcpu: num,
  mem: num,
  maxmem: num,
  disk: num,
  maxdisk: num,
  uptime: num,
};
export const ZPveResources = z.object({
  nodes: z.array(
    z.object({ name: z.string(), status: z.string(), resourceId: z.string(), level: str, ...usage }),
  ),
  guests: z.array(
    z.object({
      vmid: z.number().int(),
      name: str,
      type: z.enum(["qemu", "lxc", "openvz"]),
      node: str,
      status: z.string(),
      hastate: str,
      resourceId: z.string(),
      template: z.boolean(),
      tags: z.array(z.string()),
      pool: str,
      lock: str,
      ...usage,
    }),
  ),
  storages: z.array(
    z.object({
      id: z.string(),
      node: str,
      status: z.string(),
      shared: z.boolean(),
      plugintype: str,
      content: z.array(z.string()),
      resourceId: z.string(),
      disk: num,
      maxdisk: num,
    }),
  ),
  pools: z.array(z.object({ pool: z.string(), resourceId: z.string() })),
  sdn: z.array(z.object({ sdn: z.string(), node: str, status: str, resourceId: z.string() })),
  others: z.array(z.object({ type: z.string(), resourceId: z.string() })),
});
export type TPveResources = z.infer<typeof ZPveResources>;

export const ZQmMigrateLog = z.object({
  vmid: z.number().int().nullable(),
  source: str,
  target: str,
  online: z.boolean(),
  ok: z.boolean(),
  durationSeconds: num,
  downtimeMs: num,
  errors: z.array(z.string()),
  guestType: z.enum(["qemu", "lxc"]).nullable(),
  targetAddress: str,
  restart: z.boolean(),
  // Requested through or run by the HA stack ("requesting HA migration", "task started by HA").
  ha: z.boolean(),
  finished: z.boolean(),
  taskStatus: z.enum(["OK", "ERROR", "WARNINGS"]).nullable(),
  warnings: z.array(z.string()),
  progress: z
    .object({ transferred: num, remaining: num, total: num })
    .nullable(),
  speed: str,
  startedAt: str,
  endedAt: str,
  lines: z.number().int(),
});
export type TQmMigrateLog = z.infer<typeof ZQmMigrateLog>;

// `pvesh get /cluster/status` (bare array) or the REST body {"data": [...]}.
export const ZPveClusterStatus = z.object({
  cluster: z
    .object({ name: z.string(), version: num, quorate: z.boolean().nullable(), nodes: num })
    .nullable(),
  nodes: z.array(
    z.object({
      name: z.string(),
      nodeid: num,
      online: z.boolean().nullable(),
      local: z.boolean().nullable(),
      ip: str,
      level: str,
    }),
  ),
});
export type TPveClusterStatus = z.infer<typeof ZPveClusterStatus>;
