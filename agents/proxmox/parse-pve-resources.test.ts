import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parsePveResourcesJson } from "./parse-pve-resources";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("parsePveResourcesJson", () => {
  const bare = fixture("cluster-resources-pvesh.json");
  const res = parsePveResourcesJson(bare);

  it("splits nodes, guests and storages, including an offline node with no usage", () => {
    expect(res.nodes).toEqual([
      { name: "pve1", status: "online", resourceId: "node/pve1", level: null, cpu: 0.0123, maxcpu: 8, mem: 5368709120, maxmem: 33567911936, disk: 3221225472, maxdisk: 100861726720, uptime: 872854 },
      { name: "pve2", status: "offline", resourceId: "node/pve2", level: null, cpu: null, maxcpu: null, mem: null, maxmem: null, disk: null, maxdisk: null, uptime: null },
    ]);
    expect(res.guests.map((g) => [g.vmid, g.name, g.type, g.node, g.status, g.hastate, g.template])).toEqual([
      [100, "web", "qemu", "pve1", "running", "started", false],
      [9000, "debian12-tpl", "qemu", "pve1", "stopped", null, true],
      [105, "dns", "lxc", "pve2", "unknown", null, false],
    ]);
    expect(res.guests[0]).toMatchObject({ tags: ["prod", "web"], maxmem: 4294967296, uptime: 874350 });
    expect(res.guests[2]).toMatchObject({ pool: "infra", lock: "migrate" });
    expect(res.storages.map((s) => [s.id, s.node, s.status, s.shared, s.plugintype])).toEqual([
      ["local-zfs", "pve1", "available", false, "zfspool"],
      ["ceph-rbd", "pve1", "available", true, "rbd"],
      ["local-zfs", "pve2", "unknown", false, null],
    ]);
    expect(res.storages[0]?.content).toEqual(["images", "rootdir"]);
  });

  it("keeps pools, sdn and unknown types apart", () => {
    expect(res.pools).toEqual([{ pool: "infra", resourceId: "/pool/infra" }]);
    expect(res.sdn).toEqual([{ sdn: "localnetwork", node: "pve1", status: "ok", resourceId: "sdn/pve1/localnetwork" }]);
    expect(res.others).toEqual([{ type: "network", resourceId: "network/pve1/zone/localnetwork" }]);
  });

  it("reads the REST body {data: [...]} the same as the bare array", () => {
    expect(parsePveResourcesJson(`{"data": ${bare}}`)).toEqual(res);
  });

  it("accepts numbers written as strings and derives names from ids", () => {
    const out = parsePveResourcesJson('[{"type":"qemu","id":"qemu/101","vmid":"101","status":"running","mem":"1024"},{"type":"node","id":"node/pve3","status":"online"}]');
    expect(out.guests[0]).toMatchObject({ vmid: 101, mem: 1024, name: null, node: null });
    expect(out.nodes[0]?.name).toBe("pve3");
  });

  it("throws ParseError on empty input, invalid and truncated JSON, non-arrays and entries without type", () => {
    expect(() => parsePveResourcesJson("")).toThrow(ParseError);
    expect(() => parsePveResourcesJson("garbage")).toThrow(ParseError);
    expect(() => parsePveResourcesJson(bare.slice(0, 300))).toThrow(ParseError);
    expect(() => parsePveResourcesJson('{"errors": {"x": "y"}}')).toThrow(ParseError);
    expect(() => parsePveResourcesJson('[{"id":"qemu/1"}]')).toThrow(/no type/);
    expect(() => parsePveResourcesJson('[{"type":"qemu","id":"weird"}]')).toThrow(/no vmid/);
  });

  it("reads 1000 guests", () => {
    const items = Array.from({ length: 1000 }, (_, i) => ({ type: i % 2 ? "lxc" : "qemu", id: `x/${i}`, vmid: 1000 + i, node: "pve1", status: "running" }));
    const out = parsePveResourcesJson(JSON.stringify(items));
    expect(out.guests).toHaveLength(1000);
    expect(out.guests[999]).toMatchObject({ vmid: 1999, type: "lxc" });
  });
});
