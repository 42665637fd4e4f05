import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePvecmNodes, parsePvecmStatus } from "../proxmox/parse-pvecm";
import { parseCorosyncCfgtoolNodes, parseCorosyncLinks } from "./parse-cfgtool";
import { parseCorosyncConf } from "./parse-conf";
import { parseQdeviceTool, parseQnetdTool } from "./parse-qdevice-tool";
import { parseCorosyncQuorum } from "./parse-quorumtool";

// Third-party samples live beside the project, never inside it (PLATFORM.md).
const CORPUS = path.resolve(import.meta.dirname, "../..", "../shared/corpus");
if (!existsSync(CORPUS)) {
  throw new Error(`../shared/corpus is missing (looked in ${CORPUS}); the corosync corpus test needs it`);
}
const corpus = (file: string) => readFileSync(path.join(CORPUS, file), "utf8");

describe("corpus: corosync-quorumtool", () => {
  it("corosync/corosync-quorumtool-corosync2-2node-noblanks.txt", () => {
    const q = parseCorosyncQuorum(corpus("corosync/corosync-quorumtool-corosync2-2node-noblanks.txt"));
    expect([q.quorate, q.expectedVotes, q.totalVotes, q.quorum]).toEqual([true, 2, 2, 2]);
    expect(q.flags).toEqual(["Quorate"]);
    expect(q.ringId).toBe("24");
    expect(q.localNodeId).toBe(2);
    expect(q.nodes.map((n) => [n.nodeid, n.name, n.local])).toEqual([
      [2, "10.10.10.26", true],
      [1, "10.10.10.91", false],
    ]);
    expect(q.qdevice).toBeNull();
  });

  it("corosync/corosync-quorumtool-l-corosync2.txt", () => {
    const q = parseCorosyncQuorum(corpus("corosync/corosync-quorumtool-l-corosync2.txt"));
    expect([q.quorate, q.expectedVotes, q.flags]).toEqual([null, null, null]);
    expect(q.nodes.map((n) => [n.nodeid, n.votes, n.name, n.local])).toEqual([
      [1, 1, "10.10.1.16", true],
      [2, 1, "10.10.1.17", false],
    ]);
  });

  it("lab-captures/2node-corosync-quorumtool.txt", () => {
    const q = parseCorosyncQuorum(corpus("lab-captures/2node-corosync-quorumtool.txt"));
    expect(q.flags).toEqual(["2Node", "Quorate", "WaitForAll"]);
    expect([q.twoNode, q.waitForAll, q.quorum, q.expectedVotes]).toEqual([true, true, 1, 2]);
    expect(q.ringId).toBe("1.27");
    expect(q.nodes.map((n) => n.name)).toEqual(["lab1", "lab2"]);
  });

  it("lab-captures/3node-corosync-quorumtool.txt", () => {
    const q = parseCorosyncQuorum(corpus("lab-captures/3node-corosync-quorumtool.txt"));
    expect([q.quorate, q.expectedVotes, q.totalVotes, q.quorum, q.memberCount]).toEqual([true, 3, 3, 2, 3]);
    expect(q.nodes.map((n) => n.nodeid)).toEqual([1, 2, 3]);
    expect(q.nodes.filter((n) => n.local).map((n) => n.name)).toEqual(["lab1"]);
  });

  it("lab-captures/2node-qdevice-quorumtool.txt", () => {
    const q = parseCorosyncQuorum(corpus("lab-captures/2node-qdevice-quorumtool.txt"));
    expect(q.flags).toEqual(["Quorate", "Qdevice"]);
    expect(q.nodes.map((n) => n.qdeviceFlags)).toEqual(["A,V,NMW", "A,V,NMW"]);
    expect(q.qdevice).toMatchObject({ votes: 1, state: "voting" });
    expect(q.nodes).toHaveLength(2);
  });

  it("lab-captures/2node-qdevice-after-rejoin-quorumtool.txt", () => {
    const q = parseCorosyncQuorum(corpus("lab-captures/2node-qdevice-after-rejoin-quorumtool.txt"));
    expect(q.ringId).toBe("1.47");
    expect(q.nodes.map((n) => [n.name, n.qdeviceFlags])).toEqual([
      ["lab1", "A,V,NMW"],
      ["lab2", "A,NV,NMW"],
    ]);
    // The state comes from the local node (lab1), which the device still votes for.
    expect(q.qdevice).toMatchObject({ votes: 1, castVote: true, state: "voting" });
  });

  it("lab-captures/failover-after-corosync-kill-quorumtool.txt", () => {
    const q = parseCorosyncQuorum(corpus("lab-captures/failover-after-corosync-kill-quorumtool.txt"));
    expect([q.quorate, q.expectedVotes, q.totalVotes, q.quorum]).toEqual([true, 3, 2, 2]);
    expect(q.localNodeId).toBe(2);
    expect(q.ringId).toBe("2.d");
    expect(q.nodes.map((n) => [n.nodeid, n.local])).toEqual([
      [2, true],
      [3, false],
    ]);
  });
});

