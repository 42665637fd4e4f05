import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseCephHealthJson, parseCephHealthText } from "./parse-health";

describe("parseCephHealthText", () => {
  it("reads HEALTH_OK alone", () => {
    expect(parseCephHealthText("HEALTH_OK\n")).toEqual({ health: "HEALTH_OK", checks: [], detail: [] });
  });

  it("splits the one-liner on '; ' and infers codes, dropping a muted note", () => {
    const h = parseCephHealthText("HEALTH_WARN 1 osds down; 3 pgs not deep-scrubbed in time (muted: POOL_NO_REDUNDANCY)\n");
    expect(h.checks).toEqual([
      { code: "OSD_DOWN", severity: "HEALTH_WARN", summary: "1 osds down", detail: [] },
      { code: "PG_NOT_DEEP_SCRUBBED", severity: "HEALTH_WARN", summary: "3 pgs not deep-scrubbed in time", detail: [] },
    ]);
  });

  it("reads Octopus+ detail: [WRN]/[ERR] CODE: summary with indented detail", () => {
    const h = parseCephHealthText(
      [
        "HEALTH_ERR 1 full osd(s); 1 osds down",
        "[ERR] OSD_FULL: 1 full osd(s)",
        "    osd.2 is full",
        "[WRN] OSD_DOWN: 1 osds down",
        "    osd.1 (root=default,host=pve2) is down",
      ].join("\r\n"),
    );
    expect(h.health).toBe("HEALTH_ERR");
    expect(h.checks).toEqual([
      { code: "OSD_FULL", severity: "HEALTH_ERR", summary: "1 full osd(s)", detail: ["osd.2 is full"] },
      { code: "OSD_DOWN", severity: "HEALTH_WARN", summary: "1 osds down", detail: ["osd.1 (root=default,host=pve2) is down"] },
    ]);
  });

  it("reads Luminous/Nautilus detail: CODE summary", () => {
    const h = parseCephHealthText(
      ["HEALTH_WARN 1 osds down", "OSD_DOWN 1 osds down", "    osd.1 (root=default,host=pve2) is down"].join("\n"),
    );
    expect(h.checks).toEqual([
      { code: "OSD_DOWN", severity: "HEALTH_WARN", summary: "1 osds down", detail: ["osd.1 (root=default,host=pve2) is down"] },
    ]);
  });

  it("keeps pre-Luminous detail lines, which name no check, apart", () => {
    const h = parseCephHealthText(
      [
        "HEALTH_WARN 1 pgs degraded; mon.pve1 low disk space",
        "pg 0.5 is active+degraded, acting [1,0]",
        "mon.pve1 low disk space -- 22% avail",
      ].join("\n"),
    );
    expect(h.checks.map((c) => [c.code, c.summary])).toEqual([
      ["PG_DEGRADED", "1 pgs degraded"],
      ["MON_DISK_LOW", "mon.pve1 low disk space"],
    ]);
    expect(h.detail).toEqual(["pg 0.5 is active+degraded, acting [1,0]", "mon.pve1 low disk space -- 22% avail"]);
  });

  it("leaves check severity unknown under HEALTH_ERR when the source does not give it", () => {
    const h = parseCephHealthText("HEALTH_ERR 1 full osd(s); 1 osds down");
    expect(h.checks.map((c) => c.severity)).toEqual([null, null]);
  });

  it.each([
    ["empty input", ""],
    ["garbage", "cluster is fine"],
    ["a status text", "  cluster:\n    health: HEALTH_OK"],
  ])("throws ParseError on %s", (_label, input) => {
    expect(() => parseCephHealthText(input)).toThrow(ParseError);
  });
});

describe("parseCephHealthJson", () => {
  it("reads Jewel's summary and detail strings", () => {
    const h = parseCephHealthJson(
      JSON.stringify({
        overall_status: "HEALTH_WARN",
        summary: [{ severity: "HEALTH_WARN", summary: "17 pgs stuck inactive" }],
        detail: ["pg 1.2 is stuck inactive for 300.1, current state peering, last acting [0,1]"],
      }),
    );
    expect(h).toEqual({
      health: "HEALTH_WARN",
      checks: [{ code: "PG_AVAILABILITY", severity: "HEALTH_WARN", summary: "17 pgs stuck inactive", detail: [] }],
      detail: ["pg 1.2 is stuck inactive for 300.1, current state peering, last acting [0,1]"],
    });
  });

  it("drops Luminous' pre-Luminous compatibility note from detail", () => {
    const h = parseCephHealthJson(
      JSON.stringify({ status: "HEALTH_OK", checks: {}, overall_status: "HEALTH_WARN", detail: ["'ceph health' JSON format has changed in luminous. x"] }),
    );
    expect(h).toEqual({ health: "HEALTH_OK", checks: [], detail: [] });
  });

  it.each([
    ["empty input", ""],
    ["a list", "[1]"],
    ["an object without status", '{"checks": {}}'],
  ])("throws ParseError on %s", (_label, input) => {
    expect(() => parseCephHealthJson(input)).toThrow(ParseError);
  });
});
