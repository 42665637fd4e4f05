import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseLsblkJson } from "../host/parse-lsblk";
import { emptyStorageEntry } from "../proxmox/storage-cfg";
import { ZCephDesired, type TCephDesiredInput } from "./desired";
import { parseCephOsdTreeJson } from "./parse-osd-tree";
import { parseCephPoolLsJson } from "./parse-pool-ls";
import { parseCephStatusText } from "./parse-status-text";
import { planCephCluster } from "./plan";
import type { TCephHostObserved } from "./probe";
import { readPveCephConf } from "./pve-ceph-conf";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");
const TIB = 2 ** 40;
const NODES = ["pve1", "pve2", "pve3"];

const desired = (over: Partial<TCephDesiredInput> = {}) =>
  ZCephDesired.parse({
    nodes: NODES,
    network: "10.10.10.0/24",
    monitors: NODES,
    managers: NODES,
    osds: NODES.map((host) => ({ host, disk: "/dev/sdb" })),
    pools: [{ name: "vmpool", size: 3, minSize: 2, storage: { id: "vmpool" } }],
    ...over,
  });

const fresh = (over: Partial<TCephHostObserved> = {}): TCephHostObserved => ({
  pveceph: "not-installed",
  statusText: null,
  status: null,
  tree: null,
  df: null,
  pools: null,
  poolUsage: null,
  conf: null,
  disks: parseLsblkJson(fixture("lsblk-osd-candidates.json")),
  storages: [],
  errors: [],
  ...over,
});

const rbd = { ...emptyStorageEntry("rbd", "vmpool"), pool: "vmpool", content: ["images", "rootdir"] };
const built = (over: Partial<TCephHostObserved> = {}): TCephHostObserved =>
  fresh({
    pveceph: "running",
    statusText: parseCephStatusText(fixture("pveceph-status-3node.txt")),
    tree: parseCephOsdTreeJson(fixture("osd-tree-3node.json")),
    pools: parseCephPoolLsJson(fixture("pool-ls-detail.json")),
    conf: readPveCephConf(fixture("pve-ceph.conf")),
    storages: [rbd],
    ...over,
  });
const all = (o: TCephHostObserved) => Object.fromEntries(NODES.map((n) => [n, o]));
const codes = (reports: { severity: string; code: string; params: Record<string, unknown> }[]) => reports.map((r) => [r.severity, r.code, r.params.field]);