describe("corpus: corosync-cfgtool", () => {
  it("corosync/corosync-cfgtool-s-corosync1-2rings-bignodeid.txt", () => {
    const r = parseCorosyncLinks(corpus("corosync/corosync-cfgtool-s-corosync1-2rings-bignodeid.txt"));
    expect(r.nodeid).toBe(184620042);
    expect(r.layout).toBe("ring");
    expect(r.links.map((l) => [l.id, l.address, l.status])).toEqual([
      [0, "10.20.1.11", "ok"],
      [1, "192.168.0.179", "ok"],
    ]);
  });

  it("corosync/corosync-cfgtool-s-corosync2-1ring-spaces.txt", () => {
    const r = parseCorosyncLinks(corpus("corosync/corosync-cfgtool-s-corosync2-1ring-spaces.txt"));
    expect(r.nodeid).toBe(2);
    expect(r.links).toEqual([
      { id: 0, address: "10.10.10.26", status: "ok", statusText: "ring 0 active with no faults", transport: null, peers: [] },
    ]);
  });

  it("corosync/corosync-cfgtool-s-corosync2-2rings-tabs.txt", () => {
    const r = parseCorosyncLinks(corpus("corosync/corosync-cfgtool-s-corosync2-2rings-tabs.txt"));
    expect(r.nodeid).toBe(1);
    expect(r.links.map((l) => [l.id, l.address, l.statusText])).toEqual([
      [0, "10.10.1.16", "ring 0 active with no faults"],
      [1, "10.20.1.10", "ring 1 active with no faults"],
    ]);
  });

  it("lab-captures/2node-corosync-cfgtool.txt", () => {
    const r = parseCorosyncLinks(corpus("lab-captures/2node-corosync-cfgtool.txt"));
    expect([r.nodeid, r.transport, r.layout]).toEqual([1, "knet", "link"]);
    expect(r.links).toEqual([
      { id: 0, address: "10.99.0.11", status: "ok", statusText: null, transport: "udp", peers: [{ nodeid: 2, connected: true }] },
    ]);
  });

  it("lab-captures/3node-corosync-cfgtool.txt", () => {
    const r = parseCorosyncLinks(corpus("lab-captures/3node-corosync-cfgtool.txt"));
    expect(r.links[0]?.peers.map((p) => p.nodeid)).toEqual([2, 3]);
    expect(r.links[0]?.status).toBe("ok");
  });

  it("corosync/corosync-cfgtool-n-corosync3-knet.txt", () => {
    const r = parseCorosyncCfgtoolNodes(corpus("corosync/corosync-cfgtool-n-corosync3-knet.txt"));
    expect([r.nodeid, r.transport]).toEqual([1, "knet"]);
    expect(r.nodes.map((n) => [n.nodeid, n.reachable, n.links.length])).toEqual([
      [2, true, 1],
      [3, true, 1],
    ]);
    expect(r.nodes[1]?.links[0]).toEqual({
      id: 0,
      transport: "udp",
      source: "20.20.20.50",
      destination: "20.20.20.52",
      enabled: true,
      connected: true,
      dynconnected: false,
      mtu: 1397,
    });
  });
});

