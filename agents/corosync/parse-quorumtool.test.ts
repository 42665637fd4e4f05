import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseCorosyncQuorum } from "./parse-quorumtool";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

const MEMBERSHIP_ONLY = [
  "",
  "Membership information",
  "----------------------",
  "    Nodeid      Votes Name",
  "         1          1 lab1 (local)",
  "         2          1 lab2",
].join("\n");

describe("parseCorosyncQuorum", () => {
  it("reads a two-node QDevice cluster from the lab", () => {
    const q = parseCorosyncQuorum(fixture("lab-2node-qdevice-quorumtool.txt"));
    expect(q.quorate).toBe(true);
    expect([q.expectedVotes, q.totalVotes, q.quorum, q.highestExpected]).toEqual([3, 3, 2, 3]);
    expect(q.flags).toEqual(["Quorate", "Qdevice"]);
    expect(q.ringId).toBe("1.37");
    expect(q.nodes).toEqual([
      { nodeid: 1, votes: 1, name: "lab1", local: true, qdeviceFlags: "A,V,NMW" },
      { nodeid: 2, votes: 1, name: "lab2", local: false, qdeviceFlags: "A,V,NMW" },
    ]);
    expect(q.qdevice).toEqual({
      votes: 1,
      configuredVotes: 1,
      name: "Qdevice",
      alive: true,
      castVote: true,
      masterWins: false,
      state: "voting",
    });
  });

  it("reads hex node ids, Activity blocked and a QDevice that stopped voting", () => {
    const q = parseCorosyncQuorum(fixture("quorumtool-hex-lost-qdevice.txt"));
    expect(q.quorate).toBe(false);
    expect(q.activityBlocked).toBe(true);
    expect(q.quorum).toBe(2);
    expect(q.flags).toEqual(["Qdevice"]);
    expect(q.localNodeId).toBe(2);
    expect(q.ringId).toBe("2.1f");
    expect(q.nodes).toEqual([{ nodeid: 2, votes: 1, name: "pve2", local: true, qdeviceFlags: "NA,NV,NMW" }]);
    expect(q.qdevice).toMatchObject({ votes: 0, configuredVotes: 1, name: "Qdevice", alive: false, state: "not-alive" });
  });

  it("reads corosync 2.4 auto-derived 32-bit node ids and the nodeid/seq ring id", () => {
    const q = parseCorosyncQuorum(fixture("quorumtool-corosync24-bignodeid.txt"));
    expect(q.localNodeId).toBe(1084783375);
    expect(q.ringId).toBe("1084783375/40");
    expect(q.nodes.map((n) => n.nodeid)).toEqual([1084783375, 1084783376]);
    expect(q.flags).toEqual(["2Node", "Quorate", "WaitForAll"]);
    expect([q.twoNode, q.waitForAll, q.quorum, q.activityBlocked]).toEqual([true, true, 1, false]);
  });

  it("reads a report without votequorum, which ends after Quorate", () => {
    const q = parseCorosyncQuorum(fixture("quorumtool-no-votequorum.txt"));
    expect(q.quorate).toBe(true);
    expect(q.quorumProvider).toBe("Not configured");
    expect(q.flags).toBeNull();
    expect(q.expectedVotes).toBeNull();
    expect(q.nodes).toEqual([]);
    expect(q.memberCount).toBe(2);
  });

  it("leaves quorum facts null for -l (membership only)", () => {
    const q = parseCorosyncQuorum(MEMBERSHIP_ONLY);
    expect(q).toMatchObject({ quorate: null, expectedVotes: null, totalVotes: null, quorum: null, flags: null });
    expect(q.nodes.map((n) => [n.nodeid, n.name, n.local])).toEqual([
      [1, "lab1", true],
      [2, "lab2", false],
    ]);
    expect(q.localNodeId).toBe(1);
  });

  it("tolerates CRLF, a shell prompt, trailing spaces and missing blank lines", () => {
    const text = [
      "root@lab1:~# corosync-quorumtool -s",
      "Quorum information",
      "------------------",
      "Quorate:          Yes   ",
      "Votequorum information",
      "----------------------",
      "Expected votes:   2",
      "Total votes:      2 ",
      "Quorum:           2  ",
      "Flags:            Quorate ",
      "Membership information",
      "----------------------",
      "    Nodeid      Votes Name   ",
      "         1          1 lab1 (local)   ",
    ].join("\r\n");
    const q = parseCorosyncQuorum(text);
    expect(q.quorate).toBe(true);
    expect([q.totalVotes, q.quorum]).toEqual([2, 2]);
    expect(q.nodes).toEqual([{ nodeid: 1, votes: 1, name: "lab1", local: true, qdeviceFlags: null }]);
  });

  it("derives quorate from the Quorate flag when only the Votequorum section is there", () => {
    const text = [
      "Votequorum information",
      "~~~~~~~~~~~~~~~~~~~~~",
      "Expected votes:   3",
      "Highest expected: 3",
      "Total votes:      3",
      "Quorum:           2",
      "Flags:            Quorate Qdevice",
      "",
      "Membership information",
      "~~~~~~~~~~~~~~~~~~~~~~",
      "    Nodeid      Votes    Qdevice Name",
      "    0x00000001      1    A,V,NMW 10.0.0.1 (local)",
      "    0x00000002      1         NR 10.0.0.2",
      "    0x00000000      1            Qdevice",
    ].join("\n");
    const q = parseCorosyncQuorum(text);
    expect(q.quorate).toBe(true);
    expect(q.nodes.map((n) => [n.nodeid, n.qdeviceFlags, n.name])).toEqual([
      [1, "A,V,NMW", "10.0.0.1"],
      [2, "NR", "10.0.0.2"],
    ]);
    expect(q.qdevice?.votes).toBe(1);
    expect(q.nodes.some((n) => n.nodeid === 0)).toBe(false);
  });

  it("takes the local node's flags for the QDevice state, and NR as not registered", () => {
    const text = [
      "Membership information",
      "----------------------",
      "    Nodeid      Votes    Qdevice Name",
      "         1          1         NR lab1 (local)",
      "         0          0            Qdevice (votes 1)",
    ].join("\n");
    expect(parseCorosyncQuorum(text).qdevice).toMatchObject({ votes: 0, configuredVotes: 1, state: "not-registered" });
  });

  it("reads a table without a Votes column and a node whose name did not resolve", () => {
    const text = ["    Nodeid Name", "         1 node1 (local)", "         2 "].join("\n");
    const q = parseCorosyncQuorum(text);
    expect(q.nodes).toEqual([
      { nodeid: 1, votes: null, name: "node1", local: true, qdeviceFlags: null },
      { nodeid: 2, votes: null, name: null, local: false, qdeviceFlags: null },
    ]);
  });

  it("keeps the last report of corosync-quorumtool -m", () => {
    const report = (total: number, quorate: string) =>
      [
        "Quorum information",
        "------------------",
        `Quorate:          ${quorate}`,
        "",
        "Votequorum information",
        "----------------------",
        "Expected votes:   3",
        `Total votes:      ${total}`,
        "Quorum:           2",
        `Flags:            ${quorate === "Yes" ? "Quorate" : ""}`,
        "",
        "Membership information",
        "----------------------",
        "    Nodeid      Votes Name",
        "         1          1 a (local)",
        ...(total > 1 ? ["         2          1 b"] : []),
        "",
      ].join("\n");
    const q = parseCorosyncQuorum(report(2, "Yes") + report(1, "No"));
    expect(q.quorate).toBe(false);
    expect(q.totalVotes).toBe(1);
    expect(q.flags).toEqual([]);
    expect(q.nodes).toHaveLength(1);
  });

  it("reads corosync 1.x's flat report without section titles", () => {
    const text = [
      "Version:          1.4.7",
      "Nodes:            2",
      "Ring ID:          1248",
      "Quorum type:      corosync_votequorum",
      "Quorate:          Yes",
      "Node votes:       1",
      "Expected votes:   2",
      "Highest expected: 2",
      "Total votes:      2",
      "Quorum:           2  ",
      "Flags:            Quorate ",
    ].join("\n");
    const q = parseCorosyncQuorum(text);
    expect([q.quorate, q.expectedVotes, q.totalVotes, q.quorum, q.memberCount]).toEqual([true, 2, 2, 2, 2]);
    expect([q.quorumProvider, q.ringId]).toEqual(["corosync_votequorum", "1248"]);
    expect(q.nodes).toEqual([]);
  });

  it("reads 1000 members", () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `${String(i + 1).padStart(10)}          1 n${i + 1}`);
    const q = parseCorosyncQuorum(["    Nodeid      Votes Name", ...rows].join("\n"));
    expect(q.nodes).toHaveLength(1000);
    expect(q.nodes[999]).toMatchObject({ nodeid: 1000, name: "n1000" });
  });

  it.each([
    ["empty input", ""],
    ["blank lines", "\n \n\t\n"],
    ["garbage", "hello world\nthis is not corosync"],
    ["a crm_mon capture", "Cluster Summary:\n  * Stack: corosync\nNode List:\n  * Online: [ lab1 lab2 ]"],
    ["a report cut inside Quorum information", "Quorum information\n------------------\nDate:             Sat Nov 21\nQuorum provider:  corosync_votequorum"],
    ["a report cut after Votequorum", "Quorate: Yes\nVotequorum information\n---\nExpected votes: 2\nTotal votes: 2\nQuorum: 2\nFlags: Quorate\n"],
    ["a table header without rows", "Membership information\n----------------------\n    Nodeid      Votes Name\n"],
    ["a row with a bad vote count", "    Nodeid      Votes Name\n         1          x lab1\n"],
    ["a row with a bad node id", "Quorate: Yes\n    Nodeid      Votes Name\n         1          1 lab1\n  0xzz    1 lab2\n"],
  ])("throws ParseError for %s", (_label, text) => {
    expect(() => parseCorosyncQuorum(text)).toThrow(ParseError);
  });
});
