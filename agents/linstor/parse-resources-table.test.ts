import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseLinstorResourcesTable } from "./parse-resources-table";

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("parseLinstorResourcesTable", () => {
  it("reads the ASCII table: usage, failed connections, Resizing/Evacuating decorations, TieBreaker, DELETING", () => {
    const { resources } = parseLinstorResourcesTable(fixture("resources-table-ascii.txt"));
    expect(resources.map((r) => [r.name, r.node, r.state, r.diskless, r.inUse, r.syncPercent])).toEqual([
      ["vm-100-disk-1", "pve1", "UpToDate", false, true, null],
      ["vm-100-disk-1", "pve2", "SyncTarget", false, false, 8.5],
      ["vm-100-disk-1", "pve3", "Diskless", true, false, null],
      ["vm-101-disk-0", "pve1", "Unknown", false, null, null],
      ["vm-102-disk-0", "pve2", "UpToDate", false, false, null],
      ["vm-103-disk-0", "pve1", "DELETING", false, false, null],
    ]);
    expect(resources[2]).toMatchObject({
      tieBreaker: true,
      connectionsOk: false,
      connections: [
        { peer: "pve1", connected: false, message: "Connecting" },
        { peer: "pve2", connected: false, message: "Connecting" },
      ],
    });
    expect(resources[0]).toMatchObject({ port: 7000, connectionsOk: true, connections: [], createdAt: "2024-06-01 12:00:00" });
    expect(resources[3]).toMatchObject({ connectionsOk: null, connections: null, createdAt: null });
  });

  it("reads `linstor volume list`, one row per volume, worst volume as the state", () => {
    const { resources } = parseLinstorResourcesTable(fixture("volumes-table-ascii.txt"));
    expect(resources.map((r) => [r.node, r.state, r.volumes.map((v) => [v.volume, v.minor, v.diskState, v.allocatedKib])])).toEqual([
      [
        "pve1",
        "Outdated",
        [
          [0, 1001, "UpToDate", 2 * 1024 * 1024],
          [1, 1002, "Outdated", 512 * 1024],
        ],
      ],
      ["pve2", "UpToDate", [[0, 1001, "UpToDate", 2 * 1024 * 1024]]],
    ]);
  });

  it("reads the Unicode table the same as the ASCII one, with CRLF and a prompt line", () => {
    const ascii = fixture("resources-table-ascii.txt");
    const unicode = ascii
      .split("\n")
      .map((l) => (l.startsWith("+") ? `╭${"─".repeat(l.length - 2)}╮` : l.startsWith("|=") ? `╞${"═".repeat(l.length - 2)}╡` : l.replace(/\|/g, "┊")))
      .join("\r\n");
    expect(parseLinstorResourcesTable(`root@pve1:~# linstor r l\r\n${unicode}`)).toEqual(parseLinstorResourcesTable(ascii));
  });

  it("reads the old four-column table whose glyphs a web page turned into '?'", () => {
    const { resources } = parseLinstorResourcesTable(
      [
        "?------------------------------------------?",
        "? ResourceName    ? Node ? Port ?    State ?",
        "¦??????????????????????????????????????????¦",
        "? vm-100-disk-1   ? pve1 ? 7000 ? UpToDate ?",
        "? vm-100-disk-1   ? pve2 ? 7000 ? Inconsistent ?",
        "?------------------------------------------?",
      ].join("\n"),
    );
    expect(resources.map((r) => [r.node, r.state, r.port, r.inUse])).toEqual([
      ["pve1", "UpToDate", 7000, null],
      ["pve2", "Inconsistent", 7000, null],
    ]);
  });

  it.each([
    ["empty input", ""],
    ["garbage", "no table here"],
    ["a node list table", "+---+\n| Node | NodeType | Addresses | State |\n|===|\n| pve1 | SATELLITE | 10.0.0.1:3366 (PLAIN) | Online |"],
    ["a header without State", "| ResourceName | Node | Port |\n| r | n | 1 |"],
  ])("throws ParseError on %s", (_label, input) => {
    expect(() => parseLinstorResourcesTable(input)).toThrow(ParseError);
  });

  it("parses 1000 rows", () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `| vm-${i}-disk-0 | pve${(i % 3) + 1} | ${7000 + i} | Unused | Ok | UpToDate | 2024-06-01 12:00:00 |`);
    const text = ["| ResourceName | Node | Port | Usage | Conns | State | CreatedOn |", "|===|", ...rows].join("\n");
    const { resources } = parseLinstorResourcesTable(text);
    expect(resources).toHaveLength(1000);
    expect(resources[999]).toMatchObject({ name: "vm-999-disk-0", node: "pve1", port: 7999 });
  });
});
