import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCorosyncConf } from "../../../../../agents/corosync/parse-conf";
import { parsePveHaResourcesCfg } from "../../../../../agents/proxmox/ha-cfg";
import { parseHaManagerStatus } from "../../../../../agents/proxmox/parse-ha-manager-status";
import { parsePveClusterStatusJson } from "../../../../../agents/proxmox/parse-pve-cluster-status";
import { parsePveResourcesJson } from "../../../../../agents/proxmox/parse-pve-resources";
import { parsePvecmNodes, parsePvecmStatus } from "../../../../../agents/proxmox/parse-pvecm";
import { parsePvesrStatus } from "../../../../../agents/proxmox/parse-pvesr-status";
import { parseQmMigrateLog } from "../../../../../agents/proxmox/parse-qm-migrate-log";
import { parsePveReplicationCfg } from "../../../../../agents/proxmox/replication-cfg";
import { parsePveStorageCfg } from "../../../../../agents/proxmox/storage-cfg";
import { makeLab, threeNodes } from "./test-harness";

describe("pvecm", () => {
  it("creates and joins a cluster, writing PVE's corosync.conf", async () => {
    const lab = await threeNodes();
    const conf = parseCorosyncConf(readFileSync(path.join(lab.shared, "corosync.conf"), "utf8"));
    expect(conf.clusterName).toBe("demo");
    expect(conf.configVersion).toBe(3);
    expect(conf.nodes.map((n) => [n.name, n.nodeid, n.addrs])).toEqual([
      ["pve1", 1, ["10.0.0.1"]],
      ["pve2", 2, ["10.0.0.2"]],
      ["pve3", 3, ["10.0.0.3"]],
    ]);
    expect(readFileSync(path.join(lab.shared, "corosync.conf"), "utf8")).toContain("nodelist {\n\n  node {\n    name: pve1\n");
  });

  it("prints status and nodes the panel's parsers read", async () => {
    const lab = await threeNodes();
    const status = await lab.on("pve2", "pvecm", "status");
    expect(status.code).toBe(0);
    const parsed = parsePvecmStatus(status.out);
    expect(parsed.cluster).toEqual({ name: "demo", configVersion: 3, transport: "knet", secureAuth: true });
    expect(parsed.quorum.quorate).toBe(true);
    expect(parsed.quorum.localNodeId).toBe(2);
    expect(parsed.quorum.nodes.map((n) => [n.nodeid, n.name, n.local])).toEqual([
      [1, "10.0.0.1", false],
      [2, "10.0.0.2", true],
      [3, "10.0.0.3", false],
    ]);
    const nodes = parsePvecmNodes((await lab.on("pve1", "pvecm", "nodes")).out);
    expect(nodes.nodes.map((n) => n.name)).toEqual(["pve1", "pve2", "pve3"]);
  });

  it("loses quorum when two of three nodes are down and shows the qdevice", async () => {
    const lab = await threeNodes();
    await lab.on("pve1", "sim-pve", "node-down", "pve2");
    await lab.on("pve1", "sim-pve", "node-down", "pve3");
    const q = parsePvecmStatus((await lab.on("pve1", "pvecm", "status")).out).quorum;
    expect([q.quorate, q.totalVotes, q.quorum, q.nodes.length]).toEqual([false, 1, 2, 1]);
    await lab.on("pve1", "sim-pve", "node-up", "pve2");
    await lab.on("pve1", "sim-pve", "node-up", "pve3");
    const odd = await lab.on("pve1", "pvecm", "qdevice", "setup", "10.0.0.9");
    expect([odd.code, odd.err]).toEqual([255, "Clusters with an odd node count are not officially supported!"]);
    expect((await lab.on("pve1", "pvecm", "qdevice", "setup", "10.0.0.9", "--force")).code).toBe(0);
    const withQ = parsePvecmStatus((await lab.on("pve1", "pvecm", "status")).out).quorum;
    expect(withQ.qdevice?.votes).toBe(1);
    expect(withQ.flags).toEqual(["Quorate", "Qdevice"]);
    expect((await lab.on("pve1", "pvecm", "qdevice", "remove")).out).toBe("\nRemoved Qdevice.\n");
    expect((await lab.on("pve1", "pvecm", "qdevice", "remove")).err).toBe("No QDevice configured!");
  });

  it("refuses joins with PVE's wording", async () => {
    const lab = makeLab();
    expect((await lab.on("pve1", "pvecm", "status")).err).toBe(
      "Error: Corosync config '/etc/pve/corosync.conf' does not exist - is this node part of a cluster?",
    );
    await lab.on("pve1", "pvecm", "create", "demo", "--link0", "10.0.0.1");
    expect((await lab.on("pve1", "pvecm", "create", "demo")).err).toBe("cluster config '/etc/pve/corosync.conf' already exists");
    await lab.on("pve2", "sim-pve", "seed-guest", "pve2", "200");
    const r = await lab.on("pve2", "pvecm", "add", "10.0.0.1", "--link0", "10.0.0.2");
    expect(r).toEqual({
      code: 255,
      out: "detected the following error(s):\n* this host already contains virtual guests\n",
      err: "Check if node may join a cluster failed!",
    });
    const again = await lab.on("pve1", "pvecm", "add", "10.0.0.1");
    expect(again.out).toContain("* cluster config '/etc/pve/corosync.conf' already exists\n");
    const usage = await lab.on("pve1", "pvecm", "expected");
    expect([usage.code, usage.err]).toEqual([255, "400 not enough arguments\npvecm expected <expected>\n"]);
  });
});

