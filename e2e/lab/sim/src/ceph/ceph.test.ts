import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { parseCephOsdTreeJson } from "@/agents/ceph/parse-osd-tree";
import { parseCephStatusJson } from "@/agents/ceph/parse-status-json";
import { parseCephStatusText } from "@/agents/ceph/parse-status-text";
import { SimExit } from "../core/main";
import { simDisksMain } from "../zfs/sim-disks-cli";
import { capture, tempCluster } from "../zfs/test-hosts";
import { cephMain } from "./ceph-cli";
import { pvecephMain } from "./pveceph-cli";

const T0 = 1_750_000_000_000;

function run(main: (a: string[], io: ReturnType<typeof capture>, now: number) => number, args: string[], now = T0) {
  const io = capture();
  try {
    return { code: main(args, io, now), out: io.stdout(), err: "" };
  } catch (e) {
    if (!(e instanceof SimExit)) throw e;
    return { code: e.code, out: io.stdout(), err: e.message };
  }
}
const pveceph = (...a: string[]) => run(pvecephMain, a);
const ceph = (...a: string[]) => run(cephMain, a, T0 + 60_000);

describe("pveceph and ceph simulators (no real Ceph)", () => {
  let cluster: ReturnType<typeof tempCluster>;
  const hosts = ["pve1", "pve2", "pve3"];

  beforeEach(() => {
    process.env.SIM_CEPH_FORCE_SIM = "1";
    process.env.SIM_CEPH_ADDR = "10.10.10.1";
    cluster = tempCluster();
    for (const h of hosts) {
      cluster.on(h);
      simDisksMain(["add", "sdb", "256G", "--ssd"], capture());
      simDisksMain(["add", "sdc", "256G", "--fstype", "ext4"], capture());
    }
    cluster.on("pve1");
  });

  function bootstrap() {
    for (const h of hosts) {
      cluster.on(h);
      expect(pveceph("install", "--repository", "no-subscription").code).toBe(0);
    }
    cluster.on("pve1");
    expect(pveceph("init", "--network", "10.10.10.0/24").code).toBe(0);
    expect(pveceph("mon", "create").code).toBe(0);
    expect(pveceph("mgr", "create").code).toBe(0);
    for (const h of hosts) {
      cluster.on(h);
      expect(pveceph("osd", "create", "/dev/sdb").code).toBe(0);
    }
    cluster.on("pve1");
  }

  it("refuses to run before install and init, with pveceph's wording and exit 255", () => {
    expect(pveceph("init", "--network", "10.10.10.0/24")).toMatchObject({ code: 255, err: "binary not installed: /usr/bin/ceph-mon" });
    pveceph("install");
    expect(pveceph("mon", "create")).toMatchObject({ code: 255, err: "pveceph configuration not initialized" });
    expect(pveceph("pool", "ls")).toMatchObject({ code: 255, err: "pveceph configuration not initialized" });
  });

  it("writes ceph.conf in Proxmox's syntax on init and mon create", () => {
    bootstrap();
    const conf = readFileSync(path.join(cluster.shared, "ceph.conf"), "utf8");
    expect(conf).toMatch(/^\[global\]\n\t auth_client_required = cephx\n\t auth_cluster_required = cephx\n\t auth_service_required = cephx\n\t cluster_network = 10\.10\.10\.0\/24\n\t fsid = [0-9a-f-]{36}\n/);
    expect(conf).toContain("\t mon_host = 10.10.10.1\n");
    expect(conf).toContain("\n[client]\n\t keyring = /etc/pve/priv/$cluster.$name.keyring\n");
    expect(conf).toContain("\n[mon.pve1]\n\t public_addr = 10.10.10.1\n");
    expect(pveceph("mon", "create")).toMatchObject({ code: 255, err: "monitor 'pve1' already exists" });
  });

  it("refuses OSD disks that are in use or unknown", () => {
    bootstrap();
    expect(pveceph("osd", "create", "/dev/sdc")).toMatchObject({ code: 255, err: "device '/dev/sdc' is already in use" });
    expect(pveceph("osd", "create", "/dev/sdb")).toMatchObject({ code: 255, err: "device '/dev/sdb' is already in use" });
    expect(pveceph("osd", "create", "/dev/sdq")).toMatchObject({ code: 255, err: "unable to get device info for '/dev/sdq'" });
  });

  it("creates pools with the real setting log, lists them, and adds an RBD storage", () => {
    bootstrap();
    const created = pveceph("pool", "create", "vmpool", "--size", "3", "--min_size", "2", "--pg_autoscale_mode", "on", "--add_storages");
    expect(created.out).toBe(
      "pool vmpool: applying size = 3\npool vmpool: applying application = rbd\npool vmpool: applying min_size = 2\npool vmpool: applying pg_autoscale_mode = on\npool vmpool: applying pg_num = 128\n",
    );
    expect(readFileSync(path.join(cluster.shared, "storage.cfg"), "utf8")).toBe("rbd: vmpool\n\tcontent rootdir,images\n\tkrbd 0\n\tpool vmpool\n");
    const table = pveceph("pool", "ls").out.split("\n");
    expect(table[0]?.startsWith("┌────────┬──────┬──────────┬────────┬─────────────┬")).toBe(true);
    expect(table[1]).toMatch(/^│ Name {3}│ Size │ Min Size │ PG Num │ min\. PG Num │ Optimal PG Num │ PG Autoscale Mode │ PG Autoscale Target Size │ PG Autoscale Target Ratio │ Crush Rule Name │ %-Used │ Used │$/);
    expect(table[3]).toMatch(/^│ vmpool │ {4}3 │ {8}2 │ {4}128 │ +│ {12}128 │ on +│ +│ +│ replicated_rule │ {6}0 │  0 B │$/);
    expect(JSON.parse(pveceph("pool", "ls", "--output-format", "json").out)).toEqual([
      { pool_name: "vmpool", size: 3, min_size: 2, pg_num: 128, pg_num_final: 128, pg_autoscale_mode: "on", crush_rule_name: "replicated_rule", percent_used: 0, bytes_used: 0 },
    ]);
  });

  it("reports status through the project's Ceph parsers", () => {
    bootstrap();
    pveceph("pool", "create", "vmpool");
    const status = parseCephStatusJson(ceph("status", "-f", "json").out);
    expect(status).toMatchObject({ health: "HEALTH_OK", mons: { total: 1, inQuorum: ["pve1"] }, osds: { total: 3, up: 3, in: 3, remappedPgs: 0 }, pools: 1 });
    expect(status.pgs.byState).toEqual({ "active+clean": 128 });
    expect(status.bytes.total).toBe(3 * 256 * 1024 ** 3);
    const tree = parseCephOsdTreeJson(ceph("osd", "tree", "-f", "json").out);
    expect(tree.hosts.map((h) => [h.name, h.osds.map((o) => [o.id, o.status, o.class, o.weight])])).toEqual([
      ["pve1", [[0, "up", "ssd", 0.25]]],
      ["pve2", [[1, "up", "ssd", 0.25]]],
      ["pve3", [[2, "up", "ssd", 0.25]]],
    ]);
    const text = pveceph("status").out;
    expect(parseCephStatusText(text)).toMatchObject({ health: "HEALTH_OK", osds: { total: 3, up: 3, in: 3 } });
    expect(text.split("\n").slice(0, 3)).toEqual(["  cluster:", `    id:     ${status.fsid}`, "    health: HEALTH_OK"]);
  });

  it("warns like Ceph with too few OSDs and no manager", () => {
    pveceph("install");
    pveceph("init", "--network", "10.10.10.0/24");
    pveceph("mon", "create");
    const status = parseCephStatusJson(ceph("-s", "--format", "json").out);
    expect(status.health).toBe("HEALTH_WARN");
    expect(status.checks.map((c) => [c.code, c.summary])).toEqual([
      ["MGR_DOWN", "no active mgr"],
      ["TOO_FEW_OSDS", "OSD count 0 < osd_pool_default_size 3"],
    ]);
    expect(parseCephStatusText(ceph("-s").out).health).toBe("HEALTH_WARN");
  });

  it("fails like the ceph client when no cluster is configured", () => {
    expect(ceph("status", "-f", "json")).toMatchObject({ code: 1 });
  });
});
