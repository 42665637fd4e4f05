import { z } from "zod";
import { ZPveNodeName, ZSchedule, ZVmid } from "@/agents/proxmox/ids";

// Inputs of the guest actions and their job kinds. Every identifier that reaches a command
// line is checked here first (VMIDs, node names, pvesr schedules).

export const ZGuestMigrateInput = z.object({ vmid: ZVmid, target: ZPveNodeName });
export type TGuestMigrateInput = z.infer<typeof ZGuestMigrateInput>;

export const ZGuestHaEnrollInput = z.object({
  vmid: ZVmid,
  // The node that holds the replica of a guest on local ZFS; null: the best one.
  partner: ZPveNodeName.nullable().default(null),
  schedule: ZSchedule.default("*/15"),
});
export type TGuestHaEnrollInput = z.infer<typeof ZGuestHaEnrollInput>;

// A forced maintenance that breaks quorum needs at least this much written reason.
export const MIN_FORCE_REASON = 10;

export const ZNodeMaintenanceInput = z.object({
  node: ZPveNodeName,
  enable: z.boolean(),
  // Going ahead although the preflight says it breaks quorum; needs a written reason.
  force: z.boolean().default(false),
  reason: z.string().trim().max(500).nullable().default(null),
});
export type TNodeMaintenanceInput = z.infer<typeof ZNodeMaintenanceInput>;

const ZClusterId = z.string().min(1).max(64);
export const ZStartMigrationAction = ZGuestMigrateInput.extend({ clusterId: ZClusterId });
export const ZStartHaEnrollAction = ZGuestHaEnrollInput.extend({ clusterId: ZClusterId });
export const ZStartMaintenanceAction = ZNodeMaintenanceInput.extend({ clusterId: ZClusterId });
export const ZMigrationProgressAction = z.object({ jobId: z.string().min(1).max(64) });