describe("qm / pct", () => {
  it("lists and shows configs", async () => {
    const lab = await threeNodes();
    const list = await lab.on("pve1", "qm", "list");
    expect(list.out).toBe(
      "      VMID NAME                 STATUS     MEM(MB)    BOOTDISK(GB) PID       \n" +
        "       100 web                  running    2048              32.00 1100      \n",
    );
    const conf = (await lab.on("pve1", "qm", "config", "100")).out;
    expect(conf).toContain("memory: 2048\n");
    expect(conf).toContain("scsi0: local-zfs:vm-100-disk-0,size=32G\n");
    expect((await lab.on("pve2", "qm", "config", "100")).err).toBe("Configuration file 'nodes/pve2/qemu-server/100.conf' does not exist");
  });

  it("refuses what Proxmox refuses", async () => {
    const lab = await threeNodes();
    await lab.on("pve1", "sim-pve", "seed-guest", "pve1", "101", "--usb", "--disk", "shared:8", "--running");
    const usb = await lab.on("pve1", "qm", "migrate", "101", "pve2", "--online");
    expect(usb.code).toBe(255);
    expect(usb.err).toBe("migration aborted");
    expect(usb.out).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d ERROR: migration aborted \(duration 00:00:00\): can't migrate VM which uses local devices: usb0\n$/);
    expect(parseQmMigrateLog(usb.out)).toMatchObject({ ok: false, errors: ["migration aborted (duration 00:00:00): can't migrate VM which uses local devices: usb0"] });
    const disk = await lab.on("pve1", "qm", "migrate", "100", "pve2", "--online");
    expect(disk.out).toContain("can't migrate local disk 'local-zfs:vm-100-disk-0': can't live migrate attached local disks without with-local-disks option\n");
    expect((await lab.on("pve1", "qm", "migrate", "999", "pve2")).err).toBe("Configuration file 'nodes/pve1/qemu-server/999.conf' does not exist");
    expect((await lab.on("pve1", "qm", "migrate", "100", "pve2")).err).toBe("can't migrate running VM without --online");
    expect((await lab.on("pve1", "qm", "migrate", "100", "pve1")).err).toBe(
      "400 Parameter verification failed.\ntarget: target is local node.\n\nqm migrate <vmid> <target> [OPTIONS]\n",
    );
    await lab.on("pve1", "sim-pve", "node-down", "pve2");
    const down = await lab.on("pve1", "qm", "migrate", "100", "pve2", "--online", "--with-local-disks");
    expect(down.out).toContain("ERROR: migration aborted (duration 00:00:00): Can't connect to destination address using public key\n");
  });

  it("migrates online, moving the config at the end", async () => {
    const lab = await threeNodes();
    const r = await lab.on("pve1", "qm", "migrate", "100", "pve2", "--online", "--with-local-disks");
    expect(r.code).toBe(0);
    const log = parseQmMigrateLog(r.out);
    expect(log).toMatchObject({ vmid: 100, target: "pve2", targetAddress: "10.0.0.2", online: true, ok: true, finished: true, guestType: "qemu" });
    expect(log.downtimeMs).toBeGreaterThan(0);
    expect((await lab.on("pve2", "qm", "list")).out).toContain("       100 web ");
    expect((await lab.on("pve1", "qm", "list")).out).toBe("");
  });

  it("aborts a migration whose target goes down mid-way: the guest stays on the source, unlocked", async () => {
    const lab = await threeNodes();
    process.env.SIM_MIGRATE_SECONDS = "2";
    const running = lab.on("pve1", "qm", "migrate", "100", "pve2", "--online", "--with-local-disks");
    await new Promise((r) => setTimeout(r, 1_000));
    await lab.on("pve1", "sim-pve", "node-down", "pve2");
    const r = await running;
    process.env.SIM_MIGRATE_SECONDS = "0";
    expect([r.code, r.err]).toEqual([255, "migration problems"]);
    const tail = r.out.trimEnd().split("\n").slice(-6).map((l) => l.slice(20));
    expect(tail).toEqual([
      "migration status error: failed",
      "ERROR: online migrate failure - aborting",
      "aborting phase 2 - cleanup resources",
      "migrate_cancel",
      "ERROR: command '/usr/bin/ssh -e none -o 'BatchMode=yes' -o 'HostKeyAlias=pve2' root@10.0.0.2 qm stop 100 --skiplock --migratedfrom pve1' failed: exit code 255",
      "ERROR: migration finished with problems (duration 00:00:01)",
    ]);
    expect(parseQmMigrateLog(r.out)).toMatchObject({ vmid: 100, ok: false, finished: true, errors: expect.arrayContaining(["online migrate failure - aborting"]) });
    expect((await lab.on("pve1", "qm", "list")).out).toContain("       100 web ");
    expect((await lab.on("pve1", "qm", "config", "100")).out).not.toContain("lock:");
    await lab.on("pve1", "sim-pve", "node-up", "pve2");
    expect((await lab.on("pve1", "qm", "migrate", "100", "pve2", "--online", "--with-local-disks")).code).toBe(0);
    expect((await lab.on("pve2", "qm", "list")).out).toContain("       100 web ");
  });

  it("pct migrate --restart prints the restart-mode log", async () => {
    const lab = await threeNodes();
    await lab.on("pve1", "sim-pve", "seed-guest", "pve1", "300", "--ct", "--disk", "local-zfs:8", "--running");
    expect((await lab.on("pve1", "pct", "migrate", "300", "pve3")).err).toBe("can't migrate running container without --online or --restart");
    const r = await lab.on("pve1", "pct", "migrate", "300", "pve3", "--restart");
    expect(parseQmMigrateLog(r.out)).toMatchObject({ vmid: 300, restart: true, guestType: "lxc", ok: true });
    expect((await lab.on("pve3", "pct", "list")).out).toContain("300        running");
  });
});

