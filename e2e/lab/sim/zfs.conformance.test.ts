import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { lsblkJson } from "./src/zfs/disks";
import { simDisksMain } from "./src/zfs/sim-disks-cli";
import { capture, tempCluster } from "./src/zfs/test-hosts";

// The corpus has no ZFS or lsblk capture; the reference for the simulated inventory is the
// machine's own util-linux lsblk, run with the panel's options.
const OPTIONS = ["-J", "-b", "-o", "NAME,SIZE,TYPE,FSTYPE,MOUNTPOINT,MODEL,ROTA,SERIAL"];

describe("lsblk simulation conformance", () => {
  beforeAll(() => {
    tempCluster().on("pve1");
    simDisksMain(["add", "sdb", "100G", "--partitions", "2", "--part-fstype", "ext4"], capture());
    simDisksMain(["add", "sdc", "100G"], capture());
  });

  it("has the real lsblk JSON layout: key order, value types, indentation", () => {
    if (!existsSync("/usr/bin/lsblk")) throw new Error("/usr/bin/lsblk is missing: util-linux is part of every supported host");
    const real = spawnSync("/usr/bin/lsblk", OPTIONS, { encoding: "utf8" }).stdout;
    const sim = capture();
    simDisksMain(["list", "--lsblk-json"], sim);
    const realDev = (JSON.parse(real) as { blockdevices: Array<Record<string, unknown>> }).blockdevices[0] ?? {};
    const simDev = (JSON.parse(sim.stdout()) as { blockdevices: Array<Record<string, unknown>> }).blockdevices[0] ?? {};
    const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => k !== "children");
    expect(keys(simDev)).toEqual(keys(realDev));
    for (const k of ["size", "rota", "name", "type"]) expect([k, typeof simDev[k]]).toEqual([k, typeof realDev[k]]);
    expect(sim.stdout().split("\n").slice(0, 3)).toEqual(real.split("\n").slice(0, 3));
    // Consecutive devices (and partitions) are joined on one line, as util-linux writes them.
    expect(real).toMatch(/^ {6}\},\{$/m);
    expect(sim.stdout()).toMatch(/^ {6}\},\{$/m);
    expect(sim.stdout()).toMatch(/^ {12}\},\{$/m);
    expect(lsblkJson([]).trim()).toBe('{\n   "blockdevices": []\n}');
  });
});
