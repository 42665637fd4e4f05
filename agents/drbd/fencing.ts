import { warningReport, type TReport } from "@/lib/reports/report";
import type { TDrbdResourceConfig } from "./res-model";

// Resource-level fencing through Pacemaker: when the replication link fails, the Primary's
// fence-peer handler puts a constraint into the CIB that keeps the peer from being promoted
// on outdated data, and the handler after the resync removes it. drbd-utils ships one pair of
// scripts per generation.
export const PACEMAKER_HANDLERS = {
  "8.4": { "fence-peer": "/usr/lib/drbd/crm-fence-peer.sh", "after-resync-target": "/usr/lib/drbd/crm-unfence-peer.sh" },
  "9": { "fence-peer": "/usr/lib/drbd/crm-fence-peer.9.sh", "unfence-peer": "/usr/lib/drbd/crm-unfence-peer.9.sh" },
} as const;

export function withPacemakerFencing(m: TDrbdResourceConfig, generation: "9" | "8.4"): TDrbdResourceConfig {
  return { ...m, fencing: "resource-only", handlers: { ...m.handlers, ...PACEMAKER_HANDLERS[generation] } };
}

// Pacemaker runs on some host but the resource does not fence through it.
export function fencingReports(m: TDrbdResourceConfig, pacemakerHosts: readonly string[]): TReport[] {
  if (pacemakerHosts.length === 0) return [];
  if (m.fencing !== null && m.fencing !== "dont-care" && m.handlers["fence-peer"] !== undefined) return [];
  return [
    warningReport(
      "DRBD_FENCING_MISSING",
      `Pacemaker runs on ${pacemakerHosts.join(", ")} but ${m.name} has no resource-level fencing: set fencing resource-only with the crm-fence-peer handlers, or Pacemaker may promote a node with outdated data`,
      { field: "fencing", hosts: [...pacemakerHosts] },
    ),
  ];
}
