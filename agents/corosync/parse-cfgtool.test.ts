import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseCorosyncCfgtoolNodes, parseCorosyncLinks } from "./parse-cfgtool";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("parseCorosyncLinks", () => {
  it("reads the corosync 3 knet layout from the lab, leaving the local node out of peers", () => {
    expect(parseCorosyncLinks(fixture("lab-3node-corosync-cfgtool.txt"))).toEqual({
      nodeid: 1,
      transport: "knet",
      layout: "link",
      links: [
        {
          id: 0,
          address: "10.99.0.11",
          status: "ok",
          statusText: null,
          transport: "udp",
          peers: [
            { nodeid: 2, connected: true },
            { nodeid: 3, connected: true },
          ],
        },
      ],
    });
  });

  it("marks a knet link with one peer disconnected as degraded", () => {
    const r = parseCorosyncLinks(fixture("cfgtool-knet-2links-degraded.txt"));
    expect(r.links.map((l) => [l.id, l.address, l.status])).toEqual([
      [0, "10.0.0.1", "ok"],
      [1, "10.1.0.1", "degraded"],
    ]);
    expect(r.links[1]?.peers).toEqual([
      { nodeid: 2, connected: false },
      { nodeid: 3, connected: true },
    ]);
  });

  it("reads a FAULTY ring in the corosync 2 layout", () => {
    const r = parseCorosyncLinks(fixture("cfgtool-ring-faulty.txt"));
    expect(r.layout).toBe("ring");
    expect(r.links.map((l) => l.status)).toEqual(["ok", "faulty"]);
    expect(r.links[1]?.statusText).toBe("Marking ringid 1 interface 10.1.0.1 FAULTY");
    expect(r.links[1]?.peers).toEqual([]);
  });

  it("reads corosync 3.0's 'link enabled:1 link connected:0' lines", () => {
    const r = parseCorosyncLinks(fixture("cfgtool-corosync30-link-enabled.txt"));
    expect(r.nodeid).toBe(1);
    expect(r.transport).toBeNull();
    expect(r.links[0]?.peers).toEqual([
      { nodeid: 2, connected: false },
      { nodeid: 3, connected: false },
    ]);
    expect(r.links[0]?.status).toBe("faulty");
  });

  it("reads the brief (-b) status digits", () => {
    const r = parseCorosyncLinks("Local node ID 2, transport knet\nLINK ID 0 udp\n\taddr\t= 10.0.0.2\n\tstatus\t= 3n1\n");
    expect(r.links[0]).toMatchObject({ status: "degraded", statusText: "3n1", peers: [] });
  });

  it("reads a non-knet link header with no transport word", () => {
    const text = "Local node ID 1, transport udpu\nLINK ID 0 \n\taddr\t= 10.0.0.1\n\tstatus:\n\t\tnodeid:          1:\tlocalhost\n\t\tnodeid:          2:\tconnected\n";
    const r = parseCorosyncLinks(text);
    expect(r.transport).toBe("udpu");
    expect(r.links[0]).toMatchObject({ transport: null, status: "ok", peers: [{ nodeid: 2, connected: true }] });
  });

  it("reads 1000 peers", () => {
    const peers = Array.from({ length: 1000 }, (_, i) => `\t\tnodeid: ${String(i + 2).padStart(16)}:\tconnected`);
    const r = parseCorosyncLinks(["Local node ID 1, transport knet", "LINK ID 0 udp", "\taddr\t= 10.0.0.1", "\tstatus:", ...peers].join("\n"));
    expect(r.links[0]?.peers).toHaveLength(1000);
    expect(r.links[0]?.peers[999]).toEqual({ nodeid: 1001, connected: true });
  });

  it("reports corosync's own error line when it printed no links", () => {
    const text = "Printing ring status.\nCould not initialize corosync configuration API error 2\n";
    expect(() => parseCorosyncLinks(text)).toThrow(/Could not initialize/);
  });

  it.each([
    ["empty input", ""],
    ["garbage", "lorem ipsum\ndolor"],
    ["a ring header without details", "Printing ring status.\nLocal node ID 1\nRING ID 0\n"],
    ["a link whose status list is cut", "Local node ID 1, transport knet\nLINK ID 0 udp\n\taddr\t= 10.0.0.1\n"],
    ["an unknown peer state", "LINK ID 0 udp\n\taddr\t= 10.0.0.1\n\tstatus:\n\t\tnodeid: 2:\tsleeping\n"],
  ])("throws ParseError for %s", (_label, text) => {
    expect(() => parseCorosyncLinks(text)).toThrow(ParseError);
  });
});

describe("parseCorosyncCfgtoolNodes", () => {
  it("reads onwire versions and a second link that is not connected", () => {
    const r = parseCorosyncCfgtoolNodes(fixture("cfgtool-n-onwire.txt"));
    expect(r.nodeid).toBe(1);
    expect(r.transport).toBe("knet");
    expect(r.nodes).toHaveLength(1);
    expect(r.nodes[0]).toMatchObject({ nodeid: 2, reachable: true, onwire: { min: 0, max: 2, current: 2 } });
    expect(r.nodes[0]?.links).toEqual([
      {
        id: 0,
        transport: "udp",
        source: "10.0.0.1",
        destination: "10.0.0.2",
        enabled: true,
        connected: true,
        dynconnected: false,
        mtu: 1397,
      },
      {
        id: 1,
        transport: "sctp",
        source: "10.1.0.1",
        destination: "10.1.0.2",
        enabled: true,
        connected: false,
        dynconnected: false,
        mtu: 1397,
      },
    ]);
  });

  it("reads a node with no reachable peers as an empty list", () => {
    expect(parseCorosyncCfgtoolNodes("Local node ID 3, transport knet\n").nodes).toEqual([]);
  });

  it("rejects a link line with a long blank run without backtracking for ages", () => {
    const text = `Local node ID 1, transport knet\nnodeid: 2 reachable\n   LINK: 0 ${" ".repeat(200_000)}x(\n`;
    expect(() => parseCorosyncCfgtoolNodes(text)).toThrow(ParseError);
  });

  it.each([
    ["empty input", ""],
    ["garbage", "nothing to see"],
    ["a link line before any node", "Local node ID 1, transport knet\n   LINK: 0 udp (a->b) enabled connected mtu: 1397\n"],
  ])("throws ParseError for %s", (_label, text) => {
    expect(() => parseCorosyncCfgtoolNodes(text)).toThrow(ParseError);
  });
});
