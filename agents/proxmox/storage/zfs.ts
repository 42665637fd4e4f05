import type { TBlockDevices } from "@/agents/host/model";
import { buildPlan } from "@/lib/plan/build";
import type { TPlan } from "@/lib/plan/plan";
import { errorReport, warningReport, type TReport } from "@/lib/reports/report";
import { validateInput } from "../ids";
import { pveStep } from "../steps";
import { ZZfsPoolDesired, type TZfsPoolDesiredInput } from "./model";

// A single-disk ZFS pool for VM disks (local-zfs style, the base of pvesr replication), made
// on a disk the admin picked. Pure: observed is the node's lsblk and its pool names.

export type TZfsObserved = { disks: TBlockDevices | null; pools: string[] | null };

export function precheckZfsPool(input: TZfsPoolDesiredInput, observed: TZfsObserved): TReport[] {
  const { value: d, reports } = validateInput(ZZfsPoolDesired, input, "PVE_ZFS_INVALID", "ZFS pool");
  if (!d) return reports;
  if (observed.disks === null) return [errorReport("PVE_ZFS_DISKS_UNKNOWN", `The disks of ${d.node} could not be read (lsblk).`, { host: d.node })];
  const disk = observed.disks.disks.find((x) => x.path === d.disk || `/dev/${x.name}` === d.disk);
  if (!disk) {
    return [errorReport("PVE_ZFS_NO_SUCH_DISK", `${d.node} has no disk ${d.disk}.`, { host: d.node, field: "disk", disks: observed.disks.disks.map((x) => x.path ?? x.name) })];
  }
  if (observed.pools?.includes(d.pool)) return [];
  if (!disk.empty) {
    reports.push(
      errorReport("PVE_ZFS_DISK_IN_USE", `${d.disk} on ${d.node} is not empty (${disk.usedBy.join(", ")}); zpool create would destroy that. Pick an empty disk or wipe this one yourself (wipefs -a) after checking it.`, {
        host: d.node,
        field: "disk",
        usedBy: disk.usedBy,
      }),
    );
  }
  if (disk.hardwareRaid) {
    reports.push(
      warningReport(
        "PVE_ZFS_HARDWARE_RAID",
        `${d.disk} on ${d.node}${disk.model ? ` (${disk.model})` : ""} is a logical drive of a hardware RAID controller. ZFS is not compatible with disks behind a hardware RAID controller: switch it to HBA/IT mode, or use LVM-thin.`,
        { host: d.node, field: "disk", model: disk.model },
      ),
    );
  }
  return reports;
}

export function planZfsPool(input: TZfsPoolDesiredInput, observed: TZfsObserved): TPlan {
  const reports = precheckZfsPool(input, observed);
  const d = ZZfsPoolDesired.safeParse(input).data;
  if (!d || reports.some((r) => r.severity === "error")) return buildPlan({ title: "ZFS pool", steps: [], reports });
  const title = `ZFS pool ${d.pool} on ${d.node}`;
  if (observed.pools?.includes(d.pool)) return buildPlan({ title, steps: [], reports });
  return buildPlan({
    title,
    reports,
    steps: [
      pveStep({
        id: `zpool-create-${d.node}-${d.pool}`,
        title: `Create ZFS pool ${d.pool} on ${d.disk} (${d.node}); everything on the disk is lost`,
        host: d.node,
        argv: ["zpool", "create", "-o", `ashift=${d.ashift}`, d.pool, d.disk],
        check: { kind: "command", argv: ["zpool", "list", "-H", "-o", "name", d.pool] },
        undo: { kind: "command", argv: ["zpool", "destroy", d.pool] },
        destructive: true,
      }),
    ],
  });
}
