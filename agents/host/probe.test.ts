import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SshError } from "@/lib/ssh/errors";
import { FakeRunner, type TFakeCall } from "@/lib/ssh/fake-runner";
import { ZHostFacts } from "./model";
import { CLUSTER_PACKAGES, getentHostsArgv, measureLatency, PROBE_COMMANDS as P, probeHostFacts } from "./probe";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

const NOT_FOUND = (cmd: string) => ({ code: 127, stderr: `sh: 1: ${cmd}: not found\n` });

const COROSYNC_CONF = `totem {
  version: 2
  cluster_name: prod
}
nodelist {
  node {
    name: pve1
    nodeid: 1
    ring0_addr: 10.10.10.11
  }
  node {
    name: pve2
    nodeid: 2
    ring0_addr: 10.10.10.12
  }
}
quorum {
  provider: corosync_votequorum
  two_node: 1
}
`;

const QUORUM = `Quorum information
------------------
Quorum provider:  corosync_votequorum
Nodes:            2
Node ID:          1
Ring ID:          1.12
Quorate:          Yes

Votequorum information
----------------------
Expected votes:   2
Highest expected: 2
Total votes:      2
Quorum:           1
Flags:            2Node Quorate WaitForAll

Membership information
----------------------
    Nodeid      Votes Name
         1          1 pve1 (local)
         2          1 pve2
`;

const DPKG_PVE = [
  "corosync\t3.1.7-pve3\tii ",
  "corosync-qdevice\t3.0.3-1\tii ",
  "ceph-common\t17.2.7-pve3\tii ",
  "zfsutils-linux\t2.2.4-pve1\tii ",
  "pve-manager\t8.2.4\tii ",
  "pve-cluster\t8.0.7\tii ",
  "",
].join("\n");

// Phase 1 in the probe's fixed order, with the canned results given per command.
function phaseOne(results: Partial<Record<keyof typeof P, TFakeCall["result"]>>): TFakeCall[] {
  const order = [
    "osRelease",
    "pveversion",
    "hostname",
    "fqdn",
    "interfaces",
    "blockDevices",
    "packages",
    "timedatectl",
    "corosyncConf",
    "pveCorosyncConf",
    "quorum",
    "procDrbd",
    "drbdadm",
    "ceph",
    "linstor",
    "vms",
    "containers",
  ] as const;
  return order.map((key) => ({ argv: [...P[key]], result: results[key] }));
}

// A clock that advances 20 ms per reading, starting at 2024-07-11T10:00:00Z.
function steppingClock() {
  let t = Date.parse("2024-07-11T10:00:00Z");
  return () => (t += 20);
}

