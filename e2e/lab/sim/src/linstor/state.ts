import path from "node:path";
import { z } from "zod";
import { readJson, sharedSimDir, withLock, writeJson } from "../core/state";

// The controller's database: one file for the whole cluster, as LINSTOR has one controller.
export const ZNetInterface = z.object({ name: z.string(), address: z.string(), uuid: z.string() });

export const ZLinstorNodeState = z.object({
  name: z.string(),
  type: z.string(), // COMBINED, SATELLITE, CONTROLLER
  uuid: z.string(),
  interfaces: z.array(ZNetInterface), // the first is "default"
  props: z.record(z.string(), z.string()),
  // Sim-only: a satellite the lab has cut off shows OFFLINE and no resource state.
  online: z.boolean().default(true),
});
export type TLinstorNodeState = z.infer<typeof ZLinstorNodeState>;

export const ZPoolState = z.object({
  name: z.string(),
  node: z.string(),
  kind: z.enum(["LVM_THIN", "ZFS_THIN", "FILE_THIN", "DISKLESS"]),
  backing: z.string().nullable(),
  totalKib: z.number().int().nonnegative(),
  uuid: z.string(),
});
export type TPoolState = z.infer<typeof ZPoolState>;

export const ZGroupState = z.object({
  name: z.string(),
  placeCount: z.number().int().positive(),
  storagePool: z.string().nullable(),
  uuid: z.string(),
});

export const ZVolumeDefinition = z.object({ number: z.number().int().nonnegative(), sizeKib: z.number().int().positive(), minor: z.number().int() });

export const ZDefinitionState = z.object({
  name: z.string(),
  port: z.number().int(),
  uuid: z.string(),
  group: z.string(),
  props: z.record(z.string(), z.string()),
  volumes: z.array(ZVolumeDefinition),
});
export type TDefinitionState = z.infer<typeof ZDefinitionState>;

export const ZResourceState = z.object({
  name: z.string(),
  node: z.string(),
  nodeId: z.number().int().nonnegative(),
  uuid: z.string(),
  flags: z.array(z.string()),
  pool: z.string(),
  createdAt: z.number().int(),
  // The first diskful replica of a definition starts UpToDate; later ones sync from it.
  syncSource: z.boolean(),
  inUse: z.boolean().default(false),
});
export type TResourceState = z.infer<typeof ZResourceState>;

export const ZLinstorState = z.object({
  nodes: z.array(ZLinstorNodeState).default([]),
  pools: z.array(ZPoolState).default([]),
  groups: z.array(ZGroupState).default([]),
  definitions: z.array(ZDefinitionState).default([]),
  resources: z.array(ZResourceState).default([]),
  controllerProps: z.record(z.string(), z.string()).default({}),
  // Seconds a new replica takes from Inconsistent to UpToDate; SIM_LINSTOR_SYNC_SECONDS wins.
  syncSeconds: z.number().nonnegative().default(30),
});
export type TLinstorState = z.infer<typeof ZLinstorState>;

export const linstorStateFile = () => path.join(sharedSimDir(), "linstor.json");

export function readLinstorState(): TLinstorState {
  return ZLinstorState.parse(readJson<unknown>(linstorStateFile(), {}));
}

// Every command reads, changes and writes the database under one lock, as the controller
// serialises its transactions.
export function withLinstorState<T>(fn: (state: TLinstorState) => T): T {
  return withLock("linstor", () => {
    const state = readLinstorState();
    const result = fn(state);
    writeJson(linstorStateFile(), state);
    return result;
  });
}

export function syncSeconds(state: TLinstorState): number {
  const env = Number(process.env.SIM_LINSTOR_SYNC_SECONDS);
  return process.env.SIM_LINSTOR_SYNC_SECONDS !== undefined && Number.isFinite(env) && env >= 0 ? env : state.syncSeconds;
}
