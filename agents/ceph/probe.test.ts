import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FakeRunner } from "@/lib/ssh/fake-runner";
import { shScript } from "@/lib/ssh/argv";
import { FILE_SCRIPTS } from "@/lib/ssh/write-file";
import { CEPH_PROBE_COMMANDS as C, probeCephHost, pvecephStateOf } from "./probe";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");
const read = (p: string) => shScript(FILE_SCRIPTS.read, [p]);

describe("pvecephStateOf", () => {
  it("tells pveceph's refusals apart", () => {
    expect(pvecephStateOf({ code: 255, stdout: "", stderr: "binary not installed: /usr/bin/ceph-mon\n" })).toBe("not-installed");
    expect(pvecephStateOf({ code: 255, stdout: "", stderr: "pveceph configuration not initialized - missing '/etc/pve/ceph.conf'\n" })).toBe("not-initialized");
    expect(pvecephStateOf({ code: 255, stdout: "", stderr: "command 'ceph -s' failed: got timeout\n" })).toBe("unreachable");
    expect(pvecephStateOf({ code: 0, stdout: fixture("pveceph-status-3node.txt"), stderr: "" })).toBe("running");
  });
});

describe("probeCephHost", () => {
  it("a node without Ceph: disks and storage.cfg are read, the cluster parts are null with reasons", async () => {
    const runner = new FakeRunner([
      { argv: [...C.pvecephStatus], result: { code: 255, stderr: "binary not installed: /usr/bin/ceph-mon\n" } },
      { argv: [...C.status], result: { code: 1, stderr: "Error initializing cluster client: ObjectNotFound('RADOS object not found (error calling conf_read_file)')\n" } },
      { argv: [...C.disks], result: { stdout: fixture("lsblk-osd-candidates.json") } },
      { argv: read("/etc/pve/ceph.conf"), result: { code: 3 } },
      { argv: read("/etc/pve/storage.cfg"), result: { stdout: "dir: local\n\tpath /var/lib/vz\n\tcontent iso,vztmpl,backup\n" } },
    ]);
    const o = await probeCephHost(runner);
    runner.assertDone();
    expect(o.pveceph).toBe("not-installed");
    expect([o.status, o.statusText, o.tree, o.pools, o.conf]).toEqual([null, null, null, null, null]);
    expect(o.disks?.disks.filter((d) => d.empty).map((d) => d.name)).toEqual(["sdb", "sdd"]);
    expect(o.storages?.map((s) => [s.type, s.id])).toEqual([["dir", "local"]]);
    expect(o.errors).toEqual(["ceph status: exit 1: Error initializing cluster client: ObjectNotFound('RADOS object not found (error calling conf_read_file)')"]);
  });

  it("a running node: monitors and managers from pveceph status, pools, tree and the ceph.conf sections", async () => {
    const runner = new FakeRunner([
      { argv: [...C.pvecephStatus], result: { stdout: fixture("pveceph-status-3node.txt") } },
      { argv: [...C.status], result: { stdout: fixture("reef-lab-status.json") } },
      { argv: [...C.osdTree], result: { stdout: fixture("osd-tree-3node.json") } },
      { argv: [...C.osdDf], result: { code: 22, stderr: "simulator: 'ceph osd df' is not simulated\n" } },
      { argv: [...C.pools], result: { stdout: fixture("pool-ls-detail.json") } },
      { argv: [...C.poolUsage], result: { stdout: fixture("df-pacific.json") } },
      { argv: [...C.disks], result: { stdout: fixture("lsblk-osd-candidates.json") } },
      { argv: read("/etc/pve/ceph.conf"), result: { stdout: fixture("pve-ceph.conf") } },
      { argv: read("/etc/pve/storage.cfg"), result: { code: 3 } },
    ]);
    const o = await probeCephHost(runner);
    expect(o.pveceph).toBe("running");
    expect(o.statusText?.mgr).toEqual({ active: "pve1", standbys: ["pve2", "pve3"] });
    expect(o.status?.health).toBe("HEALTH_OK");
    expect(o.tree?.hosts.map((h) => [h.name, h.osds.length])).toEqual([["pve1", 1], ["pve2", 1], ["pve3", 1]]);
    expect(o.df).toBeNull();
    expect(o.pools?.map((p) => [p.name, p.size, p.minSize, p.autoscaleMode, p.applications])).toEqual([
      [".mgr", 3, 2, "on", ["mgr"]],
      ["vmpool", 3, 2, "on", ["rbd"]],
    ]);
    expect(o.poolUsage?.map((u) => [u.name, u.storedBytes])).toEqual([
      [".mgr", 1388544],
      ["vmpool", 21474836480],
    ]);
    expect(o.conf).toMatchObject({ publicNetwork: "10.10.10.0/24", clusterNetwork: "10.10.10.0/24", monitorHosts: ["pve1", "pve2", "pve3"] });
    expect(o.storages).toEqual([]);
    runner.assertDone();
    expect(o.errors).toEqual(["ceph osd df: exit 22: simulator: 'ceph osd df' is not simulated"]);
  });
});