describe("pvesh", () => {
  it("serves cluster resources and status in the real keys", async () => {
    const lab = await threeNodes();
    await lab.on("pve1", "ha-manager", "add", "vm:100", "--state", "started");
    const res = parsePveResourcesJson((await lab.on("pve1", "pvesh", "get", "/cluster/resources", "--output-format", "json")).out);
    expect(res.nodes.map((n) => [n.name, n.status])).toEqual([["pve1", "online"], ["pve2", "online"], ["pve3", "online"]]);
    expect(res.guests).toMatchObject([{ vmid: 100, name: "web", type: "qemu", node: "pve1", status: "running", hastate: "started", maxmem: 2147483648 }]);
    expect(res.storages.map((s) => [s.id, s.node, s.plugintype, s.shared])).toContainEqual(["local-zfs", "pve2", "zfspool", false]);
    const st = parsePveClusterStatusJson((await lab.on("pve3", "pvesh", "get", "/cluster/status", "--output-format", "json")).out);
    expect(st.cluster).toEqual({ name: "demo", version: 3, quorate: true, nodes: 3 });
    expect(st.nodes.find((n) => n.local)?.name).toBe("pve3");
    expect(await lab.on("pve1", "pvesh", "get", "/foo")).toEqual({ code: 255, out: "", err: "No 'get' handler defined for '/foo'" });
  });

  it("creates HA resources and replication jobs through the API paths", async () => {
    const lab = await threeNodes();
    await lab.on("pve1", "pvesh", "create", "/cluster/ha/resources", "--sid", "vm:100", "--max_restart", "2");
    await lab.on("pve1", "pvesh", "create", "/cluster/replication", "--id", "100-0", "--target", "pve2", "--type", "local", "--schedule", "*/5");
    expect(parsePveHaResourcesCfg(readFileSync(path.join(lab.shared, "ha/resources.cfg"), "utf8")).resources).toMatchObject([{ sid: "vm:100", maxRestart: 2 }]);
    expect(parsePveReplicationCfg(readFileSync(path.join(lab.shared, "replication.cfg"), "utf8")).jobs).toMatchObject([
      { id: "100-0", target: "pve2", schedule: "*/5", source: "pve1" },
    ]);
    await lab.on("pve1", "pvesh", "delete", "/cluster/replication/100-0");
    expect(JSON.parse((await lab.on("pve1", "pvesh", "get", "/cluster/replication", "--output-format", "json")).out)).toEqual([]);
  });
});

