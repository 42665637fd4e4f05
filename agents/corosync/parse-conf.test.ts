import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseCorosyncConf, readCorosyncConfig } from "./parse-conf";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("parseCorosyncConf", () => {
  it("reads a PVE-style file with comments, blank lines in nodelist and a nested quorum device", () => {
    const c = parseCorosyncConf(fixture("pve-qdevice-heuristics.conf"));
    expect(c.clusterName).toBe("pve-two");
    expect(c.configVersion).toBe(7);
    expect(c.transport).toBeNull();
    expect(c.nodes.map((n) => [n.name, n.nodeid, n.addrs, n.quorumVotes])).toEqual([
      ["pve2", 2, ["10.0.0.2"], 1],
      ["pve1", 1, ["10.0.0.1"], 1],
    ]);
    expect(c.quorum).toEqual({
      provider: "corosync_votequorum",
      twoNode: false,
      device: {
        model: "net",
        host: "10.0.0.9",
        votes: 1,
        port: null,
        algorithm: "ffsplit",
        tls: "on",
        heuristicsMode: "sync",
      },
      waitForAll: false,
      expectedVotes: null,
      lastManStanding: null,
      autoTieBreaker: null,
    });
    expect(c.totem).toMatchObject({ version: 2, secauth: true, linkMode: "passive", ipVersion: "ipv4-6" });
    expect(c.totem.interfaces).toEqual([{ link: 0, attributes: { linknumber: "0" } }]);
    expect(c.logging).toEqual({ debug: "off", to_syslog: "yes" });
  });

  it("orders ringN_addr by link number and keeps gaps in linkAddrs", () => {
    const c = parseCorosyncConf(
      "totem {\n cluster_name: x\n}\nnodelist {\n node {\n  ring2_addr: 10.2.0.1\n  ring0_addr: 10.0.0.1\n  nodeid: 1\n }\n}\n",
    );
    expect(c.nodes[0]?.addrs).toEqual(["10.0.0.1", "10.2.0.1"]);
    expect(c.nodes[0]?.linkAddrs).toEqual([
      { link: 0, addr: "10.0.0.1" },
      { link: 2, addr: "10.2.0.1" },
    ]);
    expect(c.nodes[0]?.name).toBeNull();
  });

  it("reads corosync-2 ringnumber interfaces and rrp_mode", () => {
    const c = parseCorosyncConf(
      "totem {\n  rrp_mode: passive\n  interface {\n    ringnumber: 1\n    bindnetaddr: 10.1.0.0\n  }\n}\nquorum {\n  two_node: yes\n}\n",
    );
    expect(c.totem.rrpMode).toBe("passive");
    expect(c.totem.interfaces).toEqual([{ link: 1, attributes: { ringnumber: "1", bindnetaddr: "10.1.0.0" } }]);
    expect(c.quorum.twoNode).toBe(true);
    expect(c.quorum.provider).toBeNull();
    expect(c.clusterName).toBeNull();
  });

  it("reads CRLF files", () => {
    const c = parseCorosyncConf("totem {\r\n    cluster_name: c1\r\n    transport: knet\r\n}\r\n");
    expect([c.clusterName, c.transport]).toEqual(["c1", "knet"]);
  });

  it("reads 1000 nodes", () => {
    const nodes = Array.from(
      { length: 1000 },
      (_, i) => `  node {\n    name: n${i + 1}\n    nodeid: ${i + 1}\n    ring0_addr: 10.0.${i >> 8}.${i & 255}\n  }`,
    );
    const c = parseCorosyncConf(`totem {\n  cluster_name: big\n}\nnodelist {\n${nodes.join("\n")}\n}\n`);
    expect(c.nodes).toHaveLength(1000);
    expect(c.nodes[999]).toMatchObject({ name: "n1000", nodeid: 1000, addrs: ["10.0.3.231"] });
  });

  it.each([
    ["empty input", ""],
    ["comments only", "# nothing here\n"],
    ["garbage", "hello world\n"],
    ["key-values outside any section", "cluster_name: x\n"],
    ["a truncated file", "totem {\n  version: 2\nnodelist {\n"],
    ["a non-numeric nodeid", "nodelist {\n node {\n  nodeid: one\n }\n}\n"],
    ["a non-boolean two_node", "totem {\n}\nquorum {\n two_node: maybe\n}\n"],
  ])("throws ParseError for %s", (_label, text) => {
    expect(() => parseCorosyncConf(text)).toThrow(ParseError);
  });
});

describe("readCorosyncConfig", () => {
  it("reads a file into the desired-state model", () => {
    const c = readCorosyncConfig(fixture("pve-qdevice-heuristics.conf"));
    expect(c.clusterName).toBe("pve-two");
    expect(c.links).toEqual([
      { linknumber: 0, knetLinkPriority: null, knetTransport: null, bindnetaddr: null, mcastport: null },
    ]);
    expect(c.quorum.device).toEqual({ model: "net", votes: 1, host: "10.0.0.9", port: null, algorithm: "ffsplit", tls: "on" });
    expect(c.logging).toEqual({ toLogfile: null, logfile: null, toSyslog: true, toStderr: null, timestamp: null, debug: false });
  });

  it("refuses a file that is not a valid cluster (duplicate node ids)", () => {
    const text = "totem {\n cluster_name: c\n}\nnodelist {\n node {\n  name: a\n  nodeid: 1\n  ring0_addr: a\n }\n node {\n  name: b\n  nodeid: 1\n  ring0_addr: b\n }\n}\nquorum {\n provider: corosync_votequorum\n}\n";
    expect(() => readCorosyncConfig(text)).toThrow(/duplicate nodeid 1/);
  });
});
