import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { TCorosyncConfig } from "./model";
import { parseCorosyncConf, readCorosyncConfig } from "./parse-conf";
import { renderCorosyncConf } from "./render-conf";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

const LAB_LOGGING = {
  toLogfile: true,
  logfile: "/var/log/corosync/corosync.log",
  toSyslog: false,
  toStderr: false,
  timestamp: true,
  debug: null,
};
const NO_LOGGING = { toLogfile: null, logfile: null, toSyslog: null, toStderr: null, timestamp: null, debug: null };
const KNET_LINK0 = { linknumber: 0, knetLinkPriority: 1, knetTransport: null, bindnetaddr: null, mcastport: null };

const twoNode: TCorosyncConfig = {
  clusterName: "lab2n",
  configVersion: null,
  transport: "knet",
  ipVersion: null,
  secauth: null,
  cryptoCipher: "aes256",
  cryptoHash: "sha256",
  linkMode: null,
  links: [KNET_LINK0],
  nodes: [
    { nodeid: 1, name: "lab1", addrs: ["10.99.0.11"], quorumVotes: null },
    { nodeid: 2, name: "lab2", addrs: ["10.99.0.12"], quorumVotes: null },
  ],
  quorum: { provider: "corosync_votequorum", twoNode: true, waitForAll: null, expectedVotes: null, device: null },
  logging: LAB_LOGGING,
};

const twoNodeQdevice: TCorosyncConfig = {
  ...twoNode,
  quorum: {
    provider: "corosync_votequorum",
    twoNode: false,
    waitForAll: null,
    expectedVotes: null,
    device: { model: "net", votes: 1, host: "10.99.0.13", port: null, algorithm: "ffsplit", tls: "on" },
  },
};

const threeNodeTwoLinks: TCorosyncConfig = {
  clusterName: "pve3",
  configVersion: 5,
  transport: "knet",
  ipVersion: "ipv4-6",
  secauth: true,
  cryptoCipher: null,
  cryptoHash: null,
  linkMode: "passive",
  links: [
    { linknumber: 0, knetLinkPriority: 20, knetTransport: "udp", bindnetaddr: null, mcastport: null },
    { linknumber: 1, knetLinkPriority: 10, knetTransport: "sctp", bindnetaddr: null, mcastport: null },
  ],
  nodes: [
    { nodeid: 1, name: "pve1", addrs: ["10.10.10.1", "10.20.20.1"], quorumVotes: 1 },
    { nodeid: 2, name: "pve2", addrs: ["10.10.10.2", "10.20.20.2"], quorumVotes: 1 },
    { nodeid: 3, name: "pve3", addrs: ["10.10.10.3", "10.20.20.3"], quorumVotes: 1 },
  ],
  quorum: { provider: "corosync_votequorum", twoNode: false, waitForAll: null, expectedVotes: null, device: null },
  logging: { ...NO_LOGGING, toSyslog: true, debug: false },
};

const udpu: TCorosyncConfig = {
  clusterName: "legacy",
  configVersion: 1,
  transport: "udpu",
  ipVersion: null,
  secauth: false,
  cryptoCipher: null,
  cryptoHash: null,
  linkMode: null,
  links: [],
  nodes: [
    { nodeid: 1, name: "rh7-1", addrs: ["rh7-1"], quorumVotes: null },
    { nodeid: 2, name: "rh7-2", addrs: ["rh7-2"], quorumVotes: null },
  ],
  quorum: { provider: "corosync_votequorum", twoNode: true, waitForAll: false, expectedVotes: null, device: null },
  logging: NO_LOGGING,
};

