import { describe, expect, it } from "vitest";
import {
  labRecreateReason,
  parseLabStatus,
  pinnedKnownHosts,
  sshFingerprint,
  type TLabNode,
  type TLabStatus,
} from "./lab-env";

// Keys made with ssh-keygen; fingerprints as `ssh-keygen -lf` printed them.
const ED25519 = "AAAAC3NzaC1lZDI1NTE5AAAAILb0P/DLi5j7szL+qgwlQapeJKfz//e0v4QKGZmiTegq";
const ED25519_FP = "SHA256:7ewLcVJvPrjbMCFvLQ57+0AmDRew5jcetdALKtui6go";
const ECDSA =
  "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBLIbcx5fT4/srhvIBF54Ryq5hIncKq5MQGyHnCicAx6ayglo9top4kCBleMsQu+eHoRKglgkePmLHvAcfx52/AM=";
const ECDSA_FP = "SHA256:vn/5sAVAMDz8tH0A85ZQ4dzIxGxp65Mo2zc1zVfSzFo";

function node(name: string, over: Partial<TLabNode> = {}): TLabNode {
  return {
    name,
    address: `10.99.0.1${name.slice(3)}`,
    sshPort: 22,
    hostKeyFingerprints: { ed25519: ED25519_FP, ecdsa: ECDSA_FP },
    pids: [100, 101],
    initPid: 101,
    booted: true,
    link: "up",
    running: { sshd: true, corosync: true, pacemaker: true, qnetd: false, qdevice: false, cephMon: false, cephMgr: false, cephOsd: false },
    faults: { sshdFrozen: false, hungCommands: [], diskFull: false },
    pssKiB: 140_000,
    ...over,
  };
}

function status(over: Partial<TLabStatus> = {}): TLabStatus {
  return {
    up: true,
    mode: "cluster",
    nodeCount: 3,
    ceph: false,
    labDir: "/p/.lab",
    keyPath: "/p/.lab/keys/id_lab",
    knownHostsPath: "/p/.lab/keys/known_hosts",
    bridge: { name: "lab-br0", address: "10.99.0.1", cidr: "10.99.0.0/24", exists: true },
    simBin: "/p/e2e/lab/sim/bin",
    sharedDir: "/p/.lab/shared/pve",
    clusterName: "labclu",
    nodes: [node("lab1"), node("lab2"), node("lab3")],
    ...over,
  };
}

describe("sshFingerprint", () => {
  it("matches ssh-keygen -lf for ed25519 and ecdsa keys", () => {
    expect(sshFingerprint(ED25519)).toBe(ED25519_FP);
    expect(sshFingerprint(ECDSA)).toBe(ECDSA_FP);
  });
});

describe("parseLabStatus", () => {
  it("reads the status document of a lab that is down", () => {
    const down = parseLabStatus(
      JSON.stringify({ ...status(), up: false, mode: null, nodeCount: 0, nodes: [] }),
    );
    expect(down.up).toBe(false);
    expect(down.mode).toBeNull();
    expect(down.nodes).toEqual([]);
  });

  it("keeps node details", () => {
    const s = parseLabStatus(JSON.stringify(status()));
    expect(s.nodes.map((n) => n.address)).toEqual(["10.99.0.11", "10.99.0.12", "10.99.0.13"]);
    expect(s.nodes[0]?.hostKeyFingerprints.ed25519).toBe(ED25519_FP);
  });

  it("rejects output that is not JSON, naming what it got", () => {
    expect(() => parseLabStatus("lab: the lab needs root")).toThrow(/printed no JSON: lab: the lab needs root/);
  });

  it("rejects a fingerprint that is not OpenSSH's SHA256 form", () => {
    const bad = status({ nodes: [node("lab1", { hostKeyFingerprints: { ed25519: "MD5:aa:bb" } })] });
    expect(() => parseLabStatus(JSON.stringify(bad))).toThrow();
  });
});

