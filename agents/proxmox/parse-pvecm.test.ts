import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parsePvecmNodes, parsePvecmStatus } from "./parse-pvecm";

// Real pvecm output underlines with dashes (the docs' "~" is an asciidoc artefact).
const PVE8_QDEVICE = [
  "Cluster information",
  "-------------------",
  "Name:             pve-two",
  "Config Version:   7",
  "Transport:        knet",
  "Secure auth:      on",
  "",
  "Quorum information",
  "------------------",
  "Date:             Tue Mar  4 10:00:00 2025",
  "Quorum provider:  corosync_votequorum",
  "Nodes:            2",
  "Node ID:          0x00000001",
  "Ring ID:          1.2c",
  "Quorate:          Yes",
  "",
  "Votequorum information",
  "----------------------",
  "Expected votes:   3",
  "Highest expected: 3",
  "Total votes:      3",
  "Quorum:           2  ",
  "Flags:            Quorate Qdevice ",
  "",
  "Membership information",
  "----------------------",
  "    Nodeid      Votes    Qdevice Name",
  "0x00000001          1    A,V,NMW 10.0.0.1 (local)",
  "0x00000002          1    A,V,NMW 10.0.0.2",
  "0x00000000          1            Qdevice",
].join("\n");

const PVE5 = [
  "Quorum information",
  "------------------",
  "Date:             Mon Apr  1 12:00:00 2019",
  "Quorum provider:  corosync_votequorum",
  "Nodes:            3",
  "Node ID:          0x00000003",
  "Ring ID:          1/96",
  "Quorate:          Yes",
  "",
  "Votequorum information",
  "----------------------",
  "Expected votes:   3",
  "Highest expected: 3",
  "Total votes:      3",
  "Quorum:           2  ",
  "Flags:            Quorate ",
  "",
  "Membership information",
  "----------------------",
  "    Nodeid      Votes Name",
  "0x00000001          1 192.168.1.1",
  "0x00000002          1 192.168.1.2",
  "0x00000003          1 192.168.1.3 (local)",
].join("\n");

describe("parsePvecmStatus", () => {
  it("reads the PVE 6+ Cluster information block and the QDevice membership", () => {
    const s = parsePvecmStatus(PVE8_QDEVICE);
    expect(s.cluster).toEqual({ name: "pve-two", configVersion: 7, transport: "knet", secureAuth: true });
    expect(s.quorum.localNodeId).toBe(1);
    expect(s.quorum.nodes.map((n) => [n.nodeid, n.local, n.qdeviceFlags])).toEqual([
      [1, true, "A,V,NMW"],
      [2, false, "A,V,NMW"],
    ]);
    expect(s.quorum.qdevice).toMatchObject({ votes: 1, state: "voting" });
    expect(s.quorum.flags).toEqual(["Quorate", "Qdevice"]);
  });

  it("returns cluster null for PVE 5 and older output", () => {
    const s = parsePvecmStatus(PVE5);
    expect(s.cluster).toBeNull();
    expect(s.quorum.ringId).toBe("1/96");
    expect(s.quorum.localNodeId).toBe(3);
    expect(s.quorum.nodes.find((n) => n.local)?.name).toBe("192.168.1.3");
  });

  it("accepts the docs' tilde underlines", () => {
    const s = parsePvecmStatus(PVE8_QDEVICE.replace(/^-+$/gm, (d) => "~".repeat(d.length)));
    expect(s.cluster?.name).toBe("pve-two");
    expect(s.quorum.nodes).toHaveLength(2);
  });

  it.each([
    ["empty input", ""],
    ["garbage", "qwerty\nasdf"],
    ["a node outside any cluster", "Error: Corosync config '/etc/pve/corosync.conf' does not exist - is this node part of a cluster?\n"],
    [
      "cluster information without corosync running",
      "Cluster information\n-------------------\nName:             pve\nConfig Version:   2\nTransport:        knet\nSecure auth:      on\n\nCannot initialize CMAP service\n",
    ],
    ["a Config Version that is not a number", PVE8_QDEVICE.replace("Config Version:   7", "Config Version:   seven")],
    ["output cut in the membership table", PVE5.split("\n").slice(0, 20).join("\n")],
  ])("throws ParseError for %s", (_label, text) => {
    expect(() => parsePvecmStatus(text)).toThrow(ParseError);
  });
});

describe("parsePvecmNodes", () => {
  it("reads decimal right-aligned ids and the (local) marker", () => {
    const q = parsePvecmNodes("\nMembership information\n----------------------\n    Nodeid      Votes Name\n         1          1 pve1\n         2          1 pve2 (local)\n");
    expect(q.nodes).toEqual([
      { nodeid: 1, votes: 1, name: "pve1", local: false, qdeviceFlags: null },
      { nodeid: 2, votes: 1, name: "pve2", local: true, qdeviceFlags: null },
    ]);
    expect(q.quorate).toBeNull();
  });

  it.each([
    ["empty input", ""],
    ["a status report without a table", "Quorum information\n------------------\nQuorate:          Yes\n"],
  ])("throws ParseError for %s", (_label, text) => {
    expect(() => parsePvecmNodes(text)).toThrow(ParseError);
  });
});