describe("probeHostFacts", () => {
  it("gathers every fact of a Proxmox VE 8 node in a two-node cluster", async () => {
    const fake = new FakeRunner([
      ...phaseOne({
        osRelease: { stdout: 'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n' },
        pveversion: { stdout: fixture("pveversion-v-pve8.txt") },
        hostname: { stdout: "pve1\n" },
        fqdn: { stdout: "pve1.example.com\n" },
        interfaces: { stdout: fixture("ip-addr-pve-bond-bridge.json") },
        blockDevices: { stdout: fixture("lsblk-pve-mixed.json") },
        packages: { code: 1, stdout: DPKG_PVE, stderr: "dpkg-query: no packages found matching pcs\n" },
        timedatectl: { stdout: "Timezone=Europe/Vienna\nNTP=yes\nNTPSynchronized=yes\n" },
        corosyncConf: { stdout: COROSYNC_CONF },
        pveCorosyncConf: { code: 0 },
        quorum: { stdout: QUORUM },
        procDrbd: { code: 1 },
        drbdadm: NOT_FOUND("drbdadm"),
        ceph: { stdout: "ceph version 17.2.7 (e303afc2e967a4705b40a7e5f76067c10eea0484) quincy (stable)\n" },
        linstor: NOT_FOUND("linstor"),
        vms: { stdout: "      VMID NAME                 STATUS     MEM(MB)    BOOTDISK(GB) PID\n       100 web01                running    4096              32.00 12345\n" },
        containers: { stdout: "" },
      }),
      { argv: getentHostsArgv("pve1"), result: { stdout: "192.168.1.11    pve1.example.com pve1\n" } },
      { argv: [...P.clock], result: { stdout: "1720692000.530000000\n" } },
    ]);
    const facts = await probeHostFacts(fake, { now: steppingClock() });
    fake.assertDone();

    expect(ZHostFacts.parse(facts)).toEqual(facts);
    expect(facts.errors).toEqual([]);
    expect(facts.collectedAt).toBe("2024-07-11T10:00:00.020Z");
    expect(facts.os).toMatchObject({ id: "debian", versionId: "12" });
    expect(facts.proxmox).toMatchObject({ managerVersion: "8.2.4", major: 8 });
    expect(facts.hostname).toEqual({ name: "pve1", short: "pve1", fqdn: "pve1.example.com" });
    expect(facts.resolution).toEqual({ name: "pve1", addresses: ["192.168.1.11"], loopback: false });
    expect(facts.interfaces).toHaveLength(8);
    expect(facts.blockDevices?.disks.filter((d) => d.empty).map((d) => d.name)).toEqual(["sdb", "sdc", "zd0", "nvme0n1"]);
    expect(facts.packages?.map((p) => p.name)).toEqual([...CLUSTER_PACKAGES]);
    expect(facts.packages?.find((p) => p.name === "pcs")).toEqual({ name: "pcs", installed: false, version: null, status: null });
    expect(facts.time).toEqual({ source: "timedatectl", synchronized: true, ntpEnabled: true, timezone: "Europe/Vienna", offsetSeconds: null });
    // Sent at 10:00:00.040, answered at .060: the host's .530 is 0.48 s ahead, known to ±10 ms.
    expect(facts.clock?.skewSeconds).toBeCloseTo(0.48, 6);
    expect(facts.clock?.uncertaintySeconds).toBeCloseTo(0.01, 6);
    expect(facts.cluster).toMatchObject({
      corosyncConfPresent: true,
      pveCorosyncConfPresent: true,
      clusterName: "prod",
      confNodes: [
        { name: "pve1", addrs: ["10.10.10.11"] },
        { name: "pve2", addrs: ["10.10.10.12"] },
      ],
      corosyncRunning: true,
    });
    expect(facts.cluster.quorum?.quorate).toBe(true);
    expect(facts.cluster.quorum?.nodes.map((n) => n.name)).toEqual(["pve1", "pve2"]);
    expect(facts.drbd).toEqual({ moduleLoaded: false, utilsVersion: null, kernelVersion: null });
    expect(facts.ceph).toEqual({ version: "17.2.7", release: "quincy" });
    expect(facts.linstorVersion).toBeNull();
    expect(facts.guests).toEqual({ vms: 1, containers: 0 });
  });

  it("turns missing tools into null facts and failures into error entries, never a crash", async () => {
    const fake = new FakeRunner([
      ...phaseOne({
        osRelease: { stdout: "ID=debian\n" },
        pveversion: NOT_FOUND("pveversion"),
        hostname: { stdout: "node-a\n" },
        fqdn: { code: 1, stderr: "hostname: Name or service not known\n" },
        interfaces: { stdout: "[]" },
        blockDevices: { code: 32, stderr: "lsblk: failed to access sysfs directory: /sys/dev/block: No such file or directory\n" },
        packages: { code: 1, stderr: "dpkg-query: no packages found matching corosync\n" },
        timedatectl: { code: 1, stderr: "System has not been booted with systemd as init system (PID 1). Can't operate.\n" },
        corosyncConf: { code: 1, stderr: "cat: /etc/corosync/corosync.conf: No such file or directory\n" },
        pveCorosyncConf: { code: 1 },
        quorum: { code: 1, stderr: "Cannot initialize CMAP service\n" },
        procDrbd: { code: 1 },
        drbdadm: { stdout: "DRBD_KERNEL_VERSION_CODE=0x000000\nDRBDADM_VERSION=9.22.0\n" },
        ceph: NOT_FOUND("ceph"),
        linstor: NOT_FOUND("linstor"),
        vms: NOT_FOUND("qm"),
        containers: NOT_FOUND("pct"),
      }),
      { argv: getentHostsArgv("node-a"), result: { code: 2 } },
      { argv: [...P.chrony], result: NOT_FOUND("chronyc") },
      { argv: [...P.clock], result: { stdout: "garbage\n" } },
    ]);
    const facts = await probeHostFacts(fake, { now: steppingClock() });
    fake.assertDone();

    expect(facts.proxmox).toBeNull();
    expect(facts.hostname).toEqual({ name: "node-a", short: "node-a", fqdn: null });
    expect(facts.resolution).toEqual({ name: "node-a", addresses: [], loopback: false });
    expect(facts.interfaces).toEqual([]);
    expect(facts.blockDevices).toBeNull();
    expect(facts.packages?.every((p) => !p.installed)).toBe(true);
    expect(facts.time).toBeNull();
    expect(facts.clock).toBeNull();
    expect(facts.cluster).toEqual({
      corosyncConfPresent: false,
      pveCorosyncConfPresent: false,
      clusterName: null,
      confNodes: [],
      corosyncRunning: false,
      quorum: null,
    });
    expect(facts.drbd).toEqual({ moduleLoaded: false, utilsVersion: "9.22.0", kernelVersion: null });
    expect(facts.guests).toEqual({ vms: null, containers: null });
    expect(facts.errors.map((e) => [e.fact, e.argv[0], e.message])).toEqual([
      ["blockDevices", "lsblk", expect.stringContaining("exited with code 32: lsblk: failed to access sysfs directory")],
      ["time", "timedatectl", "neither timedatectl nor chronyc could tell whether the clock is synchronized"],
      ["clock", "date", expect.stringContaining("could not read the output of date +%s.%N: date-epoch: not seconds since the epoch")],
    ]);
  });

  it("records a command timeout as that fact's error and keeps going", async () => {
    const timeout = new SshError("SSH_COMMAND_TIMEOUT", "lsblk did not finish within 20000 ms");
    const calls = phaseOne({ hostname: { stdout: "pve1\n" }, osRelease: { stdout: "ID=debian\n" }, interfaces: { stdout: "[]" } });
    const lsblk = calls.find((c) => c.argv[0] === "lsblk");
    if (lsblk) lsblk.error = timeout;
    const fake = new FakeRunner([...calls, { argv: getentHostsArgv("pve1"), result: { code: 2 } }, { argv: [...P.chrony] }, { argv: [...P.clock], result: { stdout: "1720692000.0\n" } }]);
    const facts = await probeHostFacts(fake, { now: steppingClock() });
    fake.assertDone();
    expect(facts.blockDevices).toBeNull();
    expect(facts.errors.find((e) => e.fact === "blockDevices")).toEqual({ fact: "blockDevices", argv: [...P.blockDevices], message: "lsblk did not finish within 20000 ms" });
  });

  it("fails as a whole when the connection is lost", async () => {
    const calls = phaseOne({});
    const first = calls[0];
    if (first) first.error = new SshError("SSH_CONNECTION_LOST", "The connection to pve1 was lost.");
    const fake = new FakeRunner(calls);
    await expect(probeHostFacts(fake)).rejects.toMatchObject({ report: { code: "SSH_CONNECTION_LOST" } });
  });
});

