import { describe, expect, it } from "vitest";
import { lab2Desired, lab3Desired, labNodes } from "./__fixtures__/lab-desired";
import type { TCorosyncConfig } from "./model";
import { ringAddressIsLocal, ringAddressReports, validateCorosyncDesired } from "./validate";

const summary = (c: TCorosyncConfig) => validateCorosyncDesired(c).map((r) => [r.severity, r.code, r.params.field]);

describe("validateCorosyncDesired", () => {
  it("accepts a 3-node knet cluster with crypto, warning only about its single link", () => {
    expect(summary(lab3Desired)).toEqual([["warning", "COROSYNC_SINGLE_LINK", "links"]]);
  });

  it("has no single-link warning with two links", () => {
    const twoLinks: TCorosyncConfig = {
      ...lab3Desired,
      links: [0, 1].map((linknumber) => ({ linknumber, knetLinkPriority: null, knetTransport: null, bindnetaddr: null, mcastport: null })),
      nodes: labNodes(3).map((n, i) => ({ ...n, addrs: [...n.addrs, `10.98.0.1${i + 1}`] })),
    };
    expect(summary(twoLinks)).toEqual([]);
  });

  it("refuses two nodes without a QDevice or two_node, saying why", () => {
    const reports = validateCorosyncDesired(lab2Desired({}));
    expect(reports.map((r) => [r.severity, r.code, r.params.field])).toEqual([
      ["error", "COROSYNC_TWO_NODES_NO_TIEBREAKER", "quorum"],
      ["warning", "COROSYNC_SINGLE_LINK", "links"],
    ]);
    expect(reports[0]?.message).toContain("loses quorum on the other");
  });

  it("warns what two_node + wait_for_all means, and refuses two_node with wait_for_all off", () => {
    const ok = validateCorosyncDesired(lab2Desired({ twoNode: true, waitForAll: true }));
    const warning = ok.find((r) => r.code === "COROSYNC_TWO_NODE");
    expect(warning?.severity).toBe("warning");
    expect(warning?.message).toContain("after a full cluster restart both nodes must be up before either becomes quorate");
    expect(warning?.message).toContain("only if it was already running");
    expect(summary(lab2Desired({ twoNode: true, waitForAll: false }))).toContainEqual(["error", "COROSYNC_TWO_NODE_WITHOUT_WAIT_FOR_ALL", "quorum.waitForAll"]);
  });

  it("accepts two nodes with a QDevice on a third machine, refuses one on a node, warns on three nodes", () => {
    const device = { model: "net" as const, votes: 1, host: "10.99.0.13", port: null, algorithm: "ffsplit" as const, tls: "on" as const };
    expect(summary(lab2Desired({ device }))).toEqual([["warning", "COROSYNC_SINGLE_LINK", "links"]]);
    expect(summary(lab2Desired({ device: { ...device, host: "10.99.0.12" } }))).toContainEqual(["error", "COROSYNC_QDEVICE_ON_NODE", "quorum.device.host"]);
    expect(summary({ ...lab3Desired, quorum: { ...lab3Desired.quorum, device: { ...device, host: "nas" } } })).toContainEqual([
      "warning",
      "COROSYNC_QDEVICE_ODD_NODES",
      "quorum.device",
    ]);
  });

  it("never allows expected_votes: 1", () => {
    expect(summary({ ...lab3Desired, quorum: { ...lab3Desired.quorum, expectedVotes: 1 } })).toContainEqual(["error", "COROSYNC_EXPECTED_VOTES_ONE", "quorum.expectedVotes"]);
  });

  it("refuses 1 and 4 nodes", () => {
    const four = [...labNodes(3), { nodeid: 4, name: "lab4", addrs: ["10.99.0.14"], quorumVotes: null }];
    expect(summary({ ...lab3Desired, nodes: four })).toContainEqual(["error", "COROSYNC_NODE_COUNT", "nodes"]);
    expect(summary({ ...lab3Desired, nodes: labNodes(2).slice(0, 1) })).toContainEqual(["error", "COROSYNC_NODE_COUNT", "nodes"]);
  });

  it("names the field of duplicate names, ids and addresses, once each", () => {
    const [a, b, c] = labNodes(3) as [TCorosyncConfig["nodes"][0], TCorosyncConfig["nodes"][0], TCorosyncConfig["nodes"][0]];
    const reports = validateCorosyncDesired({ ...lab3Desired, nodes: [a, { ...b, name: "lab1", nodeid: 1 }, { ...c, addrs: ["10.99.0.11"] }] });
    expect(reports.filter((r) => r.severity === "error").map((r) => [r.code, r.params.field])).toEqual([
      ["COROSYNC_DUPLICATE_NODE_NAME", "nodes.1.name"],
      ["COROSYNC_DUPLICATE_NODE_ID", "nodes.1.nodeid"],
      ["COROSYNC_DUPLICATE_ADDRESS", "nodes.2.addrs.0"],
    ]);
    expect(reports.find((r) => r.code === "COROSYNC_DUPLICATE_ADDRESS")?.params.nodes).toEqual(["lab1", "lab3"]);
  });

  it("wants an address for every link on every node", () => {
    const twoLinks: TCorosyncConfig = {
      ...lab3Desired,
      links: [0, 1].map((linknumber) => ({ linknumber, knetLinkPriority: null, knetTransport: null, bindnetaddr: null, mcastport: null })),
      nodes: labNodes(3).map((n, i) => (i === 1 ? n : { ...n, addrs: [...n.addrs, `10.98.0.1${i + 1}`] })),
    };
    const missing = validateCorosyncDesired(twoLinks).filter((r) => r.code === "COROSYNC_LINK_ADDRESS_MISSING");
    expect(missing.map((r) => [r.params.field, r.params.link])).toEqual([["nodes.1.addrs.1", 1]]);
  });

  it("checks the cluster name (1-15 letters, digits, -) and crypto", () => {
    expect(summary({ ...lab3Desired, clusterName: "a-very-long-cluster" })).toContainEqual(["error", "COROSYNC_CLUSTER_NAME", "clusterName"]);
    expect(summary({ ...lab3Desired, clusterName: "my_clu" })).toContainEqual(["error", "COROSYNC_CLUSTER_NAME", "clusterName"]);
    expect(summary({ ...lab3Desired, cryptoCipher: "none", cryptoHash: "none" })).toContainEqual(["error", "COROSYNC_CRYPTO_OFF", "cryptoCipher"]);
  });

  it("passes schema problems on as reports with their field", () => {
    const bad = { ...lab3Desired, nodes: labNodes(3).map((n, i) => (i === 2 ? { ...n, name: "lab 3" } : n)) };
    expect(summary(bad)).toContainEqual(["error", "COROSYNC_CONFIG_INVALID", "nodes.2.name"]);
  });
});

describe("ring addresses", () => {
  it("are local when the host has them; names are not judged", () => {
    expect(ringAddressIsLocal("10.99.0.11", ["127.0.0.1", "10.99.0.11"])).toBe(true);
    expect(ringAddressIsLocal("10.99.0.12", ["127.0.0.1", "10.99.0.11"])).toBe(false);
    expect(ringAddressIsLocal("FE80::1", ["fe80::1%eth0"])).toBe(true);
    expect(ringAddressIsLocal("lab1", ["10.99.0.11"])).toBeNull();
  });

  it("report a ring address that is not on its host, naming node and field", () => {
    const reports = ringAddressReports(lab3Desired, { lab1: ["10.99.0.11"], lab2: ["10.99.0.99"], lab3: null });
    expect(reports.map((r) => [r.code, r.params.field, r.params.node, r.params.address])).toEqual([
      ["COROSYNC_RING_ADDRESS_NOT_LOCAL", "nodes.1.addrs.0", "lab2", "10.99.0.12"],
    ]);
  });
});
