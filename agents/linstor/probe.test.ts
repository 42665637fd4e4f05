import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { shScript } from "@/lib/ssh/argv";
import { FakeRunner } from "@/lib/ssh/fake-runner";
import { FILE_SCRIPTS } from "@/lib/ssh/write-file";
import { HA_MOUNT_UNIT, HA_REACTOR_CONF, HA_REACTOR_TOML, HA_SATELLITE_DROPIN, HA_SATELLITE_DROPIN_CONTENT } from "./ha-controller";
import { LINSTOR_CLUSTER_COMMANDS as CC, LINSTOR_HOST_COMMANDS as HC, probeLinstorCluster, probeLinstorHost } from "./probe";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");
const read = (p: string) => shScript(FILE_SCRIPTS.read, [p]);

const IP_ADDR = JSON.stringify([
  { ifindex: 1, ifname: "lo", flags: ["LOOPBACK", "UP"], operstate: "UNKNOWN", addr_info: [{ family: "inet", local: "127.0.0.1", prefixlen: 8 }] },
  { ifindex: 2, ifname: "eth0", flags: ["UP"], operstate: "UP", addr_info: [{ family: "inet", local: "10.1.0.11", prefixlen: 16 }] },
  { ifindex: 3, ifname: "eth1", flags: ["UP"], operstate: "UP", addr_info: [{ family: "inet", local: "10.2.0.11", prefixlen: 16 }] },
]);

describe("probeLinstorHost", () => {
  it("reads the services, the LINSTOR packages dpkg knows, the addresses and the client config", async () => {
    const runner = new FakeRunner([
      { argv: [...HC.satelliteActive], result: { code: 0, stdout: "active\n" } },
      { argv: [...HC.satelliteEnabled], result: { code: 0, stdout: "enabled\n" } },
      { argv: [...HC.controllerActive], result: { code: 3, stdout: "inactive\n" } },
      { argv: [...HC.reactorActive], result: { code: 0, stdout: "active\n" } },
      { argv: [...HC.dbMoved], result: { code: 0 } },
      // dpkg-query exits 1 when one of the packages is unknown, and still lists the others.
      {
        argv: [...HC.packages],
        result: { code: 1, stdout: "linstor-satellite install ok installed\nlinstor-client install ok installed\nlinstor-controller deinstall ok config-files\n", stderr: "dpkg-query: no packages found matching drbd-reactor\n" },
      },
      { argv: [...HC.addresses], result: { stdout: IP_ADDR } },
      { argv: read("/etc/linstor/linstor-client.conf"), result: { stdout: "[global]\ncontrollers=10.1.0.11\n" } },
      { argv: read(HA_SATELLITE_DROPIN), result: { stdout: HA_SATELLITE_DROPIN_CONTENT } },
      { argv: read(HA_MOUNT_UNIT), result: { code: 3 } },
      { argv: read(HA_REACTOR_CONF), result: { stdout: HA_REACTOR_TOML } },
    ]);
    expect(await probeLinstorHost(runner)).toEqual({
      satelliteActive: true,
      satelliteEnabled: true,
      controllerActive: false,
      packages: ["linstor-satellite", "linstor-client"],
      addresses: ["127.0.0.1", "10.1.0.11", "10.2.0.11"],
      clientConf: "[global]\ncontrollers=10.1.0.11\n",
      reactorActive: true,
      dbMoved: true,
      satelliteDropIn: HA_SATELLITE_DROPIN_CONTENT,
      mountUnit: null,
      reactorConf: HA_REACTOR_TOML,
    });
    runner.assertDone();
  });

  it("without dpkg-query the packages are unknown (null), not none", async () => {
    const runner = new FakeRunner([
      { argv: [...HC.satelliteActive], result: { code: 4, stdout: "inactive\n" } },
      { argv: [...HC.satelliteEnabled], result: { code: 1, stdout: "disabled\n" } },
      { argv: [...HC.controllerActive], result: { code: 4, stdout: "inactive\n" } },
      { argv: [...HC.reactorActive], result: { code: 4, stdout: "inactive\n" } },
      { argv: [...HC.dbMoved], result: { code: 1 } },
      { argv: [...HC.packages], result: { code: 127, stderr: "sh: dpkg-query: not found\n" } },
      { argv: [...HC.addresses], result: { stdout: IP_ADDR } },
      { argv: read("/etc/linstor/linstor-client.conf"), result: { code: 3 } },
      { argv: read(HA_SATELLITE_DROPIN), result: { code: 3 } },
      { argv: read(HA_MOUNT_UNIT), result: { code: 3 } },
      { argv: read(HA_REACTOR_CONF), result: { code: 3 } },
    ]);
    const o = await probeLinstorHost(runner);
    expect([o.satelliteActive, o.satelliteEnabled, o.controllerActive, o.packages, o.clientConf]).toEqual([false, false, false, null, null]);
    expect([o.reactorActive, o.dbMoved, o.satelliteDropIn, o.mountUnit, o.reactorConf]).toEqual([false, false, null, null, null]);
    runner.assertDone();
  });
});