describe("renderCorosyncConf", () => {
  it("writes the lab's two-node file byte for byte", () => {
    expect(renderCorosyncConf(twoNode)).toBe(fixture("lab-corosync-2node.conf"));
  });

  it("writes the lab's two-node QDevice file byte for byte", () => {
    expect(renderCorosyncConf(twoNodeQdevice)).toBe(fixture("lab-corosync-2node-qdevice.conf"));
  });

  it("writes the lab's three-node file byte for byte", () => {
    const threeNode: TCorosyncConfig = {
      ...twoNode,
      clusterName: "labclu",
      nodes: [...twoNode.nodes, { nodeid: 3, name: "lab3", addrs: ["10.99.0.13"], quorumVotes: null }],
      quorum: { ...twoNode.quorum, twoNode: false },
    };
    expect(renderCorosyncConf(threeNode)).toBe(fixture("lab-corosync-3node.conf"));
  });

  it("writes ring addresses per link and the knet link options", () => {
    const text = renderCorosyncConf(threeNodeTwoLinks);
    expect(text).toContain(
      "    interface {\n        linknumber: 1\n        knet_link_priority: 10\n        knet_transport: sctp\n    }\n",
    );
    expect(text).toContain("        ring0_addr: 10.10.10.2\n        ring1_addr: 10.20.20.2\n");
    expect(text).toContain("    secauth: on\n");
    expect(text).toContain("    link_mode: passive\n");
  });

  it.each([
    ["2-node two_node", twoNode],
    ["2-node qdevice", twoNodeQdevice],
    ["3-node two links", threeNodeTwoLinks],
    ["udpu", udpu],
  ])("round-trips the %s model through the file", (_label, model) => {
    expect(readCorosyncConfig(renderCorosyncConf(model))).toEqual(model);
  });

  it("renders what the contract parser reads back", () => {
    const parsed = parseCorosyncConf(renderCorosyncConf(twoNodeQdevice));
    expect(parsed.clusterName).toBe("lab2n");
    expect(parsed.transport).toBe("knet");
    expect(parsed.nodes.map((n) => [n.name, n.nodeid, n.addrs])).toEqual([
      ["lab1", 1, ["10.99.0.11"]],
      ["lab2", 2, ["10.99.0.12"]],
    ]);
    expect(parsed.quorum).toMatchObject({ provider: "corosync_votequorum", twoNode: false, device: { model: "net", host: "10.99.0.13" } });
    const three = parseCorosyncConf(renderCorosyncConf(threeNodeTwoLinks));
    expect(three.configVersion).toBe(5);
    expect(three.nodes[2]?.addrs).toEqual(["10.10.10.3", "10.20.20.3"]);
    expect(parseCorosyncConf(renderCorosyncConf(udpu)).quorum.twoNode).toBe(true);
  });

  it.each([
    ["duplicate node ids", { ...twoNode, nodes: [twoNode.nodes[0]!, { ...twoNode.nodes[1]!, nodeid: 1 }] }, /duplicate nodeid/],
    ["two_node with three nodes", { ...threeNodeTwoLinks, quorum: { ...threeNodeTwoLinks.quorum, twoNode: true } }, /exactly two/],
    ["two_node together with a quorum device", { ...twoNodeQdevice, quorum: { ...twoNodeQdevice.quorum, twoNode: true } }, /exclude/],
    ["a node missing its second-link address", { ...threeNodeTwoLinks, nodes: [{ ...threeNodeTwoLinks.nodes[0]!, addrs: ["10.10.10.1"] }] }, /1 addresses for 2 links/],
    ["two addresses over udpu", { ...udpu, nodes: [{ ...udpu.nodes[0]!, addrs: ["a", "b"] }, udpu.nodes[1]!] }, /one link only/],
    ["a name that would break out of its section", { ...twoNode, nodes: [{ ...twoNode.nodes[0]!, name: "lab1\n}\ntotem {" }, twoNode.nodes[1]!] }, /letters, digits/],
    ["a cipher without a hash", { ...twoNode, cryptoHash: null }, /set together/],
  ])("refuses %s", (_label, model, message) => {
    expect(() => renderCorosyncConf(model as TCorosyncConfig)).toThrow(message);
  });
});
