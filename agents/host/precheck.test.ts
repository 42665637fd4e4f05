import { describe, expect, it } from "vitest";
import type { TDisk, THostFacts, TPackage, TPingStats } from "./model";
import { precheckHosts } from "./precheck";

const pkg = (name: string, version: string | null): TPackage => ({ name, installed: version !== null, version, status: version ? "ii" : null });

const disk = (name: string, extra: Partial<TDisk> = {}): TDisk => ({
  name,
  path: `/dev/${name}`,
  sizeBytes: 960197124096,
  model: "SAMSUNG MZ7LH960HAJR-00005",
  vendor: "ATA",
  serial: null,
  rotational: false,
  empty: true,
  usedBy: [],
  hardwareRaid: false,
  virtual: false,
  ...extra,
});

// A clean Proxmox VE 8.2 node, ready to cluster: name resolves to its own address, clock in sync.
function node(n: number, overrides: Partial<THostFacts> = {}): THostFacts {
  const name = `pve${n}`;
  const address = `10.10.10.1${n}`;
  return {
    collectedAt: "2024-07-11T10:00:00.000Z",
    os: { id: "debian", idLike: [], name: "Debian GNU/Linux", prettyName: null, version: null, versionId: "12", versionCodename: "bookworm" },
    proxmox: { managerVersion: "8.2.4", major: 8, minor: 2, build: null, runningKernel: "6.8.8-2-pve", packages: {} },
    hostname: { name, short: name, fqdn: `${name}.example.com` },
    resolution: { name, addresses: [address], loopback: false },
    interfaces: [
      {
        index: 2,
        name: "vmbr0",
        state: "UP",
        up: true,
        carrier: true,
        mtu: 1500,
        mac: null,
        linkType: "ether",
        kind: "bridge",
        master: null,
        addresses: [{ family: "inet", address, prefixLength: 24, scope: "global", broadcast: null, dynamic: false }],
      },
    ],
    blockDevices: { devices: [], disks: [disk("sda", { empty: false, usedBy: ["partition sda1"] }), disk("sdb")] },
    packages: [pkg("corosync", "3.1.7-pve3"), pkg("pve-cluster", "8.0.7"), pkg("pve-manager", "8.2.4"), pkg("zfsutils-linux", "2.2.4-pve1"), pkg("corosync-qdevice", null)],
    time: { source: "timedatectl", synchronized: true, ntpEnabled: true, timezone: "UTC", offsetSeconds: null },
    clock: { skewSeconds: 0.01 * n, uncertaintySeconds: 0.005 },
    cluster: { corosyncConfPresent: false, pveCorosyncConfPresent: false, clusterName: null, confNodes: [], corosyncRunning: false, quorum: null },
    drbd: { moduleLoaded: false, utilsVersion: null, kernelVersion: null },
    ceph: null,
    linstorVersion: null,
    guests: { vms: 0, containers: 0 },
    errors: [],
    ...overrides,
  };
}

const codes = (reports: { code: string }[]) => reports.map((r) => r.code);
const ping = (avgMs: number | null, lossPercent = 0): TPingStats => ({
  transmitted: 5,
  received: lossPercent === 100 ? 0 : 5,
  lossPercent,
  minMs: avgMs,
  avgMs,
  maxMs: avgMs,
  mdevMs: avgMs === null ? null : 0,
});

