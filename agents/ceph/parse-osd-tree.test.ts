import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import type { TCephOsdTree } from "./model";
import { parseCephOsdTreeJson } from "./parse-osd-tree";
import { parseCephOsdTreeText } from "./parse-osd-tree-text";

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");
const byName = (t: TCephOsdTree) => [...t.hosts].sort((a, b) => a.name.localeCompare(b.name));

describe("parseCephOsdTreeJson", () => {
  const tree = parseCephOsdTreeJson(fixture("osd-tree-mixed.json"));

  it("puts OSDs under their host through racks and chassis, and lists empty hosts", () => {
    expect(tree.hosts.map((h) => [h.name, h.bucketType, h.osds.map((o) => o.id)])).toEqual([
      ["pve1", "host", [0, 1]],
      ["pve2", "host", [2]],
      ["pve3", "host", [5]],
      ["pve4", "host", []],
      ["r2", "rack", [3]],
    ]);
  });

  it("reads OSD fields: status, class, CRUSH weight, reweight, exists", () => {
    const pve1 = tree.hosts[0];
    expect(pve1?.osds[0]).toEqual({ id: 0, name: "osd.0", status: "up", class: "ssd", weight: 0.8733, reweight: 1, exists: true });
    expect(tree.hosts[2]?.osds[0]).toMatchObject({ id: 5, status: "down", class: null, exists: false });
  });

  it("keeps stray OSDs apart", () => {
    expect(tree.stray).toEqual([{ id: 4, name: "osd.4", status: "destroyed", class: null, weight: 0, reweight: 0, exists: true }]);
  });

  it("reads a pre-Luminous tree (no device_class)", () => {
    const t = parseCephOsdTreeJson(
      '{"nodes":[{"id":-1,"name":"default","type":"root","type_id":10,"children":[-2]},{"id":-2,"name":"ceph1","type":"host","type_id":1,"children":[0]},{"id":0,"name":"osd.0","type":"osd","type_id":0,"crush_weight":0.009995,"depth":2,"exists":1,"status":"up","reweight":1.000000,"primary_affinity":1.000000}],"stray":[]}',
    );
    expect(t.hosts).toEqual([
      { name: "ceph1", bucketType: "host", osds: [{ id: 0, name: "osd.0", status: "up", class: null, weight: 0.009995, reweight: 1, exists: true }] },
    ]);
  });

  it.each([
    ["empty input", ""],
    ["garbage", "ID WEIGHT"],
    ["truncated JSON", '{"nodes":[{"id":-1,'],
    ["no nodes", '{"stray":[]}'],
    ["a node without id", '{"nodes":[{"name":"x"}]}'],
    ["an OSD with a negative id", '{"nodes":[{"id":-3,"name":"osd.x","type":"osd","status":"up"}]}'],
  ])("throws ParseError on %s", (_label, input) => {
    expect(() => parseCephOsdTreeJson(input)).toThrow(ParseError);
  });

  it("groups 3000 OSDs over 300 hosts", () => {
    const nodes: unknown[] = [{ id: -1, name: "default", type: "root", children: Array.from({ length: 300 }, (_, h) => -2 - h) }];
    for (let h = 0; h < 300; h++) {
      nodes.push({ id: -2 - h, name: `node${h}`, type: "host", children: Array.from({ length: 10 }, (_, k) => h * 10 + k) });
      for (let k = 0; k < 10; k++) nodes.push({ id: h * 10 + k, name: `osd.${h * 10 + k}`, type: "osd", crush_weight: 1, status: "up", reweight: 1 });
    }
    const t = parseCephOsdTreeJson(JSON.stringify({ nodes, stray: [] }));
    expect(t.hosts).toHaveLength(300);
    expect(t.hosts[299]?.osds.map((o) => o.id)).toEqual([2990, 2991, 2992, 2993, 2994, 2995, 2996, 2997, 2998, 2999]);
  });
});

describe("parseCephOsdTreeText", () => {
  it("gives the JSON's model for the same tree (DNE as down/exists false)", () => {
    const text = parseCephOsdTreeText(fixture("osd-tree-mixed.txt"));
    const json = parseCephOsdTreeJson(fixture("osd-tree-mixed.json"));
    const weights = (t: TCephOsdTree) => byName(t).map((h) => ({ ...h, osds: h.osds.map((o) => ({ ...o, weight: Math.round(o.weight * 1000) })) }));
    expect(weights(text)).toEqual(weights(json));
    expect(text.stray).toEqual(json.stray);
  });

  it("reads the Hammer columns (no CLASS, PRIMARY-AFFINITY) with trailing spaces", () => {
    const t = parseCephOsdTreeText(
      [
        "ID WEIGHT  TYPE NAME      UP/DOWN REWEIGHT PRIMARY-AFFINITY ",
        "-1 0.01999 root default                                     ",
        "-2 0.01999     host ceph1                                   ",
        " 0 0.00999         osd.0       up  1.00000          1.00000 ",
        " 1 0.00999         osd.1     down        0          1.00000 ",
      ].join("\n"),
    );
    expect(t.hosts).toEqual([
      {
        name: "ceph1",
        bucketType: "host",
        osds: [
          { id: 0, name: "osd.0", status: "up", class: null, weight: 0.00999, reweight: 1, exists: true },
          { id: 1, name: "osd.1", status: "down", class: null, weight: 0.00999, reweight: 0, exists: true },
        ],
      },
    ]);
  });

  it.each([
    ["empty input", "\n\n"],
    ["garbage", "hello world"],
    ["a row with a non-numeric id", "ID CLASS WEIGHT TYPE NAME STATUS REWEIGHT PRI-AFF\nxx 1 root default"],
    ["an OSD row without osd.N", "ID CLASS WEIGHT TYPE NAME STATUS REWEIGHT PRI-AFF\n 0 ssd 1.0"],
  ])("throws ParseError on %s", (_label, input) => {
    expect(() => parseCephOsdTreeText(input)).toThrow(ParseError);
  });
});