describe("probeLinstorCluster", () => {
  it("a controller that does not answer: everything null with the client's reason, storage.cfg still read", async () => {
    const runner = new FakeRunner([
      // With -m the client exits 0 and prints the error reply as JSON.
      { argv: [...CC.nodes], result: { stdout: '[[{"ret_code": -4611686018427387903, "message": "Unable to connect to linstor://10.1.0.11:3370: [Errno 111] Connection refused"}]]' } },
      { argv: read("/etc/pve/storage.cfg"), result: { stdout: "dir: local\n\tpath /var/lib/vz\n\tcontent iso,vztmpl,backup\n" } },
    ]);
    const o = await probeLinstorCluster(runner);
    expect([o.nodes, o.nodeProps, o.storagePools, o.resources, o.definitions, o.groups, o.controllerProps]).toEqual([null, null, null, null, null, null, null]);
    expect(o.storages?.map((s) => s.id)).toEqual(["local"]);
    expect(o.errors).toHaveLength(1);
    expect(o.errors[0]).toContain("Connection refused");
    runner.assertDone();
  });

  it("a running controller: nodes with PrefNic props, pools, resources, definitions, groups and options", async () => {
    const runner = new FakeRunner([
      { argv: [...CC.nodes], result: { stdout: fixture("nodes-m-list.json") } },
      { argv: [...CC.storagePools], result: { stdout: fixture("storage-pools-m-list.json") } },
      { argv: [...CC.resources], result: { stdout: fixture("resources-m-list.json") } },
      { argv: [...CC.definitions], result: { stdout: '[[{"name": "vm-100-disk-1", "props": {}, "resource_group_name": "pve_rg"}]]' } },
      // A client without `resource-group list -m` support: unknown, not empty.
      { argv: [...CC.groups], result: { code: 2, stderr: "usage: linstor ...\nlinstor: error: invalid choice: 'list'\n" } },
      { argv: [...CC.controllerProps], result: { stdout: '{"DrbdOptions/Net/max-buffers": "36864"}' } },
      { argv: read("/etc/pve/storage.cfg"), result: { stdout: "drbd: drbdpool\n\tcontent images,rootdir\n\tcontroller 10.1.0.11\n\tresourcegroup pve_rg\n" } },
    ]);
    const o = await probeLinstorCluster(runner);
    expect(o.nodes?.map((n) => [n.name, n.online])).toEqual([["pve1", true], ["pve2", false], ["pve3", false]]);
    expect(o.nodeProps?.pve1).toEqual({ CurStltConnName: "default", NodeUname: "pve1" });
    expect(o.definitions).toEqual([{ name: "vm-100-disk-1", resourceGroup: "pve_rg", props: {} }]);
    expect(o.groups).toBeNull();
    expect(o.controllerProps).toEqual({ "DrbdOptions/Net/max-buffers": "36864" });
    expect(o.storages?.map((s) => [s.type, s.id, s.controller, s.resourcegroup])).toEqual([["drbd", "drbdpool", "10.1.0.11", "pve_rg"]]);
    expect(o.errors).toEqual(["linstor resource-group list: exit 2: linstor: error: invalid choice: 'list'"]);
    runner.assertDone();
  });
});
