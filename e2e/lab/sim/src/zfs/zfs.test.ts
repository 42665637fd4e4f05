import { beforeEach, describe, expect, it } from "vitest";
import { parseLsblkJson } from "@/agents/host/parse-lsblk";
import { SimExit } from "../core/main";
import { lsblkMain, simDisksMain } from "./sim-disks-cli";
import { nicenum } from "./state";
import { capture, tempCluster } from "./test-hosts";
import { zfsMain } from "./zfs-cli";
import { zpoolMain } from "./zpool-cli";

type Main = (args: string[], io: ReturnType<typeof capture>) => number;

function run(main: Main, args: string[]) {
  const io = capture();
  try {
    return { code: main(args, io), out: io.stdout(), err: "" };
  } catch (e) {
    if (!(e instanceof SimExit)) throw e;
    return { code: e.code, out: io.stdout(), err: e.message };
  }
}
const zpool = (...a: string[]) => run(zpoolMain, a);
const zfs = (...a: string[]) => run(zfsMain, a);
const disks = (...a: string[]) => run(simDisksMain, a);

describe("ZFS simulator", () => {
  let cluster: ReturnType<typeof tempCluster>;
  beforeEach(() => {
    cluster = tempCluster();
    cluster.on("pve1");
    disks("add", "sdb", "100G", "--ssd");
    disks("add", "sdc", "100G", "--ssd");
    disks("add", "sdd", "50G", "--fstype", "ext4");
    disks("add", "sde", "50G", "--fstype", "ext4", "--mounted", "/srv");
    disks("add", "sdf", "50G", "--partitions", "2", "--part-fstype", "xfs");
  });

  it("formats sizes like zfs_nicenum", () => {
    expect([nicenum(98304), nicenum(1.23 * 1024 ** 3), nicenum(31.5 * 1024 ** 3), nicenum(100 * 1024 ** 3), nicenum(0)]).toEqual(["96K", "1.23G", "31.5G", "100G", "0B"]);
  });

  it("creates a mirror and shows it in zpool list and zpool status", () => {
    expect(zpool("create", "-o", "ashift=12", "tank", "mirror", "/dev/sdb", "sdc")).toEqual({ code: 0, out: "", err: "" });
    expect(zpool("list", "-H", "-o", "name,size,health").out).toBe("tank\t100G\tONLINE\n");
    const list = zpool("list").out.split("\n");
    expect(list[0]).toBe("NAME   SIZE  ALLOC   FREE  CKPOINT  EXPANDSZ   FRAG    CAP  DEDUP    HEALTH  ALTROOT");
    expect(list[1]).toBe("tank   100G    96K   100G        -         -     0%     0%  1.00x    ONLINE  -");
    expect(zpool("status", "tank").out).toBe(
      "  pool: tank\n state: ONLINE\nconfig:\n\n" +
        "\tNAME        STATE     READ WRITE CKSUM\n" +
        "\ttank        ONLINE       0     0     0\n" +
        "\t  mirror-0  ONLINE       0     0     0\n" +
        "\t    sdb     ONLINE       0     0     0\n" +
        "\t    sdc     ONLINE       0     0     0\n" +
        "\nerrors: No known data errors\n",
    );
    // The disks now carry ZFS labels; lsblk shows the partitions zpool made.
    const lsblk = capture();
    lsblkMain(["-J", "-b", "-o", "NAME,FSTYPE"], lsblk);
    const devices = (JSON.parse(lsblk.stdout()) as { blockdevices: Array<{ name: string; children?: Array<{ name: string; fstype: string | null }> }> }).blockdevices;
    expect(devices.find((d) => d.name === "sdb")?.children).toEqual([
      { name: "sdb1", fstype: "zfs_member" },
      { name: "sdb9", fstype: null },
    ]);
    expect(zpool("create", "tank2", "sdb").err).toBe("invalid vdev specification\nuse '-f' to override the following errors:\n/dev/sdb1 is part of active pool 'tank'");
  });

  it("refuses disks in use with ZFS's wording; -f overrides a filesystem but not a mount", () => {
    expect(zpool("create", "tank", "sdd")).toMatchObject({ code: 1, err: "invalid vdev specification\nuse '-f' to override the following errors:\n/dev/sdd contains a filesystem of type 'ext4'" });
    expect(zpool("create", "tank", "sdf").err).toBe("invalid vdev specification\nuse '-f' to override the following errors:\n/dev/sdf1 contains a filesystem of type 'xfs'");
    expect(zpool("create", "tank", "sde")).toMatchObject({ code: 1, err: "/dev/sde is in use and contains a ext4 filesystem." });
    expect(zpool("create", "-f", "tank", "sde").err).toBe("/dev/sde is in use and contains a ext4 filesystem.");
    expect(zpool("create", "tank", "sdz").err).toBe("cannot open 'sdz': no such device in /dev\nmust be a full path or shorthand device name");
    expect(zpool("create", "tank", "mirror", "sdb").err).toBe("invalid vdev specification: mirror requires at least 2 devices");
    expect(zpool("create", "-f", "tank", "sdd").code).toBe(0);
    expect(zpool("create", "tank", "sdb").err).toBe("cannot create 'tank': pool already exists");
    expect(zpool("list").out).toContain("tank");
  });

  it("keeps pools per host", () => {
    zpool("create", "rpool", "sdb");
    cluster.on("pve2");
    expect(zpool("list").out).toBe("no pools available\n");
    expect(zpool("status").out).toBe("no pools available\n");
    expect(zpool("destroy", "rpool")).toMatchObject({ code: 1, err: "cannot open 'rpool': no such pool" });
  });

  it("supports the datasets and replication snapshots Proxmox uses", () => {
    zpool("create", "rpool", "sdb");
    expect(zfs("create", "rpool/data").code).toBe(0);
    expect(zfs("create", "-V", "8G", "rpool/data/vm-100-disk-0").code).toBe(0);
    expect(zfs("create", "rpool/nope/x").err).toBe("cannot create 'rpool/nope/x': parent does not exist");
    expect(zfs("create", "rpool/data").err).toBe("cannot create 'rpool/data': dataset already exists");
    expect(zfs("create", "tank/x").err).toBe("cannot create 'tank/x': no such pool 'tank'");
    const snap = "rpool/data/vm-100-disk-0@__replicate_100-0_1700000000__";
    expect(zfs("snapshot", snap).code).toBe(0);
    expect(zfs("snapshot", snap).err).toBe(`cannot create snapshot '${snap}': dataset already exists`);
    expect(zfs("list", "-H", "-o", "name", "-t", "snapshot").out).toBe(`${snap}\n`);
    expect(zfs("list", "-H", "-o", "name").out).toBe("rpool\nrpool/data\nrpool/data/vm-100-disk-0\n");
    const table = zfs("list").out.split("\n");
    expect(table[0]).toMatch(/^NAME +USED +AVAIL +REFER +MOUNTPOINT$/);
    expect(table[3]).toMatch(/^rpool\/data\/vm-100-disk-0 +8G +\S+ +56K +-$/);
    expect(zfs("list", "-Hp", "-o", "name,used", "rpool/data/vm-100-disk-0").out).toBe(`rpool/data/vm-100-disk-0\t${8 * 1024 ** 3}\n`);
    expect(zfs("destroy", "rpool/data/vm-100-disk-0").err).toBe(`cannot destroy 'rpool/data/vm-100-disk-0': volume has children\nuse '-r' to destroy the following datasets:\n${snap}`);
    expect(zfs("destroy", snap).code).toBe(0);
    expect(zfs("destroy", "rpool/data/vm-100-disk-0").code).toBe(0);
    expect(zfs("list", "-t", "snapshot").out).toBe("no datasets available\n");
    expect(zfs("destroy", "rpool/gone").err).toBe("cannot open 'rpool/gone': dataset does not exist");
  });

  it("serves the disk inventory as lsblk JSON with lsblk's keys and types", () => {
    const io = capture();
    lsblkMain(["-J", "-b", "-o", "NAME,SIZE,TYPE,FSTYPE,MOUNTPOINT,MODEL,ROTA,SERIAL"], io);
    const first = (JSON.parse(io.stdout()) as { blockdevices: unknown[] }).blockdevices[0];
    expect(first).toEqual({ name: "sdb", size: 107374182400, type: "disk", fstype: null, mountpoint: null, model: "QEMU HARDDISK", rota: false, serial: "SIM-sdb" });
    expect(io.stdout().split("\n")[1]).toBe('   "blockdevices": [');
    expect(disks("list", "--lsblk-json").out).toBe(io.stdout());
  });

  it("answers the host agent's lsblk call in a form its parser reads", () => {
    const io = capture();
    lsblkMain(["-J", "-b", "-o", "NAME,PATH,SIZE,TYPE,FSTYPE,MOUNTPOINT,MODEL,VENDOR,ROTA,SERIAL,PKNAME"], io);
    const parsed = JSON.stringify(parseLsblkJson(io.stdout()));
    expect(parsed).toContain("/dev/sdb");
    expect(parsed).toContain("sdf1");
  });
});
