import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseCephStatusJson } from "./parse-status-json";

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("parseCephStatusJson", () => {
  it("reads Jewel: overall_status, summary[], mon health services, nested osdmap, -0 and wrapped counters", () => {
    const s = parseCephStatusJson(fixture("status-jewel.json"));
    expect(s.health).toBe("HEALTH_WARN");
    expect(s.checks.map((c) => [c.code, c.summary])).toEqual([
      ["PG_DEGRADED", "64 pgs degraded"],
      ["PG_DEGRADED", "recovery 100/300 objects degraded (33.333%)"],
      ["OSD_DOWN", "1/3 in osds are down"],
      ["MON_DISK_LOW", "mon.pve1 low disk space"],
    ]);
    expect(s.checks.every((c) => c.severity === "HEALTH_WARN")).toBe(true);
    expect(s.mons).toEqual({ total: 3, inQuorum: ["pve1", "pve2", "pve3"] });
    expect(s.osds).toEqual({ total: 3, up: 2, in: 3, remappedPgs: 0 });
    expect(Object.is(s.osds.remappedPgs, -0)).toBe(false);
    expect(s.pgs.total).toBe(128);
    expect(s.pgs.byState).toEqual({ "active+clean": 64, "active+undersized+degraded": 64 });
    expect(s.pgs.degraded).toEqual({ objects: 100, total: 300, percent: 33.333 });
    // misplaced_objects is 2^64-1: a counter that went below zero.
    expect(s.pgs.misplaced).toBeNull();
    expect(s.bytes).toEqual({ used: 1395864371, avail: 3003741184000, total: 3005137048371, data: 419430400 });
    expect(s.io).toEqual({ readBytesPerSec: 0, writeBytesPerSec: 81920, readOpsPerSec: null, writeOpsPerSec: null });
    expect(s.mgr).toBeNull();
  });

  it("reads Reef: flat osdmap, num_mons, checks with a count, misplaced ratios, -0 rate", () => {
    const s = parseCephStatusJson(fixture("status-reef-recovering.json"));
    expect(s.health).toBe("HEALTH_WARN");
    expect(s.checks).toEqual([
      {
        code: "PG_DEGRADED",
        severity: "HEALTH_WARN",
        summary: "Degraded data redundancy: 23/135 objects degraded (17.037%), 13 pgs degraded, 38 pgs undersized",
        detail: [],
      },
    ]);
    expect(s.mons).toEqual({ total: 3, inQuorum: ["mon-01", "mon-03", "mon-02"] });
    expect(s.osds).toEqual({ total: 4, up: 4, in: 4, remappedPgs: 71 });
    expect(s.pgs.misplaced).toEqual({ objects: 22, total: 135, percent: 16.296 });
    expect(s.pools).toBe(4);
    expect(s.objects).toBe(45);
    expect(s.io).toEqual({ readBytesPerSec: 0, writeBytesPerSec: 4096, readOpsPerSec: 0, writeOpsPerSec: 1 });
  });

  it("prefers Luminous' status over the deprecated overall_status and keeps check detail", () => {
    const s = parseCephStatusJson(
      JSON.stringify({
        health: {
          status: "HEALTH_ERR",
          overall_status: "HEALTH_WARN",
          checks: { OSD_FULL: { severity: "HEALTH_ERR", summary: { message: "1 full osd(s)" }, detail: [{ message: "osd.0 is full" }] } },
        },
        osdmap: { osdmap: { num_osds: 1, num_up_osds: 1, num_in_osds: 1 } },
      }),
    );
    expect(s.health).toBe("HEALTH_ERR");
    expect(s.checks).toEqual([{ code: "OSD_FULL", severity: "HEALTH_ERR", summary: "1 full osd(s)", detail: ["osd.0 is full"] }]);
    expect(s.osds.total).toBe(1);
    expect(s.pgs).toEqual({ total: null, byState: {}, degraded: null, misplaced: null });
  });

  it("unwraps a monitoring fixture that keys several commands, using its status member", () => {
    const s = parseCephStatusJson(JSON.stringify({ health_detail: {}, status: { health: { status: "HEALTH_OK", checks: {} } } }));
    expect(s.health).toBe("HEALTH_OK");
  });

  it("reads the Mimic mgrmap names", () => {
    const s = parseCephStatusJson(
      JSON.stringify({ health: { status: "HEALTH_OK" }, mgrmap: { active_name: "a", standbys: [{ gid: 1, name: "b" }] } }),
    );
    expect(s.mgr).toEqual({ active: "a", standbys: ["b"] });
  });

  it.each([
    ["empty input", ""],
    ["garbage", "HEALTH_OK all good"],
    ["truncated JSON", '{"health": {"status": "HEALTH_OK", "checks": {'],
    ["a JSON list", "[]"],
    ["an unrelated object", '{"nodes": []}'],
  ])("throws ParseError on %s", (_label, input) => {
    expect(() => parseCephStatusJson(input)).toThrow(ParseError);
  });

  it("parses a status with 5000 pg states quickly", () => {
    const states = Array.from({ length: 5000 }, (_, i) => ({ state_name: `active+clean+s${i}`, count: 2 }));
    const s = parseCephStatusJson(JSON.stringify({ health: { status: "HEALTH_OK" }, pgmap: { pgs_by_state: states } }));
    expect(Object.keys(s.pgs.byState)).toHaveLength(5000);
    expect(s.pgs.total).toBe(10000);
  });
});
