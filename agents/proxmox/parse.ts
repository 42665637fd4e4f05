// The Proxmox agent's parsers and config readers/renderers in one place (DESIGN.md: parse.ts).
export * from "./model-config";
export * from "./model-section-config";
export * from "./model-status";
export * from "./section-config";
export * from "./storage-cfg";
export * from "./ha-cfg";
export * from "./replication-cfg";
export { parseHaManagerStatus } from "./parse-ha-manager-status";
export { parsePvesrStatus } from "./parse-pvesr-status";
export { parsePveResourcesJson } from "./parse-pve-resources";
export { parseQmMigrateLog } from "./parse-qm-migrate-log";
export { parsePveClusterStatusJson } from "./parse-pve-cluster-status";
export { haManagerStatusFromJson, parsePveHaManagerStatusJson } from "./parse-pve-ha-manager-status-json";