describe("pvesm", () => {
  it("adds, lists and removes storages in storage.cfg syntax", async () => {
    const lab = makeLab();
    await lab.on("pve1", "pvesm", "add", "dir", "backup", "--path", "/mnt/backup", "--content", "backup");
    await lab.on("pve1", "pvesm", "add", "rbd", "ceph", "--pool", "rbd", "--krbd", "--content", "images");
    const cfg = readFileSync(path.join(lab.shared, "storage.cfg"), "utf8");
    expect(cfg).toBe("dir: backup\n\tpath /mnt/backup\n\tcontent backup\n\nrbd: ceph\n\tpool rbd\n\tcontent images\n\tkrbd 1\n");
    expect(parsePveStorageCfg(cfg).storages.map((s) => s.id)).toEqual(["backup", "ceph"]);
    const status = (await lab.on("pve1", "pvesm", "status")).out.split("\n");
    // Name column = longest id + 1 (7), then %10s Type.
    expect(status[0]).toBe("Name          Type     Status           Total            Used       Available        %");
    expect(status[1]).toMatch(/^backup         dir     active +\d+ +\d+ +\d+ +12\.34%$/);
    expect((await lab.on("pve1", "pvesm", "add", "dir", "backup", "--path", "/x")).err).toBe("create storage failed: storage ID 'backup' already defined");
    await lab.on("pve1", "pvesm", "remove", "ceph");
    expect(parsePveStorageCfg(readFileSync(path.join(lab.shared, "storage.cfg"), "utf8")).storages.map((s) => s.id)).toEqual(["backup"]);
  });
});

