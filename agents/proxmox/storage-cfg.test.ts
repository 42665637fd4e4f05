import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseSectionConfig, renderSectionConfig, upsertSection } from "./section-config";
import {
  emptyStorageEntry,
  isSharedStorage,
  parsePveStorageCfg,
  renderStorageCfg,
  storageFromSection,
  storageToSection,
} from "./storage-cfg";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("parsePveStorageCfg", () => {
  const { storages } = parsePveStorageCfg(fixture("storage.cfg-mixed-no-final-newline.cfg"));

  it("reads every plugin type of the mixed file without a final newline", () => {
    expect(storages.map((s) => `${s.type}:${s.id}`)).toEqual([
      "dir:local",
      "lvm:san-lvm",
      "iscsi:iscsi-san",
      "cephfs:cephfs",
      "drbd:drbdstorage",
      "pbs:backup-srv",
    ]);
  });

  it("types the common keys and keeps plugin-specific ones as strings", () => {
    const [dir, lvm, iscsi, cephfs, drbd, pbs] = storages;
    expect(dir).toMatchObject({ path: "/var/lib/vz", content: ["iso", "vztmpl", "backup"], shared: false });
    expect(lvm).toMatchObject({ vgname: "vg_san", shared: true, saferemove: true, base: "iscsi-san:0.0.0.scsi-36001405abcdef" });
    expect(iscsi?.extra).toEqual({ portal: "10.0.0.50", target: "iqn.2003-01.org.linux-iscsi.san:sn.123" });
    expect(iscsi?.content).toEqual(["none"]);
    expect(cephfs).toMatchObject({ fsName: "cephfs", path: "/mnt/pve/cephfs" });
    expect(drbd).toMatchObject({ controller: "10.0.0.10", resourcegroup: "defaultpool", content: ["images", "rootdir"] });
    expect(pbs).toMatchObject({ server: "10.0.0.60", username: "backup@pbs", disable: true });
    expect(pbs?.extra).toEqual({ datastore: "store1", "prune-backups": "keep-all=1" });
  });

  it("round-trips: render then parse gives the same entries", () => {
    expect(parsePveStorageCfg(renderStorageCfg(storages)).storages).toEqual(storages);
  });

  it("writes flags as 1 like Proxmox does", () => {
    const rbd = { ...emptyStorageEntry("rbd", "ceph"), pool: "rbd", krbd: true, content: ["images"] };
    expect(renderStorageCfg([rbd])).toBe("rbd: ceph\n\tpool rbd\n\tcontent images\n\tkrbd 1\n");
  });

  it("rejects the same storage id under two types", () => {
    expect(() => parsePveStorageCfg("dir: a\n\tpath /a\n\nnfs: a\n\tserver x\n")).toThrow(ParseError);
  });

  it("rejects a non-boolean shared value", () => {
    expect(() => parsePveStorageCfg("dir: a\n\tshared maybe\n")).toThrow(/shared is not a boolean/);
  });

  it("reads an empty storage.cfg as no storages", () => {
    expect(parsePveStorageCfg("")).toEqual({ storages: [] });
  });
});

describe("isSharedStorage", () => {
  it("counts network plugins as shared and local ones only with shared 1", () => {
    expect(isSharedStorage({ type: "nfs", shared: null })).toBe(true);
    expect(isSharedStorage({ type: "rbd", shared: false })).toBe(true);
    expect(isSharedStorage({ type: "lvm", shared: true })).toBe(true);
    expect(isSharedStorage({ type: "zfspool", shared: null })).toBe(false);
    expect(isSharedStorage({ type: "dir", shared: false })).toBe(false);
  });
});

describe("editing storage.cfg through sections", () => {
  it("changes one entry and leaves the rest of the file byte-for-byte", () => {
    const text = "dir: local\n\tpath /var/lib/vz\n\tcontent iso\n\n# main pool\nzfspool: local-zfs\n\tpool rpool/data\n\tsparse\n\tcontent images,rootdir\n";
    const cfg = parseSectionConfig(text, "pve-storage-cfg");
    const zfs = storageFromSection(cfg.sections[1]!);
    const edited = storageToSection({ ...zfs, nodes: ["pve1", "pve2"] });
    const after = renderSectionConfig({ ...cfg, sections: upsertSection(cfg.sections, edited) });
    expect(after).toBe(
      "dir: local\n\tpath /var/lib/vz\n\tcontent iso\n\n# main pool\nzfspool: local-zfs\n\tpool rpool/data\n\tsparse 1\n\tcontent images,rootdir\n\tnodes pve1,pve2\n",
    );
  });
});
