import { describe, expect, it } from "vitest";
import { diskFacts, diskReports, type TDiskFact } from "./disks";

// lsblk -J -b -o NAME,PATH,SIZE,TYPE,FSTYPE,MOUNTPOINT,PKNAME as util-linux 2.38 prints it.
const LSBLK = JSON.stringify({
  blockdevices: [
    { name: "sda", path: "/dev/sda", size: 107374182400, type: "disk", fstype: null, mountpoint: null, pkname: null, children: [
      { name: "sda1", path: "/dev/sda1", size: 107373133824, type: "part", fstype: "ext4", mountpoint: "/srv", pkname: "sda" },
    ] },
    { name: "sdb", path: "/dev/sdb", size: 53687091200, type: "disk", fstype: null, mountpoint: null, pkname: null, children: [
      { name: "vg0-r0", path: "/dev/mapper/vg0-r0", size: 10737418240, type: "lvm", fstype: null, mountpoint: null, pkname: "sdb", children: [
        { name: "drbd0", path: "/dev/drbd0", size: 10737000000, type: "disk", fstype: null, mountpoint: null, pkname: "vg0-r0" },
      ] },
    ] },
  ],
});

const PATHS = ["/dev/sda\t1\t1\t/dev/sda\t", "/dev/vg0/r0\t1\t1\t/dev/dm-0\t/dev/mapper/vg0-r0", "/dev/sdz\t0\t0\t\t"].join("\n");

describe("diskFacts", () => {
  it("matches LVs through their /dev/mapper name, sees mounted partitions, and ignores DRBD sitting on its disk", () => {
    expect(diskFacts(["/dev/sda", "/dev/vg0/r0", "/dev/sdz"], PATHS, LSBLK)).toEqual([
      { path: "/dev/sda", exists: true, blockDevice: true, sizeBytes: 107374182400, fstype: null, mountpoints: ["/srv"], holders: ["part sda1"] },
      { path: "/dev/vg0/r0", exists: true, blockDevice: true, sizeBytes: 10737418240, fstype: null, mountpoints: [], holders: [] },
      { path: "/dev/sdz", exists: false, blockDevice: false, sizeBytes: null, fstype: null, mountpoints: [], holders: [] },
    ]);
  });

  it("keeps existence facts when lsblk fails or prints garbage", () => {
    expect(diskFacts(["/dev/sda"], PATHS, "not json")[0]).toMatchObject({ exists: true, sizeBytes: null });
  });
});

describe("diskReports", () => {
  const fact = (p: Partial<TDiskFact>): TDiskFact => ({ path: "/dev/sdb", exists: true, blockDevice: true, sizeBytes: 100, fstype: null, mountpoints: [], holders: [], ...p });
  it("names host and field for a missing, mounted, used or formatted disk and warns on different sizes", () => {
    const reports = diskReports([
      { host: "pve1", volume: 0, field: "volumes.0.disk", fact: fact({ sizeBytes: 100, fstype: "ext4" }) },
      { host: "pve2", volume: 0, field: "volumes.0.disk", fact: fact({ sizeBytes: 200 }) },
      { host: "pve1", volume: 1, field: "volumes.1.disk", fact: fact({ path: "/dev/sdc", mountpoints: ["/srv"] }) },
      { host: "pve2", volume: 1, field: "hosts.1.volumes.0.disk", fact: fact({ path: "/dev/sdx", exists: false }) },
      { host: "pve2", volume: 2, field: "volumes.2.disk", fact: fact({ holders: ["lvm vg-x"] }) },
    ]);
    expect(reports.map((r) => [r.severity, r.code, r.params.host, r.params.field])).toEqual([
      ["warning", "DRBD_DISK_HAS_DATA", "pve1", "volumes.0.disk"],
      ["error", "DRBD_DISK_MOUNTED", "pve1", "volumes.1.disk"],
      ["error", "DRBD_DISK_MISSING", "pve2", "hosts.1.volumes.0.disk"],
      ["error", "DRBD_DISK_IN_USE", "pve2", "volumes.2.disk"],
      ["warning", "DRBD_DISK_SIZE_MISMATCH", undefined, "volumes.0.disk"],
    ]);
    expect(reports[4]?.params.sizes).toEqual({ pve1: 100, pve2: 200 });
  });
});