describe("ha-manager", () => {
  it("shows status, moves guests for maintenance and recovers from a dead node", async () => {
    const lab = await threeNodes();
    await lab.on("pve1", "ha-manager", "add", "vm:100", "--state", "started", "--max_relocate", "2");
    expect((await lab.on("pve1", "ha-manager", "config")).out).toBe("vm:100\n\tmax_relocate 2\n\tstate started\n");
    let st = parseHaManagerStatus((await lab.on("pve2", "ha-manager", "status")).out);
    expect(st.quorate).toBe(true);
    expect(st.master?.node).toBe("pve1");
    expect(st.services).toMatchObject([{ sid: "vm:100", node: "pve1", state: "started" }]);

    await lab.on("pve2", "ha-manager", "crm-command", "node-maintenance", "enable", "pve1");
    st = parseHaManagerStatus((await lab.on("pve2", "ha-manager", "status")).out);
    expect(st.lrms.find((l) => l.node === "pve1")?.state).toBe("maintenance mode");
    expect(st.services[0]?.node).toBe("pve2");
    await lab.on("pve2", "ha-manager", "crm-command", "node-maintenance", "disable", "pve1");
    expect(parseHaManagerStatus((await lab.on("pve2", "ha-manager", "status")).out).services[0]?.node).toBe("pve1");

    await lab.on("pve2", "sim-pve", "node-down", "pve1");
    st = parseHaManagerStatus((await lab.on("pve2", "ha-manager", "status")).out);
    expect(st.lrms.find((l) => l.node === "pve1")?.state).toBe("old timestamp - dead?");
    expect(st.services).toMatchObject([{ sid: "vm:100", node: "pve2", state: "started" }]);
    expect((await lab.on("pve2", "qm", "list")).out).toContain("       100 web ");
  });

  it("shows fence then recovery while the fencing delay runs", async () => {
    const lab = await threeNodes();
    process.env.SIM_HA_FENCE_SECONDS = "60";
    await lab.on("pve1", "ha-manager", "add", "vm:100");
    await lab.on("pve2", "sim-pve", "node-down", "pve1");
    expect(parseHaManagerStatus((await lab.on("pve2", "ha-manager", "status")).out).services[0]?.state).toBe("fence");
    process.env.SIM_HA_FENCE_SECONDS = "0";
  });

  it("writes groups (PVE 8) and node-affinity rules (PVE 9)", async () => {
    const lab = await threeNodes();
    await lab.on("pve1", "ha-manager", "groupadd", "prefer2", "--nodes", "pve2:2,pve3:1", "--restricted");
    expect(readFileSync(path.join(lab.shared, "ha/groups.cfg"), "utf8")).toBe("group: prefer2\n\tnodes pve2:2,pve3:1\n\trestricted 1\n");
    await lab.on("pve1", "ha-manager", "rules", "add", "node-affinity", "keep", "--resources", "vm:100", "--nodes", "pve3", "--strict", "1");
    expect(readFileSync(path.join(lab.shared, "ha/rules.cfg"), "utf8")).toBe("node-affinity: keep\n\tresources vm:100\n\tnodes pve3\n\tstrict 1\n");
    const bad = await lab.on("pve1", "ha-manager", "add", "vm:100", "--state", "running");
    expect(bad.err).toContain("400 Parameter verification failed.\nstate: value 'running' does not have a value in the enumeration");
  });
});

describe("pvesr", () => {
  it("creates, runs, fails on demand and deletes jobs", async () => {
    const lab = await threeNodes();
    expect((await lab.on("pve1", "pvesr", "create-local-job", "100-0", "pve1")).err).toBe(
      "Target node 'pve1' is the guest's current node, that's not allowed!",
    );
    await lab.on("pve1", "pvesr", "create-local-job", "100-0", "pve2", "--schedule", "*/15");
    expect(readFileSync(path.join(lab.shared, "replication.cfg"), "utf8")).toBe("local: 100-0\n\ttarget pve2\n\tschedule */15\n\tsource pve1\n");
    let st = parsePvesrStatus((await lab.on("pve1", "pvesr", "status")).out);
    expect(st.jobs).toMatchObject([{ id: "100-0", target: "pve2", lastSync: null, failCount: 0, ok: true }]);
    await lab.on("pve1", "pvesr", "run", "--id", "100-0");
    st = parsePvesrStatus((await lab.on("pve1", "pvesr", "status")).out);
    expect(st.jobs[0]?.lastSync).toMatch(/^\d{4}-\d\d-\d\d_\d\d:\d\d:\d\d$/);
    expect(st.jobs[0]?.duration).toBeGreaterThan(0);
    await lab.on("pve1", "sim-pve", "replication-fail", "100-0", "command 'zfs send' failed: exit code 1");
    expect(await lab.on("pve1", "pvesr", "run", "--id", "100-0")).toEqual({ code: 255, out: "", err: "command 'zfs send' failed: exit code 1" });
    st = parsePvesrStatus((await lab.on("pve1", "pvesr", "status")).out);
    expect(st.jobs[0]).toMatchObject({ failCount: 1, state: "command 'zfs send' failed: exit code 1", ok: false });
    expect((await lab.on("pve2", "pvesr", "status")).out.split("\n")).toHaveLength(2);
    await lab.on("pve1", "pvesr", "delete", "100-0");
    expect(parsePvesrStatus((await lab.on("pve1", "pvesr", "status")).out).jobs).toEqual([]);
  });
});