describe("corpus: corosync.conf", () => {
  it("corosync/pcs-corosync.conf-2node-two_node-udpu.conf", () => {
    const c = parseCorosyncConf(corpus("corosync/pcs-corosync.conf-2node-two_node-udpu.conf"));
    expect([c.clusterName, c.transport, c.configVersion]).toEqual(["test99", "udpu", null]);
    expect(c.nodes).toEqual([
      { name: "rh7-1", nodeid: 1, addrs: ["rh7-1"], linkAddrs: [{ link: 0, addr: "rh7-1" }], quorumVotes: null },
      { name: "rh7-2", nodeid: 2, addrs: ["rh7-2"], linkAddrs: [{ link: 0, addr: "rh7-2" }], quorumVotes: null },
    ]);
    expect(c.quorum).toMatchObject({ provider: "corosync_votequorum", twoNode: true, device: null });
    expect(c.totem.secauth).toBe(false);
  });

  it("proxmox/etc-pve-corosync.conf-pve4.1-rrp-2ring.conf", () => {
    const c = parseCorosyncConf(corpus("proxmox/etc-pve-corosync.conf-pve4.1-rrp-2ring.conf"));
    expect([c.clusterName, c.configVersion, c.transport]).toEqual(["proxmox", 2, null]);
    expect(c.nodes.map((n) => [n.name, n.nodeid, n.addrs])).toEqual([
      ["proxmox02", 2, ["192.168.0.186", "10.10.1.186"]],
      ["proxmox01", 1, ["192.168.0.185", "10.10.1.185"]],
    ]);
    expect(c.totem.rrpMode).toBe("passive");
    expect(c.totem.interfaces.map((i) => [i.link, i.attributes.bindnetaddr])).toEqual([
      [0, "192.168.0.185"],
      [1, "10.10.1.185"],
    ]);
    expect(c.quorum).toMatchObject({ provider: "corosync_votequorum", twoNode: false, device: null });
  });

  it("proxmox/etc-pve-corosync.conf-pve6-knet-2links.conf", () => {
    const c = parseCorosyncConf(corpus("proxmox/etc-pve-corosync.conf-pve6-knet-2links.conf"));
    expect([c.clusterName, c.configVersion]).toEqual(["testcluster", 4]);
    expect(c.nodes.map((n) => [n.name, n.nodeid, n.addrs])).toEqual([
      ["due", 2, ["10.10.10.2", "10.20.20.2"]],
      ["tre", 3, ["10.10.10.3", "10.20.20.3"]],
      ["uno", 1, ["10.10.10.1", "10.20.20.1"]],
    ]);
    expect(c.totem.interfaces.map((i) => i.link)).toEqual([0, 1]);
    expect(c.totem.ipVersion).toBe("ipv4-6");
  });

  it("proxmox/pve-cluster-corosync.conf-4node-2ring-parser-fixture.conf", () => {
    const c = parseCorosyncConf(corpus("proxmox/pve-cluster-corosync.conf-4node-2ring-parser-fixture.conf"));
    expect([c.clusterName, c.configVersion]).toEqual(["cloud", 1]);
    expect(c.nodes.map((n) => n.name)).toEqual(["prox1", "prox2", "prox3", "prox4"]);
    // The upstream fixture really gives every node nodeid 1; the parser reports it as found.
    expect(c.nodes.map((n) => n.nodeid)).toEqual([1, 1, 1, 1]);
    expect(c.nodes[3]?.addrs).toEqual(["prox4", "prox4-ring1"]);
  });

  it.each([
    ["lab-captures/corosync-2node.conf", "lab2n", 2, true, null],
    ["lab-captures/corosync-2node-qdevice.conf", "lab2n", 2, false, "10.99.0.13"],
    ["lab-captures/corosync-3node.conf", "labclu", 3, false, null],
  ])("%s", (file, name, count, twoNode, qnetd) => {
    const c = parseCorosyncConf(corpus(file));
    expect([c.clusterName, c.transport, c.nodes.length, c.quorum.twoNode]).toEqual([name, "knet", count, twoNode]);
    expect(c.quorum.device?.host ?? null).toBe(qnetd);
    expect(c.totem).toMatchObject({ cryptoCipher: "aes256", cryptoHash: "sha256" });
    expect(c.nodes[0]).toMatchObject({ name: "lab1", nodeid: 1, addrs: ["10.99.0.11"] });
  });
});

