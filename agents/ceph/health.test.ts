import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { summarizeCephHealth, summarizeCephPools } from "./health";
import { parseCephDfJson } from "./parse-df";
import { parseCephPoolLsJson } from "./parse-pool-ls";
import { parseCephOsdTreeJson } from "./parse-osd-tree";
import { parseCephStatusJson } from "./parse-status-json";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("summarizeCephHealth", () => {
  it("the lab's real Reef status with a healthy tree is ok", () => {
    const tree = parseCephOsdTreeJson(fixture("osd-tree-3node.json").replace('"status":"down","reweight":0', '"status":"up","reweight":1'));
    const s = summarizeCephHealth(parseCephStatusJson(fixture("reef-lab-status.json")), tree);
    expect(s).toMatchObject({
      health: "HEALTH_OK",
      ok: true,
      checks: [],
      monitors: { total: 1, inQuorum: ["lab1"] },
      osds: { total: 3, up: 3, in: 3 },
      pgs: { total: 9, activeClean: 9, notActiveClean: {} },
    });
  });

  it("names the OSD that is down and out, and the placement groups that are not clean", () => {
    const s = summarizeCephHealth(parseCephStatusJson(fixture("status-reef-recovering.json")), parseCephOsdTreeJson(fixture("osd-tree-3node.json")));
    expect(s.ok).toBe(false);
    expect(s.hosts.find((h) => h.name === "pve3")).toEqual({ name: "pve3", osds: 1, down: ["osd.2"], out: ["osd.2"] });
    expect(s.health).toBe("HEALTH_WARN");
    expect(Object.keys(s.pgs.notActiveClean).length).toBeGreaterThan(0);
    expect(s.pgs.activeClean + Object.values(s.pgs.notActiveClean).reduce((a, b) => a + b, 0)).toBe(s.pgs.total);
  });
});

describe("summarizeCephPools", () => {
  it("joins each pool's settings with its usage, by name", () => {
    const pools = parseCephPoolLsJson(fixture("pool-ls-detail.json"));
    const usage = parseCephDfJson(fixture("df-pacific.json"));
    expect(summarizeCephPools(pools, usage)).toEqual([
      { name: ".mgr", size: 3, minSize: 2, autoscaleMode: "on", storedBytes: 1388544, maxAvailBytes: 107374182400, usedRatio: 4165632 / (4165632 + 107374182400) },
      { name: "vmpool", size: 3, minSize: 2, autoscaleMode: "on", storedBytes: 21474836480, maxAvailBytes: 107374182400, usedRatio: 0.375 },
    ]);
  });

  it("a pool only one source lists keeps the other source's fields null", () => {
    const usage = parseCephDfJson('{"pools":[{"name":"fresh","id":7,"stats":{"stored":0,"bytes_used":0,"max_avail":100,"objects":0}}]}');
    expect(summarizeCephPools(null, usage)).toEqual([{ name: "fresh", size: null, minSize: null, autoscaleMode: null, storedBytes: 0, maxAvailBytes: 100, usedRatio: 0 }]);
    expect(summarizeCephPools([], null)).toEqual([]);
  });

  it("summarizeCephHealth carries the pools and each check's detail lines", () => {
    const s = summarizeCephHealth(parseCephStatusJson(fixture("status-reef-recovering.json")), null, parseCephPoolLsJson(fixture("pool-ls-detail.json")), null);
    expect(s.pools.map((p) => [p.name, p.size, p.minSize, p.storedBytes])).toEqual([
      [".mgr", 3, 2, null],
      ["vmpool", 3, 2, null],
    ]);
    expect(s.checks).toEqual([
      {
        code: "PG_DEGRADED",
        severity: "HEALTH_WARN",
        summary: "Degraded data redundancy: 23/135 objects degraded (17.037%), 13 pgs degraded, 38 pgs undersized",
        detail: [],
      },
    ]);
  });
});
