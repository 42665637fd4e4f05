import type { TBlockDevices, TDisk } from "../host/model";
import { errorReport, warningReport, type TReport } from "@/lib/reports/report";
import type { TCephOsdDesired } from "./desired";

// Which of the chosen OSD disks still need `pveceph osd create`, and which must be refused.
// An OSD made by ceph-volume is an LVM physical volume whose logical volume is named
// "ceph--<uuid>-osd--block--<uuid>". A physical volume without that child (lsblk run without
// permission to see it, or a simulated host) counts as an OSD only while the host has at
// least as many OSDs in the CRUSH tree as such disks. Pure.

export type TOsdDiskVerdict =
  | { kind: "create"; osd: TCephOsdDesired; index: number; disk: TDisk }
  | { kind: "done"; osd: TCephOsdDesired; index: number }
  | { kind: "refused"; osd: TCephOsdDesired; index: number };

export const findDisk = (devices: TBlockDevices, path: string): TDisk | undefined =>
  devices.disks.find((d) => d.path === path || `/dev/${d.name}` === path);

function hasCephVolume(devices: TBlockDevices, disk: TDisk): boolean {
  return devices.devices.some((d) => d.parent === disk.name && d.name.startsWith("ceph--"));
}

const isBarePv = (devices: TBlockDevices, disk: TDisk) =>
  disk.usedBy.length === 1 && disk.usedBy[0] === "LVM physical volume" && !devices.devices.some((d) => d.parent === disk.name);

export function osdDiskVerdicts(
  osds: readonly TCephOsdDesired[],
  disksByHost: Readonly<Record<string, TBlockDevices | null>>,
  osdCountByHost: ReadonlyMap<string, number>,
): { verdicts: TOsdDiskVerdict[]; reports: TReport[] } {
  const verdicts: TOsdDiskVerdict[] = [];
  const reports: TReport[] = [];
  const barePvs = new Map<string, number>();
  osds.forEach((osd, index) => {
    const at = { field: `osds.${index}.disk`, host: osd.host, disk: osd.disk };
    const devices = disksByHost[osd.host] ?? null;
    if (devices === null) {
      reports.push(errorReport("CEPH_DISKS_NOT_READ", `The disks of ${osd.host} could not be read (lsblk), so ${osd.disk} cannot be checked.`, at));
      verdicts.push({ kind: "refused", osd, index });
      return;
    }
    const disk = findDisk(devices, osd.disk);
    if (!disk) {
      reports.push(errorReport("CEPH_OSD_DISK_MISSING", `${osd.host} has no disk ${osd.disk} (give the /dev/sdX path lsblk shows).`, at));
      verdicts.push({ kind: "refused", osd, index });
      return;
    }
    if (disk.empty) {
      if (disk.hardwareRaid) {
        reports.push(
          warningReport(
            "CEPH_OSD_DISK_BEHIND_RAID",
            `${osd.disk} on ${osd.host} (${disk.model ?? "unknown model"}) is a logical drive of a hardware RAID controller. Ceph needs direct access ` +
              "to each disk (HBA/IT mode): the controller's cache and error handling hide failures from Ceph and hurt its stability and speed.",
            { ...at, model: disk.model },
          ),
        );
      }
      verdicts.push({ kind: "create", osd, index, disk });
      return;
    }
    const bare = isBarePv(devices, disk);
    if (bare) barePvs.set(osd.host, (barePvs.get(osd.host) ?? 0) + 1);
    if (hasCephVolume(devices, disk) || (bare && (barePvs.get(osd.host) ?? 0) <= (osdCountByHost.get(osd.host) ?? 0))) {
      verdicts.push({ kind: "done", osd, index });
      return;
    }
    reports.push(
      errorReport(
        "CEPH_OSD_DISK_IN_USE",
        `${osd.disk} on ${osd.host} is not empty (${disk.usedBy.join(", ")}). An OSD needs a disk without partitions, filesystem or LVM; ` +
          "pveceph would refuse it, and wiping it is not something this plan does.",
        { ...at, usedBy: disk.usedBy },
      ),
    );
    verdicts.push({ kind: "refused", osd, index });
  });
  return { verdicts, reports };
}
