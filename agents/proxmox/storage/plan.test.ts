import { describe, expect, it } from "vitest";
import type { TDisk } from "@/agents/host/model";
import { emptyStorageEntry } from "../storage-cfg";
import { planPveStorage } from "./plan";
import { planZfsPool } from "./zfs";

const argvs = (plan: { steps: { action: { kind: string } }[] }) => plan.steps.map((s) => ("argv" in s.action ? s.action.argv : s.action.kind));
const nas = { ...emptyStorageEntry("nfs", "backup"), server: "10.0.0.50", export: "/vol/backup", content: ["backup"], extra: { "prune-backups": "keep-last=3" } };

describe("planPveStorage", () => {
  it("adds missing entries with sorted lists and a check on the written section", () => {
    const plan = planPveStorage(
      [
        { type: "zfspool", id: "local-zfs", pool: "rpool/data", content: ["rootdir", "images"], sparse: true, nodes: ["pve2", "pve1"] },
        { type: "drbd", id: "linstor", resourcegroup: "rg-2", controller: "10.0.0.1", content: ["images"] },
      ],
      [],
      "pve1",
    );
    expect(argvs(plan)).toEqual([
      ["pvesm", "add", "zfspool", "local-zfs", "--pool", "rpool/data", "--content", "images,rootdir", "--nodes", "pve1,pve2", "--sparse", "1"],
      ["pvesm", "add", "drbd", "linstor", "--controller", "10.0.0.1", "--resourcegroup", "rg-2", "--content", "images"],
    ]);
    const check = plan.steps[0]?.check;
    expect(check?.kind === "command" && check.argv.slice(4)).toEqual(["/etc/pve/storage.cfg", "zfspool: local-zfs", "pool rpool/data", "content images,rootdir", "nodes pve1,pve2", "sparse 1"]);
    expect(plan.steps[0]?.undo).toEqual({ kind: "command", argv: ["pvesm", "remove", "local-zfs"] });
  });

  it("sets only the keys that differ (retention of an NFS backup store), with an undo that restores them", () => {
    const plan = planPveStorage([{ type: "nfs", id: "backup", server: "10.0.0.50", export: "/vol/backup", content: ["backup"], maxBackups: 7 }], [nas], "pve1");
    expect(argvs(plan)).toEqual([["pvesm", "set", "backup", "--prune-backups", "keep-last=7"]]);
    expect(plan.steps[0]?.undo).toEqual({ kind: "command", argv: ["pvesm", "set", "backup", "--prune-backups", "keep-last=3"] });
    expect(planPveStorage([{ type: "nfs", id: "backup", server: "10.0.0.50", export: "/vol/backup", content: ["backup"], maxBackups: 3 }], [nas], "pve1").steps).toEqual([]);
  });

  it("refuses missing required keys, hostile values and a type change", () => {
    const plan = planPveStorage([{ type: "lvmthin", id: "data", vgname: "pve" }, { type: "nfs", id: "nas2", server: "a b", export: "/e" }], [], "pve1");
    expect(plan.reports.map((r) => [r.code, r.params.field])).toEqual([
      ["PVE_STORAGE_INVALID", "thinpool"],
      ["PVE_STORAGE_INVALID", "server"],
    ]);
    const conflict = planPveStorage([{ type: "rbd", id: "backup", pool: "rbd" }], [nas], "pve1");
    expect(conflict.reports.map((r) => r.code)).toEqual(["PVE_STORAGE_TYPE_CONFLICT"]);
    expect(conflict.steps).toEqual([]);
  });
});

describe("planZfsPool", () => {
  const disk = (name: string, over: Partial<TDisk> = {}): TDisk => ({
    name,
    path: `/dev/${name}`,
    sizeBytes: 500e9,
    model: null,
    vendor: null,
    serial: null,
    rotational: false,
    empty: true,
    usedBy: [],
    hardwareRaid: false,
    virtual: false,
    ...over,
  });
  const observed = (disks: TDisk[], pools: string[] = []) => ({ disks: { devices: [], disks }, pools });

  it("creates the pool on an empty disk; nothing to do once it exists", () => {
    const plan = planZfsPool({ node: "pve1", pool: "tank", disk: "/dev/sdb" }, observed([disk("sdb")]));
    expect(argvs(plan)).toEqual([["zpool", "create", "-o", "ashift=12", "tank", "/dev/sdb"]]);
    expect(plan.steps[0]?.destructive).toBe(true);
    expect(planZfsPool({ node: "pve1", pool: "tank", disk: "/dev/sdb" }, observed([disk("sdb", { empty: false, usedBy: ["zfs_member"] })], ["tank"])).steps).toEqual([]);
  });

  it("refuses a disk in use or absent and warns about a hardware RAID logical drive", () => {
    expect(planZfsPool({ node: "pve1", pool: "tank", disk: "/dev/sda" }, observed([disk("sda", { empty: false, usedBy: ["partition sda1"] })])).reports.map((r) => r.code)).toEqual(["PVE_ZFS_DISK_IN_USE"]);
    expect(planZfsPool({ node: "pve1", pool: "tank", disk: "/dev/sdz" }, observed([disk("sda")])).reports.map((r) => r.code)).toEqual(["PVE_ZFS_NO_SUCH_DISK"]);
    const raid = planZfsPool({ node: "pve1", pool: "tank", disk: "/dev/sdb" }, observed([disk("sdb", { hardwareRaid: true, model: "PERC H730" })]));
    expect(raid.reports.map((r) => [r.code, r.severity])).toEqual([["PVE_ZFS_HARDWARE_RAID", "warning"]]);
    expect(raid.steps).toHaveLength(1);
    expect(planZfsPool({ node: "pve1", pool: "tank", disk: "/dev/sdb; reboot" }, observed([])).reports.map((r) => r.params.field)).toEqual(["disk"]);
  });
});
