import { parsePveHaGroupsCfg, parsePveHaResourcesCfg, parsePveHaRulesCfg, renderHaGroupsCfg, renderHaResourcesCfg, renderHaRulesCfg } from "../../../../../agents/proxmox/ha-cfg";
import type { THaGroup, THaResource, THaRule, TReplicationJob, TStorageEntry } from "../../../../../agents/proxmox/model-config";
import { parsePveReplicationCfg, renderReplicationCfg } from "../../../../../agents/proxmox/replication-cfg";
import { parsePveStorageCfg, renderStorageCfg } from "../../../../../agents/proxmox/storage-cfg";
import { readText, removeFile, writeText } from "./state";

// The cluster-wide section-config files, read and written with the project's own parsers and
// renderers (so what the simulator writes is what the panel reads).
const blank = (t: string | null) => t === null || t.trim() === "";

export const readStorage = (): TStorageEntry[] => {
  const t = readText("storage.cfg");
  return blank(t) ? [] : parsePveStorageCfg(t as string).storages;
};
export const writeStorage = (e: readonly TStorageEntry[]) => writeText("storage.cfg", renderStorageCfg(e));

export const readHaResources = (): THaResource[] => {
  const t = readText("ha/resources.cfg");
  return blank(t) ? [] : parsePveHaResourcesCfg(t as string).resources;
};
export const writeHaResources = (r: readonly THaResource[]) =>
  r.length === 0 ? removeFile("ha/resources.cfg") : writeText("ha/resources.cfg", renderHaResourcesCfg(r));

export const readHaGroups = (): THaGroup[] => {
  const t = readText("ha/groups.cfg");
  return blank(t) ? [] : parsePveHaGroupsCfg(t as string).groups;
};
export const writeHaGroups = (g: readonly THaGroup[]) => writeText("ha/groups.cfg", renderHaGroupsCfg(g));

export const readHaRules = (): THaRule[] => {
  const t = readText("ha/rules.cfg");
  return blank(t) ? [] : parsePveHaRulesCfg(t as string).rules;
};
export const writeHaRules = (r: readonly THaRule[]) => writeText("ha/rules.cfg", renderHaRulesCfg(r));

export const readReplication = (): TReplicationJob[] => {
  const t = readText("replication.cfg");
  return blank(t) ? [] : parsePveReplicationCfg(t as string).jobs;
};
export const writeReplication = (j: readonly TReplicationJob[]) => writeText("replication.cfg", renderReplicationCfg(j));