describe("precheckHosts", () => {
  it("passes three clean Proxmox nodes with ZFS", () => {
    expect(precheckHosts([node(1), node(2), node(3)], { stack: "proxmox", storage: "zfs" })).toEqual([]);
  });

  it("stops on different Proxmox majors and warns on different point releases", () => {
    const pve9 = node(2, { proxmox: { managerVersion: "9.0.3", major: 9, minor: 0, build: null, runningKernel: null, packages: {} } });
    const [major] = precheckHosts([node(1), pve9], { stack: "proxmox" });
    expect(major).toMatchObject({ code: "PVE_MAJOR_MISMATCH", severity: "error", params: { versions: { pve1: "8.2.4", pve2: "9.0.3" } } });
    const pve83 = node(2, { proxmox: { managerVersion: "8.3.0", major: 8, minor: 3, build: null, runningKernel: null, packages: {} } });
    expect(precheckHosts([node(1), pve83], { stack: "proxmox" })).toMatchObject([{ code: "PVE_VERSION_MISMATCH", severity: "warning" }]);
  });

  it("stops on a host without Proxmox VE and on different corosync majors", () => {
    const plain = node(2, { proxmox: null, packages: [pkg("corosync", "2.4.2-3"), pkg("pve-cluster", "8.0.7")] });
    const reports = precheckHosts([node(1), plain], { stack: "proxmox" });
    expect(codes(reports)).toEqual(["PVE_NOT_INSTALLED", "COROSYNC_MAJOR_MISMATCH"]);
    expect(reports[1]?.params).toEqual({ versions: { pve1: "3.1.7-pve3", pve2: "2.4.2-3" } });
  });

  it("warns on unsynchronized clocks and stops when two clocks are more than 0.5 s apart", () => {
    const drifting = node(2, {
      time: { source: "chrony", synchronized: false, ntpEnabled: null, timezone: null, offsetSeconds: 0.9 },
      clock: { skewSeconds: 0.92, uncertaintySeconds: 0.005 },
    });
    const reports = precheckHosts([node(1), drifting], { stack: "proxmox" });
    expect(codes(reports)).toEqual(["TIME_NOT_SYNCED", "TIME_OFFSET_LARGE", "CLOCK_SKEW"]);
    expect(reports[2]).toMatchObject({ severity: "error", params: { hosts: ["pve1", "pve2"], skewSeconds: 0.91 } });
  });

  it("does not count a skew the measurement itself could explain", () => {
    const slowLink = node(2, { clock: { skewSeconds: 0.6, uncertaintySeconds: 0.2 } });
    expect(precheckHosts([node(1), slowLink], { stack: "proxmox" })).toEqual([]);
  });

  it("stops on the installer's 127.0.1.1 line, a name that does not resolve, a foreign address and duplicates", () => {
    const loop = node(1, { resolution: { name: "pve1", addresses: ["127.0.1.1"], loopback: true } });
    const none = node(2, { resolution: { name: "pve2", addresses: [], loopback: false } });
    const foreign = node(3, { resolution: { name: "pve3", addresses: ["192.168.1.50"], loopback: false } });
    const reports = precheckHosts([loop, none, foreign], { stack: "proxmox" });
    expect(reports.map((r) => [r.code, r.severity, r.params.host])).toEqual([
      ["HOSTNAME_RESOLVES_TO_LOOPBACK", "error", "pve1"],
      ["HOSTNAME_NOT_RESOLVING", "error", "pve2"],
      ["HOSTNAME_ADDRESS_NOT_LOCAL", "error", "pve3"],
    ]);
    expect(reports[0]?.message).toContain("127.0.1.1");
    expect(reports[1]?.message).toContain('"ADDRESS pve2.example.com pve2"');

    const twin = node(2, { hostname: { name: "PVE1", short: "PVE1", fqdn: null }, resolution: { name: "PVE1", addresses: ["10.10.10.12"], loopback: false } });
    expect(precheckHosts([node(1), twin], { stack: "proxmox" })).toMatchObject([
      { code: "HOSTNAME_DUPLICATE", severity: "error", params: { hostname: "pve1", hostIndexes: [0, 1] } },
    ]);
  });

  it("stops on guests on a joining node but not on the founder", () => {
    const busy = (n: number) => node(n, { guests: { vms: 3, containers: 1 } });
    expect(precheckHosts([busy(1), node(2)], { stack: "proxmox" })).toEqual([]);
    expect(precheckHosts([node(1), busy(2)], { stack: "proxmox" })).toMatchObject([
      { code: "GUESTS_ON_JOINING_NODE", severity: "error", params: { host: "pve2", vms: 3, containers: 1 } },
    ]);
    expect(codes(precheckHosts([node(1), busy(2)], { stack: "proxmox", founderIndex: 1 }))).toEqual([]);
  });

  it("stops on a node in another cluster, accepts nodes already in the chosen one, ignores Debian's stub config", () => {
    const member = node(2, {
      cluster: {
        corosyncConfPresent: true,
        pveCorosyncConfPresent: true,
        clusterName: "old",
        confNodes: [{ name: "pve2", addrs: ["10.10.10.12"] }, { name: "pve7", addrs: ["10.10.10.17"] }],
        corosyncRunning: true,
        quorum: null,
      },
      guests: { vms: 2, containers: 0 },
    });
    expect(precheckHosts([node(1), member], { stack: "proxmox" })).toMatchObject([
      { code: "HOST_ALREADY_IN_CLUSTER", severity: "error", params: { host: "pve2", clusterName: "old", nodes: ["pve2", "pve7"] } },
      { code: "GUESTS_ON_JOINING_NODE" },
    ]);
    expect(precheckHosts([node(1), member], { stack: "proxmox", clusterName: "old" })).toEqual([]);

    const stub = node(2, {
      cluster: { corosyncConfPresent: true, pveCorosyncConfPresent: false, clusterName: "debian", confNodes: [{ name: "node1", addrs: ["127.0.0.1"] }], corosyncRunning: false, quorum: null },
    });
    expect(precheckHosts([node(1), stub], { stack: "proxmox" })).toEqual([]);
  });

  it("warns when a node has no free disk or only hardware RAID logical drives for ZFS/Ceph", () => {
    const full = node(1, { blockDevices: { devices: [], disks: [disk("sda", { empty: false, usedBy: ["mounted at /"] }), disk("zd0", { virtual: true })] } });
    const perc = node(2, { blockDevices: { devices: [], disks: [disk("sdb", { model: "PERC H730P Mini", hardwareRaid: true })] } });
    const reports = precheckHosts([full, perc], { stack: "proxmox", storage: "zfs" });
    expect(reports.map((r) => [r.code, r.severity, r.params.host])).toEqual([
      ["NO_FREE_DISK", "warning", "pve1"],
      ["HARDWARE_RAID_DISK", "warning", "pve2"],
    ]);
    expect(reports[1]?.message).toContain("sdb PERC H730P Mini");
    // DRBD sits happily on a RAID logical drive; NFS needs no local disk at all.
    expect(codes(precheckHosts([node(1), perc], { stack: "pacemaker", storage: "drbd" })).includes("HARDWARE_RAID_DISK")).toBe(false);
    expect(codes(precheckHosts([full, node(2)], { stack: "proxmox", storage: "shared" }))).toEqual([]);
  });

  it("grades latency: > 5 ms warns, > 7 ms stops, loss warns, no reply stops", () => {
    const reports = precheckHosts([node(1), node(2)], {
      stack: "proxmox",
      latencies: [
        { from: "pve1", to: "pve2", stats: ping(0.3) },
        { from: "pve2", to: "pve1", stats: ping(5.5) },
        { from: "pve1", to: "pve3", stats: ping(7.2, 20) },
        { from: "pve3", to: "pve1", stats: ping(null, 100) },
      ],
    });
    expect(reports.map((r) => [r.code, r.severity, r.params.from, r.params.to])).toEqual([
      ["LATENCY_HIGH", "warning", "pve2", "pve1"],
      ["PACKET_LOSS", "warning", "pve1", "pve3"],
      ["LATENCY_TOO_HIGH", "error", "pve1", "pve3"],
      ["NODE_UNREACHABLE", "error", "pve3", "pve1"],
    ]);
  });

  it("names the missing packages and the apt-get command that installs them", () => {
    const reports = precheckHosts([node(1)], { stack: "proxmox", storage: "zfs", qdevice: true });
    expect(reports).toEqual([
      {
        code: "PACKAGES_MISSING",
        severity: "error",
        message: "pve1 lacks corosync-qdevice. Install it with: apt-get install -y corosync-qdevice.",
        params: { host: "pve1", hostIndex: 0, packages: ["corosync-qdevice"], commands: [["apt-get", "install", "-y", "corosync-qdevice"]] },
      },
    ]);
    const bare = node(1, { proxmox: null, packages: [pkg("corosync", "3.1.7-1"), pkg("pcs", "0.11.5-1")] });
    expect(precheckHosts([bare], { stack: "pacemaker", storage: "linstor" })).toMatchObject([
      { code: "PACKAGES_MISSING", params: { packages: ["pacemaker", "linstor-satellite", "drbd-utils", "drbd-dkms"] } },
    ]);
    expect(precheckHosts([node(1)], { stack: "proxmox", storage: "ceph" })).toMatchObject([
      { code: "PACKAGES_MISSING", params: { packages: ["ceph-common"], commands: [["pveceph", "install"]] } },
    ]);
  });

  it("warns for every fact it could not check, quoting the probe's error", () => {
    const blind = node(2, {
      time: null,
      clock: null,
      packages: null,
      resolution: null,
      errors: [{ fact: "packages", argv: ["dpkg-query"], message: "dpkg-query exited with code 2: dpkg-query: error: database locked" }],
    });
    const reports = precheckHosts([node(1), blind], { stack: "proxmox" });
    expect(reports.map((r) => [r.code, r.params.fact])).toEqual([
      ["PRECHECK_FACT_UNKNOWN", "time"],
      ["PRECHECK_FACT_UNKNOWN", "clock"],
      ["PRECHECK_FACT_UNKNOWN", "resolution"],
      ["PRECHECK_FACT_UNKNOWN", "packages"],
    ]);
    expect(reports[3]?.message).toContain("database locked");
    expect(reports.every((r) => r.severity === "warning")).toBe(true);
  });

  it("refuses an empty host list", () => {
    expect(codes(precheckHosts([], { stack: "proxmox" }))).toEqual(["PRECHECK_NO_HOSTS"]);
  });
});
