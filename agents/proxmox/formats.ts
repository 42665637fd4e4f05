import { parseHaManagerConfig, parsePveHaGroupsCfg, parsePveHaResourcesCfg, parsePveHaRulesCfg } from "./ha-cfg";
import { parseHaManagerStatus } from "./parse-ha-manager-status";
import { parsePveClusterStatusJson } from "./parse-pve-cluster-status";
import { parsePveHaManagerStatusJson } from "./parse-pve-ha-manager-status-json";
import { parsePveResourcesJson } from "./parse-pve-resources";
import { parsePvesrStatus } from "./parse-pvesr-status";
import { parseQmMigrateLog } from "./parse-qm-migrate-log";
import { parsePveReplicationCfg } from "./replication-cfg";
import { parsePveStorageCfg } from "./storage-cfg";

// pvecm-status lives in pvecm-formats.ts (written separately); the registry combines both.
export const proxmoxFormats = {
  "ha-manager-status": parseHaManagerStatus,
  "pvesr-status": parsePvesrStatus,
  "pve-resources-json": parsePveResourcesJson,
  "qm-migrate-log": parseQmMigrateLog,
  "pve-storage-cfg": parsePveStorageCfg,
  "pve-ha-resources-cfg": parsePveHaResourcesCfg,
  "pve-ha-groups-cfg": parsePveHaGroupsCfg,
  "pve-ha-rules-cfg": parsePveHaRulesCfg,
  "pve-replication-cfg": parsePveReplicationCfg,
  "ha-manager-config": parseHaManagerConfig,
  "pve-ha-manager-status-json": parsePveHaManagerStatusJson,
  "pve-cluster-status-json": parsePveClusterStatusJson,
} satisfies Record<string, (text: string) => unknown>;
