import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseQdeviceTool, parseQnetdTool } from "./parse-qdevice-tool";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("parseQdeviceTool", () => {
  it("reads the lab's verbose status", () => {
    const s = parseQdeviceTool(fixture("lab-2node-qdevice-tool.txt"));
    expect(s).toMatchObject({
      model: "Net",
      nodeid: 1,
      configuredNodes: [1, 2],
      membershipNodes: [1, 2],
      quorumNodes: [
        { nodeid: 2, state: "member" },
        { nodeid: 1, state: "member" },
      ],
      quorate: true,
      ringId: "1.37",
      expectedVotes: 3,
      heuristics: "Disabled",
    });
    expect(s.net).toEqual({
      clusterName: "lab2n",
      host: "10.99.0.13",
      port: 5403,
      algorithm: "Fifty-Fifty split",
      tieBreaker: "Node with lowest node ID",
      state: "Connected",
      connected: true,
      tlsActive: true,
      connectedSince: "2026-11-21T13:58:29",
    });
  });

  it("reads the short status of a device that is not connected", () => {
    const text = [
      "Qdevice information",
      "-------------------",
      "Model:                  Net",
      "Node ID:                2",
      "Configured node list:",
      "    0   Node ID = 1",
      "    1   Node ID = 2",
      "Membership node list:   2",
      "",
      "Qdevice-net information",
      "----------------------",
      "Cluster name:           pve",
      "QNetd host:             qnetd.example:5403",
      "Algorithm:              Fifty-Fifty split",
      "Tie-breaker:            Node with lowest node ID",
      "State:                  Connect failed",
    ].join("\n");
    const s = parseQdeviceTool(text);
    expect(s.configuredNodes).toEqual([1, 2]);
    expect(s.membershipNodes).toEqual([2]);
    expect(s.quorate).toBeNull();
    expect(s.net).toMatchObject({ host: "qnetd.example", port: 5403, state: "Connect failed", connected: false, tlsActive: null });
  });

  it.each([
    ["empty input", ""],
    ["garbage", "nothing here"],
    ["a bad node list", "Qdevice information\nModel: Net\nMembership node list: 1, x\n"],
  ])("throws ParseError for %s", (_label, text) => {
    expect(() => parseQdeviceTool(text)).toThrow(ParseError);
  });
});

describe("parseQnetdTool", () => {
  it("reads the lab's cluster list with per-node votes", () => {
    const r = parseQnetdTool(fixture("lab-qnetd-tool.txt"));
    expect(r.clusters).toHaveLength(1);
    const c = r.clusters[0];
    expect(c).toMatchObject({ name: "lab2n", algorithm: "Fifty-Fifty split (KAP Tie-breaker)", tieBreaker: "Node with lowest node ID" });
    expect(c?.nodes.map((n) => [n.nodeid, n.clientAddress, n.vote, n.lastSentVote, n.tlsActive])).toEqual([
      [1, "::ffff:10.99.0.11:40838", "ACK", "ACK", true],
      [2, "::ffff:10.99.0.12:43226", "No change", "ACK", true],
    ]);
    expect(c?.nodes[0]?.membershipNodes).toEqual([1, 2]);
  });

  it("reads the server status (-s)", () => {
    const text = "QNetd address:\t\t\t*:5403\nTLS:\t\t\t\tSupported (client certificate required)\nConnected clients:\t\t2\nConnected clusters:\t\t1\n";
    expect(parseQnetdTool(text)).toEqual({
      status: { address: "*:5403", tls: "Supported (client certificate required)", connectedClients: 2, connectedClusters: 1 },
      clusters: [],
    });
  });

  it.each([
    ["empty input", ""],
    ["garbage", "just words"],
    ["a node outside a cluster", "Node ID 1:\n"],
  ])("throws ParseError for %s", (_label, text) => {
    expect(() => parseQnetdTool(text)).toThrow(ParseError);
  });
});