describe("planCephCluster", () => {
  it("builds a cluster on three fresh nodes in the admin guide's order", () => {
    const plan = planCephCluster(desired(), all(fresh()));
    expect(plan.steps.map((s) => s.id)).toEqual([
      "ceph-install-pve1",
      "ceph-install-pve2",
      "ceph-install-pve3",
      "ceph-init",
      "ceph-mon-pve1",
      "ceph-mon-pve2",
      "ceph-mon-pve3",
      "ceph-mgr-pve1",
      "ceph-mgr-pve2",
      "ceph-mgr-pve3",
      "ceph-osd-pve1-sdb",
      "ceph-osd-pve2-sdb",
      "ceph-osd-pve3-sdb",
      "ceph-pool-vmpool",
      "ceph-storage-vmpool",
    ]);
    const byId = Object.fromEntries(plan.steps.map((s) => [s.id, s]));
    expect(byId["ceph-install-pve2"]?.action).toEqual({
      kind: "command",
      argv: ["pveceph", "install", "--repository", "no-subscription", "--version", "reef"],
      stdin: "y\n",
      timeoutMs: 1_800_000,
    });
    expect(byId["ceph-init"]).toMatchObject({ host: "pve1", action: { argv: ["pveceph", "init", "--network", "10.10.10.0/24"] } });
    expect(byId["ceph-mon-pve3"]).toMatchObject({ host: "pve3", action: { argv: ["pveceph", "mon", "create"] }, undo: { argv: ["pveceph", "mon", "destroy", "pve3"] } });
    expect(byId["ceph-osd-pve2-sdb"]).toMatchObject({ host: "pve2", destructive: true, action: { argv: ["pveceph", "osd", "create", "/dev/sdb"] } });
    expect(byId["ceph-pool-vmpool"]?.action).toMatchObject({
      argv: ["pveceph", "pool", "create", "vmpool", "--size", "3", "--min_size", "2", "--pg_autoscale_mode", "on", "--application", "rbd"],
    });
    expect(byId["ceph-storage-vmpool"]?.action).toMatchObject({ argv: ["pvesm", "add", "rbd", "vmpool", "--pool", "vmpool", "--content", "images,rootdir", "--krbd", "0"] });
    expect(plan.steps.every((s) => s.check !== null)).toBe(true);
    // Three hosts of 1 TiB, size 3: one host's worth at the 95% full ratio, nothing left to
    // re-replicate into after a host is lost.
    const cap = plan.reports.find((r) => r.code === "CEPH_CAPACITY_AFTER_HOST_LOSS");
    expect(cap?.params).toMatchObject({ poolSize: 3, hostsBefore: 3, hostsAfter: 2, rawBytesBefore: 3 * TIB, usableBytesAfter: 0, canRestoreReplicas: false });
    expect(cap?.params.usableBytesBefore).toBe(Math.floor(TIB * 0.95));
    expect(codes(plan.reports)).toEqual([["info", "CEPH_CAPACITY_AFTER_HOST_LOSS", undefined]]);
  });

  it("plans nothing for a cluster that already matches", () => {
    const plan = planCephCluster(desired({ osds: NODES.map((host) => ({ host, disk: "/dev/sdc" })) }), all(built()));
    expect(plan.steps).toEqual([]);
    expect(plan.reports.filter((r) => r.severity !== "info")).toEqual([]);
  });

  it("a daemon seen by any node counts, and cluster-wide steps run on the first node", () => {
    const partial = fresh({ pveceph: "running", statusText: parseCephStatusText(fixture("pveceph-status-3node.txt")), conf: readPveCephConf(fixture("pve-ceph.conf")) });
    const plan = planCephCluster(desired({ osds: [] }), { pve1: fresh({ pveceph: "not-initialized" }), pve2: partial, pve3: partial });
    expect(plan.steps.map((s) => [s.id, s.host])).toEqual([
      ["ceph-pool-vmpool", "pve1"],
      ["ceph-storage-vmpool", "pve1"],
    ]);
  });

  it("refuses a disk with partitions or a filesystem before anything runs; warns on a RAID logical drive", () => {
    const plan = planCephCluster(
      desired({
        osds: [
          { host: "pve1", disk: "/dev/sde" },
          { host: "pve2", disk: "/dev/sda" },
          { host: "pve3", disk: "/dev/sdd" },
          { host: "pve3", disk: "/dev/sdz" },
        ],
      }),
      all(fresh()),
    );
    expect(plan.steps).toEqual([]);
    expect(codes(plan.reports)).toEqual([
      ["error", "CEPH_OSD_DISK_IN_USE", "osds.0.disk"],
      ["error", "CEPH_OSD_DISK_IN_USE", "osds.1.disk"],
      ["warning", "CEPH_OSD_DISK_BEHIND_RAID", "osds.2.disk"],
      ["error", "CEPH_OSD_DISK_MISSING", "osds.3.disk"],
    ]);
    expect(plan.reports[0]?.params.usedBy).toEqual(["partition sde1"]);
    expect(plan.reports[1]?.message).toContain("(partition sda1)");
  });

  it("the RAID warning alone leaves the OSD step in the plan, for the admin to force", () => {
    const plan = planCephCluster(desired({ osds: [{ host: "pve3", disk: "/dev/sdd" }], pools: [] }), all(built()));
    expect(plan.steps.map((s) => s.id)).toEqual(["ceph-osd-pve3-sdd"]);
    expect(codes(plan.reports.filter((r) => r.severity === "warning"))).toEqual([["warning", "CEPH_OSD_DISK_BEHIND_RAID", "osds.0.disk"]]);
  });

  it("a bare LVM physical volume counts as an OSD only while the host has that many OSDs", () => {
    const one = planCephCluster(desired({ osds: [{ host: "pve1", disk: "/dev/sdf" }], pools: [] }), all(built()));
    expect(one.steps).toEqual([]);
    expect(one.reports.filter((r) => r.severity === "error")).toEqual([]);
    const twoPvs = JSON.stringify({
      blockdevices: ["sdf", "sdg"].map((name) => ({ name, path: `/dev/${name}`, size: TIB, type: "disk", fstype: "LVM2_member", mountpoint: null })),
    });
    const two = planCephCluster(
      desired({ osds: [{ host: "pve1", disk: "/dev/sdf" }, { host: "pve1", disk: "/dev/sdg" }], pools: [] }),
      all(built({ disks: parseLsblkJson(twoPvs) })),
    );
    expect(codes(two.reports.filter((r) => r.severity === "error"))).toEqual([["error", "CEPH_OSD_DISK_IN_USE", "osds.1.disk"]]);
  });

  it("refuses a pool name that exists with other settings, and a storage id taken by another storage", () => {
    const plan = planCephCluster(
      desired({ osds: [], pools: [{ name: "vmpool", size: 2, minSize: 1, force: true, forceReason: "lab" }, { name: "new", size: 3, minSize: 2, storage: { id: "local" } }] }),
      all(built({ storages: [rbd, { ...emptyStorageEntry("dir", "local"), path: "/var/lib/vz" }] })),
    );
    expect(plan.steps).toEqual([]);
    expect(codes(plan.reports.filter((r) => r.severity === "error"))).toEqual([
      ["error", "CEPH_POOL_EXISTS", "pools.0.name"],
      ["error", "CEPH_STORAGE_ID_EXISTS", "pools.1.storage.id"],
    ]);
    expect(plan.reports.find((r) => r.code === "CEPH_POOL_EXISTS")?.message).toContain("size 3, min_size 2");
  });

  it("refuses min_size 1 before looking at the hosts", () => {
    const plan = planCephCluster(desired({ pools: [{ name: "vmpool", size: 2, minSize: 1 }] }), all(fresh()));
    expect(plan.steps).toEqual([]);
    expect(codes(plan.reports)).toEqual([["error", "CEPH_POOL_MIN_SIZE_ONE", "pools.0.minSize"]]);
  });

  it("needs every node probed", () => {
    const plan = planCephCluster(desired(), { pve1: fresh(), pve2: fresh() });
    expect(codes(plan.reports)).toEqual([["error", "CEPH_HOST_NOT_PROBED", undefined]]);
  });

  it("keeps an existing configuration on another network, with a warning; warns when a pool wants more copies than hosts", () => {
    const plan = planCephCluster(desired({ network: "192.168.5.0/24", osds: [{ host: "pve1", disk: "/dev/sdb" }], pools: [{ name: "p4", size: 4, minSize: 2 }] }), {
      pve1: built({ tree: null }),
      pve2: built({ tree: null }),
      pve3: built({ tree: null }),
    });
    expect(plan.steps.map((s) => s.id)).toEqual(["ceph-osd-pve1-sdb", "ceph-pool-p4"]);
    expect(codes(plan.reports.filter((r) => r.severity === "warning"))).toEqual([
      ["warning", "CEPH_NETWORK_DIFFERS", "network"],
      ["warning", "CEPH_POOL_SIZE_EXCEEDS_HOSTS", "pools.0.size"],
    ]);
  });
});
