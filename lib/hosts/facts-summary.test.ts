import { describe, expect, it } from "vitest";
import type { TStoredHostFacts } from "./facts";
import { formatBytes, kernelOf, membershipSummary, storageStackSummary, timeSummary } from "./facts-summary";

const base: TStoredHostFacts = {
  collectedAt: "2026-11-22T10:00:00.000Z",
  os: null,
  proxmox: null,
  hostname: null,
  resolution: null,
  interfaces: null,
  blockDevices: null,
  packages: null,
  time: null,
  clock: null,
  cluster: { corosyncConfPresent: false, pveCorosyncConfPresent: false, clusterName: null, confNodes: [], corosyncRunning: false, quorum: null },
  drbd: { moduleLoaded: false, utilsVersion: null, kernelVersion: null },
  ceph: null,
  linstorVersion: null,
  guests: { vms: null, containers: null },
  errors: [],
  kernel: null,
};

describe("facts summaries", () => {
  it("formats sizes in binary units", () => {
    expect(formatBytes(null)).toBe("—");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(268435456)).toBe("256 MiB");
    expect(formatBytes(1.5 * 1024 ** 4)).toBe("1.5 TiB");
  });

  it("calls Debian's stub corosync.conf what it is", () => {
    const stub = { ...base, cluster: { ...base.cluster, corosyncConfPresent: true, clusterName: "debian", confNodes: [{ name: "node1", addrs: ["127.0.0.1"] }] } };
    expect(membershipSummary(stub)).toBe("only Debian's stub corosync.conf; corosync not running");
    expect(membershipSummary(base)).toBe("no corosync.conf; corosync not running");
  });

  it("describes a quorate member", () => {
    const member = {
      ...base,
      cluster: {
        ...base.cluster,
        corosyncConfPresent: true,
        pveCorosyncConfPresent: true,
        clusterName: "prod",
        confNodes: [
          { name: "pve1", addrs: ["10.0.0.1"] },
          { name: "pve2", addrs: ["10.0.0.2"] },
        ],
        corosyncRunning: true,
        quorum: {
          quorate: true, expectedVotes: 2, totalVotes: 2, quorum: 2, flags: [], nodes: [], qdevice: null, localNodeId: null, memberCount: 2,
          ringId: null, quorumProvider: null, highestExpected: null, activityBlocked: null, twoNode: null, waitForAll: null,
        },
      },
    } satisfies TStoredHostFacts;
    expect(membershipSummary(member)).toBe(
      "corosync.conf for cluster prod with 2 node(s); in a Proxmox cluster (/etc/pve/corosync.conf); corosync running, quorate, 2 member(s)",
    );
  });

  it("says what it knows about time", () => {
    expect(timeSummary(base)).toBe("sync state unknown");
    const synced = { ...base, time: { source: "timedatectl" as const, synchronized: true, ntpEnabled: true, timezone: "Etc/UTC", offsetSeconds: null }, clock: { skewSeconds: -0.0123, uncertaintySeconds: 0.001 } };
    expect(timeSummary(synced)).toBe("synchronized, NTP on, via timedatectl, Etc/UTC, clock -0.012 s against the panel (±0.001 s)");
  });

  it("lists the storage stacks present", () => {
    expect(storageStackSummary(base)).toEqual({ drbd: "not installed", ceph: "not installed", linstor: "not installed" });
    const present = { ...base, drbd: { moduleLoaded: true, utilsVersion: "9.22.0", kernelVersion: "9.2.4" }, ceph: { version: "17.2.7", release: "quincy" }, linstorVersion: "1.25.0" };
    expect(storageStackSummary(present)).toEqual({ drbd: "utils 9.22.0, module loaded (9.2.4)", ceph: "17.2.7 (quincy)", linstor: "1.25.0" });
  });

  it("prefers uname's kernel over pveversion's", () => {
    expect(kernelOf({ ...base, kernel: "6.1.0-18-amd64" })).toBe("6.1.0-18-amd64");
    const pve = { ...base, proxmox: { managerVersion: "8.2.4", major: 8, minor: 2, build: null, runningKernel: "6.8.4-2-pve", packages: {} } };
    expect(kernelOf(pve)).toBe("6.8.4-2-pve");
  });
});
