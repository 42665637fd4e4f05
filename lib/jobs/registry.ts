import type { TJobKind } from "./kind";
import { hostCheckJob } from "./host-check";
import { hostFactsJob } from "./host-facts";
import { wizardClusterJob } from "./kinds/wizard-cluster";
import { wizardPacemakerJob } from "./kinds/wizard-pacemaker";
import { wizardPveHaJob } from "./kinds/wizard-pve-ha";
import { wizardPrecheckJob } from "./kinds/wizard-precheck";
import { wizardStorageJob } from "./kinds/wizard-storage";
import { guestHaEnrollJob } from "./kinds/guest-ha-enroll";
import { guestMigrateJob } from "./kinds/guest-migrate";
import { nodeMaintenanceJob } from "./kinds/node-maintenance";
import { drbdSplitBrainJob } from "./kinds/drbd-split-brain";

// Kinds by name. Agents register theirs at import; the worker and the server actions look
// them up when they meet a job row.
const registry = new Map<string, TJobKind>([
  [hostCheckJob.kind, hostCheckJob],
  [hostFactsJob.kind, hostFactsJob],
  [wizardPrecheckJob.kind, wizardPrecheckJob],
  [wizardClusterJob.kind, wizardClusterJob],
  [wizardPacemakerJob.kind, wizardPacemakerJob],
  [wizardStorageJob.kind, wizardStorageJob],
  [wizardPveHaJob.kind, wizardPveHaJob],
  [guestMigrateJob.kind, guestMigrateJob],
  [guestHaEnrollJob.kind, guestHaEnrollJob],
  [nodeMaintenanceJob.kind, nodeMaintenanceJob],
  [drbdSplitBrainJob.kind, drbdSplitBrainJob],
]);

export function registerJobKind(kind: TJobKind): void {
  const existing = registry.get(kind.kind);
  if (existing && existing !== kind) throw new Error(`job kind ${kind.kind} is already registered`);
  registry.set(kind.kind, kind);
}

// For tests that register kinds of their own.
export function unregisterJobKind(name: string): void {
  registry.delete(name);
}

export function getJobKind(name: string): TJobKind | null {
  return registry.get(name) ?? null;
}

// Read-only kinds need no confirmation and take no cluster lock.
export function isMutatingKind(name: string): boolean {
  return getJobKind(name)?.requiresConfirmation ?? true;
}