describe("labRecreateReason", () => {
  it("accepts a healthy lab in the wanted mode", () => {
    expect(labRecreateReason(status(), { mode: "cluster" })).toBeNull();
  });

  it("names the differences that need a new lab", () => {
    expect(labRecreateReason(status({ up: false }), { mode: "cluster" })).toBe("the lab is down");
    expect(labRecreateReason(status(), { mode: "bare" })).toBe("the lab runs mode cluster, wanted bare");
    expect(labRecreateReason(status(), { mode: "cluster", nodes: 2 })).toBe("the lab has 3 hosts, wanted 2");
    expect(labRecreateReason(status(), { mode: "cluster", ceph: true })).toBe("the lab runs without ceph");
  });

  it("treats a host left with a fault as unusable", () => {
    const crashed = status({ nodes: [node("lab1"), node("lab2", { booted: false }), node("lab3")] });
    expect(labRecreateReason(crashed, { mode: "cluster" })).toBe("lab2: is off (crashed)");
    const cut = status({ nodes: [node("lab1", { link: "down" })] });
    expect(labRecreateReason(cut, { mode: "cluster" })).toBe("lab1: its cable is cut");
    const full = status({ nodes: [node("lab1", { faults: { sshdFrozen: false, hungCommands: [], diskFull: true } })] });
    expect(labRecreateReason(full, { mode: "cluster" })).toBe("lab1: its disk is full");
  });

  it("checks the daemons each mode needs on each host", () => {
    const stopped = { ...node("lab3").running, corosync: false, pacemaker: false };
    const s = status({ nodes: [node("lab1"), node("lab2"), node("lab3", { running: stopped })] });
    expect(labRecreateReason(s, { mode: "cluster" })).toBe("lab3: not running: corosync, pacemaker");

    const qnetdOnly = { ...stopped, qnetd: true };
    const withQdevice = { ...node("lab1").running, qdevice: true };
    const q = status({
      mode: "qdevice",
      nodes: [node("lab1", { running: withQdevice }), node("lab2", { running: withQdevice }), node("lab3", { running: qnetdOnly })],
    });
    expect(labRecreateReason(q, { mode: "qdevice" })).toBeNull();
    const noQdevice = status({ ...q, nodes: [node("lab1"), ...q.nodes.slice(1)] });
    expect(labRecreateReason(noQdevice, { mode: "qdevice" })).toBe("lab1: not running: qdevice");
  });
});

describe("pinnedKnownHosts", () => {
  const scan = [
    "# 10.99.0.11:22 SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10",
    `10.99.0.11 ssh-ed25519 ${ED25519}`,
    `10.99.0.11 ecdsa-sha2-nistp256 ${ECDSA}`,
    "10.99.0.11 ssh-dss AAAAB3NzaC1kc3MAAACBAP",
  ].join("\n");

  it("keeps the scanned keys whose fingerprints the lab reports", () => {
    expect(pinnedKnownHosts(node("lab1"), scan)).toBe(
      `10.99.0.11 ssh-ed25519 ${ED25519}\n10.99.0.11 ecdsa-sha2-nistp256 ${ECDSA}\n`,
    );
  });

  it("uses the [host]:port form for a port other than 22", () => {
    const onPort = node("lab1", { sshPort: 2222, hostKeyFingerprints: { ed25519: ED25519_FP } });
    expect(pinnedKnownHosts(onPort, scan)).toBe(`[10.99.0.11]:2222 ssh-ed25519 ${ED25519}\n`);
  });

  it("refuses a scanned key that contradicts the lab's fingerprint", () => {
    const other = node("lab1", { hostKeyFingerprints: { ed25519: ECDSA_FP } });
    expect(() => pinnedKnownHosts(other, scan)).toThrow(
      `lab1 offers ed25519 host key ${ED25519_FP}, but the lab reports ${ECDSA_FP}`,
    );
  });

  it("refuses an empty scan", () => {
    expect(() => pinnedKnownHosts(node("lab1"), "")).toThrow("lab1 offered no host key the lab reports");
  });
});
