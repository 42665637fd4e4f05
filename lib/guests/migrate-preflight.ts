import { precheckMigration } from "@/agents/proxmox/migrate/precheck";
import { nodesInMaintenance, guestOf, ageText, type TGuestContext } from "./context";
import { report, warningReport, type TReport } from "@/lib/reports/report";

// Everything said before a migration: the agent's own checks (target online, quorum, local
// devices, local disks, memory, HA) plus how fresh the replica on the target is, whether the
// target is in maintenance and whether Pacemaker also thinks it owns the guest. Pure.

export type TMigrationPreflight = {
  vmid: number;
  target: string;
  source: string | null;
  kind: "qemu" | "lxc";
  // Online (live) migration for a running VM; restart migration for a running container.
  online: boolean;
  haManaged: boolean;
  reports: TReport[];
  ok: boolean;
};

export function migrationPreflight(ctx: TGuestContext, vmid: number, target: string): TMigrationPreflight {
  const guest = guestOf(ctx, vmid);
  const reports = precheckMigration({ vmid, target }, ctx.view);
  const params = { vmid, target };
  if (guest && !reports.some((r) => r.code === "PVE_MIGRATE_TARGET_IS_SOURCE" || r.code === "PVE_MIGRATE_NO_SUCH_TARGET")) {
    const job = ctx.replication.find((j) => j.guest === vmid && j.target === target && j.enabled);
    if (job) {
      if (job.state === "failing") {
        reports.push(warningReport("GUESTS_REPLICA_FAILING", `Replication ${job.id} to ${target} is failing (${job.error ?? "no error text"}); the migration sends what the last good replica lacks.`, { ...params, job: job.id }));
      } else if (job.lagSeconds === null) {
        reports.push(warningReport("GUESTS_REPLICA_NEVER_SYNCED", `Replication ${job.id} to ${target} has not synced yet; the migration copies the disks in full.`, { ...params, job: job.id }));
      } else {
        reports.push(report("info", "GUESTS_REPLICA_FRESH", `The replica on ${target} is ${ageText(job.lagSeconds)} old (job ${job.id}); only the changes since then are sent.`, { ...params, job: job.id, lagSeconds: job.lagSeconds }));
      }
    }
    if (nodesInMaintenance(ctx).includes(target)) {
      reports.push(warningReport("GUESTS_TARGET_IN_MAINTENANCE", `${target} is in maintenance; HA would move an HA guest away from it again.`, params));
    }
    const owners = ctx.pacemaker[vmid] ?? [];
    if (owners.length > 0) {
      reports.push(warningReport("GUESTS_PACEMAKER_OWNS", `Pacemaker also manages guest ${vmid} (${owners.join(", ")}); it may move or stop it behind the panel's back.`, { ...params, resources: owners }));
    }
  }
  const kind = guest?.type === "lxc" ? "lxc" : "qemu";
  return {
    vmid,
    target,
    source: guest?.node ?? null,
    kind,
    online: guest?.status === "running",
    haManaged: guest?.hastate !== null && guest?.hastate !== undefined,
    reports,
    ok: !reports.some((r) => r.severity === "error"),
  };
}