describe("measureLatency", () => {
  it("pings five times and reads the summary", async () => {
    const fake = new FakeRunner([
      {
        argv: ["ping", "-c", "5", "-i", "0.2", "-q", "10.10.10.12"],
        result: { stdout: "--- 10.10.10.12 ping statistics ---\n5 packets transmitted, 5 received, 0% packet loss, time 817ms\nrtt min/avg/max/mdev = 0.045/0.061/0.088/0.014 ms\n" },
      },
    ]);
    expect(await measureLatency(fake, "10.10.10.12")).toEqual({ transmitted: 5, received: 5, lossPercent: 0, minMs: 0.045, avgMs: 0.061, maxMs: 0.088, mdevMs: 0.014 });
    fake.assertDone();
  });

  it("reads exit 1 (no reply) as total loss and exit 2 as a report", async () => {
    const fake = new FakeRunner([
      { argv: ["ping", "-c", "5", "-i", "0.2", "-q", "10.10.10.99"], result: { code: 1, stdout: "5 packets transmitted, 0 received, 100% packet loss, time 4100ms\n" } },
      { argv: ["ping", "-c", "5", "-i", "0.2", "-q", "pve9"], result: { code: 2, stderr: "ping: pve9: Name or service not known\n" } },
    ]);
    expect(await measureLatency(fake, "10.10.10.99")).toMatchObject({ received: 0, lossPercent: 100, avgMs: null });
    await expect(measureLatency(fake, "pve9")).rejects.toMatchObject({
      report: { code: "HOST_PING_FAILED", params: { address: "pve9", code: 2, stderr: "ping: pve9: Name or service not known" } },
    });
    fake.assertDone();
  });

  it("refuses an address that could be read as an option or carries shell text", async () => {
    const fake = new FakeRunner([]);
    await expect(measureLatency(fake, "-f")).rejects.toMatchObject({ report: { code: "HOST_INVALID_ADDRESS" } });
    await expect(measureLatency(fake, "10.0.0.1; reboot")).rejects.toMatchObject({ report: { code: "HOST_INVALID_ADDRESS" } });
    fake.assertDone();
  });
});
