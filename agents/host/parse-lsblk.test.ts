import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { looksLikeHardwareRaid } from "./disk-usage";
import { parseLsblkJson } from "./parse-lsblk";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("parseLsblkJson", () => {
  const r = parseLsblkJson(fixture("lsblk-pve-mixed.json"));
  const disk = (name: string) => r.disks.find((d) => d.name === name);

  it("lists top-level disks only (no rom) and flattens the tree with parents", () => {
    expect(r.disks.map((d) => d.name)).toEqual(["sda", "sdb", "sdc", "sdd", "sde", "zd0", "nvme0n1"]);
    expect(r.devices).toHaveLength(16);
    expect(r.devices.find((d) => d.name === "pve-root")).toEqual({
      name: "pve-root",
      path: "/dev/mapper/pve-root",
      type: "lvm",
      sizeBytes: 103079215104,
      fstype: "ext4",
      mountpoints: ["/"],
      model: null,
      vendor: null,
      serial: null,
      rotational: false,
      parent: "sda3",
    });
  });

  it("says why a disk is in use: partitions, LVM PV, Ceph, ZFS", () => {
    expect(disk("sda")).toMatchObject({ empty: false, usedBy: ["partition sda1", "partition sda2", "partition sda3"], hardwareRaid: true, vendor: "DELL" });
    expect(disk("sdd")).toMatchObject({ empty: false, usedBy: ["LVM physical volume", "lvm ceph--3f1a--osd--block--9c2e on top"] });
    expect(disk("sde")).toMatchObject({ empty: false, usedBy: ["partition sde1", "partition sde9"] });
  });

  it("finds empty disks and flags RAID logical drives and zvols", () => {
    expect(disk("sdb")).toMatchObject({ empty: true, usedBy: [], hardwareRaid: true, rotational: true });
    expect(disk("sdc")).toMatchObject({ empty: true, hardwareRaid: false, virtual: false, sizeBytes: 960197124096, serial: "S45NNE0M123456" });
    expect(disk("nvme0n1")).toMatchObject({ empty: true, hardwareRaid: false, vendor: null });
    expect(disk("zd0")).toMatchObject({ empty: true, virtual: true });
  });

  it("reads util-linux < 2.33 output with every value a string", () => {
    const old = parseLsblkJson(fixture("lsblk-util-linux-2.32-strings.json"));
    expect(old.disks.map((d) => [d.name, d.sizeBytes, d.rotational, d.hardwareRaid, d.empty, d.path])).toEqual([
      ["sda", 146778685440, true, true, false, null],
      ["sdb", 299966445568, true, true, true, null],
      ["sdc", 299966445568, false, true, false, null],
    ]);
    expect(old.disks[2]?.usedBy).toEqual(["software RAID (md) member", "raid1 md0 on top"]);
  });

  it("reads MOUNTPOINTS arrays and a mounted whole-disk filesystem", () => {
    const r2 = parseLsblkJson(
      '{"blockdevices":[{"name":"vdb","size":10737418240,"type":"disk","fstype":"xfs","mountpoints":["/data",null],"rota":false},{"name":"zram0","size":0,"type":"disk","mountpoints":["[SWAP]"]}]}',
    );
    expect(r2.disks.map((d) => [d.name, d.empty, d.usedBy, d.virtual])).toEqual([
      ["vdb", false, ["filesystem xfs", "mounted at /data"], false],
      ["zram0", false, ["active swap"], true],
    ]);
  });

  it("throws ParseError on empty, truncated, human sizes and nameless devices", () => {
    expect(() => parseLsblkJson("")).toThrow(ParseError);
    expect(() => parseLsblkJson('{"blockdevices":[{"name":"sda"')).toThrow(ParseError);
    expect(() => parseLsblkJson('{"blockdevices":[{"name":"sda","size":"1.8T","type":"disk"}]}')).toThrow(/byte count/);
    expect(() => parseLsblkJson('{"blockdevices":[{"size":1,"type":"disk"}]}')).toThrow(/without a name/);
    expect(() => parseLsblkJson("[]")).toThrow(ParseError);
  });
});

describe("looksLikeHardwareRaid", () => {
  it("knows controller logical drives and leaves plain drives alone", () => {
    const raid: [string | null, string | null][] = [
      ["PERC H710", "DELL"],
      ["LOGICAL VOLUME", "HP"],
      ["MR9361-8i", "AVAGO"],
      ["MegaRAID 9271", null],
      ["ServeRAID M5015", "IBM"],
      ["Smart Array P420i", null],
      ["PRAID EP420i", "FTS"],
      ["Array 1", "Adaptec"],
      ["UCSC-RAID12G", null],
    ];
    expect(raid.map(([m, v]) => looksLikeHardwareRaid(m, v))).toEqual(raid.map(() => true));
    const plain: [string | null, string | null][] = [
      ["SAMSUNG MZ7LH960HAJR-00005", "ATA"],
      ["ST4000NM0035-1V4107", "ATA"],
      ["QEMU HARDDISK", "QEMU"],
      ["EG0900FBVFQ", "HP"],
      [null, null],
    ];
    expect(plain.map(([m, v]) => looksLikeHardwareRaid(m, v))).toEqual(plain.map(() => false));
  });
});