describe("corpus: pvecm", () => {
  it("proxmox/pvecm-status-pve7-4node-knet-TILDE-UNDERLINES.txt", () => {
    const s = parsePvecmStatus(corpus("proxmox/pvecm-status-pve7-4node-knet-TILDE-UNDERLINES.txt"));
    expect(s.cluster).toEqual({ name: "prod-central", configVersion: 3, transport: "knet", secureAuth: true });
    expect(s.quorum.ringId).toBe("1.1a8");
    expect([s.quorum.quorate, s.quorum.expectedVotes, s.quorum.quorum]).toEqual([true, 4, 3]);
    expect(s.quorum.nodes.map((n) => n.nodeid)).toEqual([1, 2, 3, 4]);
    // The doc sample says "Node ID: 0x00000001" but marks node 2 (local); both are reported as printed.
    expect(s.quorum.localNodeId).toBe(1);
    expect(s.quorum.nodes.find((n) => n.local)?.name).toBe("192.168.15.92");
  });

  it("proxmox/pvecm-status-pve-qdevice-EXCERPT.txt (starts at Votequorum information)", () => {
    const s = parsePvecmStatus(corpus("proxmox/pvecm-status-pve-qdevice-EXCERPT.txt"));
    expect(s.cluster).toBeNull();
    expect(s.quorum.quorate).toBe(true);
    expect(s.quorum.flags).toEqual(["Quorate", "Qdevice"]);
    expect(s.quorum.nodes.map((n) => [n.nodeid, n.name, n.qdeviceFlags, n.local])).toEqual([
      [1, "192.168.22.180", "A,V,NMW", true],
      [2, "192.168.22.181", "A,V,NMW", false],
    ]);
    expect(s.quorum.qdevice).toMatchObject({ votes: 1, name: "Qdevice", state: "voting" });
  });

  it("proxmox/pvecm-nodes-pve-4node-TILDE-UNDERLINES.txt", () => {
    const q = parsePvecmNodes(corpus("proxmox/pvecm-nodes-pve-4node-TILDE-UNDERLINES.txt"));
    expect(q.nodes.map((n) => [n.nodeid, n.name, n.local])).toEqual([
      [1, "hp1", false],
      [2, "hp2", true],
      [3, "hp3", false],
      [4, "hp4", false],
    ]);
    expect(q.localNodeId).toBe(2);
  });
});

describe("corpus: QDevice tools (lab captures)", () => {
  it("lab-captures/2node-qdevice-tool.txt", () => {
    const s = parseQdeviceTool(corpus("lab-captures/2node-qdevice-tool.txt"));
    expect([s.model, s.nodeid, s.quorate, s.expectedVotes]).toEqual(["Net", 1, true, 3]);
    expect(s.net).toMatchObject({ clusterName: "lab2n", host: "10.99.0.13", port: 5403, connected: true, tlsActive: true });
  });

  it("lab-captures/qnetd-tool.txt", () => {
    const r = parseQnetdTool(corpus("lab-captures/qnetd-tool.txt"));
    expect(r.clusters.map((c) => c.name)).toEqual(["lab2n"]);
    expect(r.clusters[0]?.nodes.map((n) => [n.nodeid, n.vote])).toEqual([
      [1, "ACK"],
      [2, "No change"],
    ]);
  });
});
