import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseCephHealthJson, parseCephHealthText } from "./parse-health";
import { parseCephOsdDfText } from "./parse-osd-df";
import { parseCephOsdTreeText } from "./parse-osd-tree-text";
import { parseCephStatusJson } from "./parse-status-json";
import { parseCephStatusText } from "./parse-status-text";

// Real outputs from ../shared/corpus (read in place, never copied: they are others' data).
const CORPUS = path.resolve(import.meta.dirname, "../..", "../shared/corpus");
if (!fs.existsSync(CORPUS)) throw new Error(`../shared/corpus is missing (looked in ${CORPUS}); the corpus test needs it`);
const read = (file: string) => fs.readFileSync(path.join(CORPUS, file), "utf8");

describe("corpus: ceph status text", () => {
  it("ceph-s-hammer-era-health-warn.txt (pre-Luminous layout)", () => {
    const s = parseCephStatusText(read("ceph/ceph-s-hammer-era-health-warn.txt"));
    expect(s.fsid).toBe("4804acbf-1adb-45b6-bc49-6fbd90632c65");
    expect(s.health).toBe("HEALTH_WARN");
    expect(s.checks).toEqual([{ code: "MON_DISK_LOW", severity: "HEALTH_WARN", summary: "mon.ceph1 low disk space", detail: [] }]);
    expect(s.mons).toEqual({ total: 3, inQuorum: ["ceph1", "ceph2", "ceph3"] });
    expect(s.osds).toEqual({ total: 6, up: 6, in: 6, remappedPgs: 0 });
    expect(s.pgs.total).toBe(320);
    expect(s.pgs.byState).toEqual({ "active+clean": 320 });
    expect(s.pools).toBe(5);
    expect(s.objects).toBe(493);
    expect(s.bytes).toEqual({ used: 5672 * 2 ** 20, avail: 49557 * 2 ** 20, total: 55229 * 2 ** 20, data: 1833 * 2 ** 20 });
  });

  it("ceph-s-luminous-health-ok-mds.txt (bare K/G suffixes)", () => {
    const s = parseCephStatusText(read("ceph/ceph-s-luminous-health-ok-mds.txt"));
    expect(s.health).toBe("HEALTH_OK");
    expect(s.checks).toEqual([]);
    expect(s.mons).toEqual({ total: 3, inQuorum: ["a", "b", "c"] });
    expect(s.mgr).toEqual({ active: "x", standbys: [] });
    expect(s.osds).toEqual({ total: 3, up: 3, in: 3, remappedPgs: 0 });
    expect(s.pgs).toEqual({ total: 24, byState: { "active+clean": 24 }, degraded: null, misplaced: null });
    expect(s.objects).toBe(21);
    expect(s.bytes.data).toBe(Math.round(2.19 * 1024));
    expect(s.bytes.total).toBe(Math.round(30.2 * 2 ** 30));
  });

  it("ceph-s-luminous-osd-down-peering-ODDINDENT.txt (odd indentation, padded counts)", () => {
    const s = parseCephStatusText(read("ceph/ceph-s-luminous-osd-down-peering-ODDINDENT.txt"));
    expect(s.health).toBe("HEALTH_WARN");
    expect(s.checks.map((c) => c.code)).toEqual(["OSD_DOWN", "PG_AVAILABILITY", "PG_DEGRADED"]);
    expect(s.checks[1]?.summary).toBe("Reduced data availability: 3 pgs inactive, 17 pgs peering");
    expect(s.osds).toEqual({ total: 3, up: 2, in: 3, remappedPgs: 0 });
    expect(s.pgs.byState).toEqual({ peering: 17, "active+clean": 5, "stale+active+clean": 2 });
    expect(s.pgs.total).toBe(24);
  });

  it("ceph-s-mimic-starlingx-health-ok-io.txt (single-space separators, '1.81 k objects', io)", () => {
    const s = parseCephStatusText(read("ceph/ceph-s-mimic-starlingx-health-ok-io.txt"));
    expect(s.mons.inQuorum).toEqual(["controller-0", "controller-1", "storage-0"]);
    expect(s.mgr).toEqual({ active: "controller-0", standbys: ["controller-1"] });
    expect(s.pools).toBe(9);
    expect(s.pgs.byState).toEqual({ "active+clean": 856 });
    expect(s.objects).toBe(1810);
    expect(s.bytes.used).toBe(Math.round(2.1 * 2 ** 30));
    expect(s.io).toEqual({ readBytesPerSec: 0, writeBytesPerSec: 228 * 1024, readOpsPerSec: 0, writeOpsPerSec: 50 });
  });

  it("ceph-s-octopus-ceph-ansible-health-ok.txt (CRLF, ages, standbys list)", () => {
    const s = parseCephStatusText(read("ceph/ceph-s-octopus-ceph-ansible-health-ok.txt"));
    expect(s.fsid).toBe("98b454c8-a44a-41c7-a11d-a20f6d37b672");
    expect(s.mons).toEqual({ total: 3, inQuorum: ["ceph-s1", "ceph-s2", "ceph-s3"] });
    expect(s.mgr).toEqual({ active: "ceph-s1", standbys: ["ceph-s2", "ceph-s3"] });
    expect(s.osds).toEqual({ total: 6, up: 6, in: 6, remappedPgs: 0 });
    expect(s.pgs.total).toBe(33);
    expect(s.bytes).toEqual({ used: 6 * 2 ** 30, avail: 594 * 2 ** 30, total: 600 * 2 ** 30, data: 0 });
  });

  it("ceph-s-reef-cephadm-recovering-misplaced-remapped.txt (ratio rows, remapped pgs)", () => {
    const s = parseCephStatusText(read("ceph/ceph-s-reef-cephadm-recovering-misplaced-remapped.txt"));
    expect(s.checks.map((c) => c.code)).toEqual(["PG_DEGRADED"]);
    expect(s.mgr).toEqual({ active: "mon-01.ftrluw", standbys: ["mon-03.yfcobu", "mon-02.fptjwt"] });
    expect(s.osds).toEqual({ total: 4, up: 4, in: 4, remappedPgs: 71 });
    expect(s.pgs).toEqual({
      total: 113,
      byState: { "active+clean+remapped": 69, "active+undersized": 29, "active+undersized+degraded": 13, "active+clean": 2 },
      degraded: { objects: 23, total: 135, percent: 17.037 },
      misplaced: { objects: 22, total: 135, percent: 16.296 },
    });
  });

  it("ceph-s-rook-luminous-2017-11osd-down-remapped.txt (5 checks, GB and bytes units)", () => {
    const s = parseCephStatusText(read("ceph/ceph-s-rook-luminous-2017-11osd-down-remapped.txt"));
    expect(s.checks.map((c) => c.code)).toEqual(["OSD_DOWN", "OSD_HOST_DOWN", "PG_AVAILABILITY", "PG_DEGRADED", "TOO_FEW_PGS"]);
    expect(s.mons).toEqual({ total: 2, inQuorum: ["rook-ceph-mon1", "rook-ceph-mon0"] });
    expect(s.osds).toEqual({ total: 40, up: 29, in: 40, remappedPgs: 33 });
    expect(s.pgs.byState).toEqual({ "active+undersized": 34, "active+clean": 16, "active+clean+remapped": 12, "remapped+peering": 10 });
    expect(s.bytes).toEqual({ used: 841 * 2 ** 30, avail: 35558 * 2 ** 30, total: 36399 * 2 ** 30, data: 0 });
  });

  it("ceph-s-rook-quincy-health-ok-no-pools.txt (empty pgs line, CRLF)", () => {
    const s = parseCephStatusText(read("ceph/ceph-s-rook-quincy-health-ok-no-pools.txt"));
    expect(s.mons.inQuorum).toEqual(["b", "c", "d"]);
    expect(s.mgr).toEqual({ active: "a", standbys: ["b"] });
    expect(s.osds).toEqual({ total: 1, up: 1, in: 1, remappedPgs: 0 });
    expect(s.pgs).toEqual({ total: 0, byState: {}, degraded: null, misplaced: null });
    expect(s.pools).toBe(0);
  });

  it("lab-captures/ceph-status.txt matches lab-captures/ceph-status.json where both carry a value", () => {
    const text = parseCephStatusText(read("lab-captures/ceph-status.txt"));
    const json = parseCephStatusJson(read("lab-captures/ceph-status.json"));
    expect(text.health).toBe("HEALTH_OK");
    expect([text.fsid, text.mons, text.osds, text.pgs, text.pools, text.objects]).toEqual([
      json.fsid,
      json.mons,
      json.osds,
      json.pgs,
      json.pools,
      json.objects,
    ]);
    expect(text.bytes.total).toBe(json.bytes.total);
    expect(text.io).toEqual({ readBytesPerSec: 4096, writeBytesPerSec: 2560, readOpsPerSec: 7, writeOpsPerSec: 2 });
  });
});

describe("corpus: ceph status JSON", () => {
  it("rook-ceph-status-json-luminous-12.1.3-health-warn.json (flat osdmap, checks)", () => {
    const s = parseCephStatusJson(read("ceph/rook-ceph-status-json-luminous-12.1.3-health-warn.json"));
    expect(s.health).toBe("HEALTH_WARN");
    expect(s.checks.map((c) => [c.code, c.severity])).toEqual([
      ["OSD_DOWN", "HEALTH_WARN"],
      ["OSD_HOST_DOWN", "HEALTH_WARN"],
      ["PG_AVAILABILITY", "HEALTH_WARN"],
      ["POOL_APP_NOT_ENABLED", "HEALTH_WARN"],
    ]);
    expect(s.checks[2]?.summary).toBe("Reduced data availability: 101 pgs stale");
    expect(s.mons).toEqual({ total: 3, inQuorum: ["rook-ceph-mon0", "rook-ceph-mon2", "rook-ceph-mon1"] });
    expect(s.osds).toEqual({ total: 2, up: 1, in: 2, remappedPgs: 0 });
    expect(s.pgs.byState).toEqual({ "stale+active+clean": 101, "active+clean": 99 });
    expect(s.pgs.total).toBe(200);
    expect(s.bytes).toEqual({ used: 13611479040, avail: 19825307648, total: 33436786688, data: 976793635 });
    expect(s.mgr).toEqual({ active: "rook-ceph-mgr0", standbys: [] });
  });

  it("datadog multi-command fixture: the wrapper is unwrapped to its status member (nested osdmap)", () => {
    const raw = read("ceph/datadog-ceph-luminous-12.2.1-multi-command-fixture.json");
    const s = parseCephStatusJson(raw);
    const inner = JSON.parse(raw) as { status: unknown; health_detail: unknown };
    expect(parseCephStatusJson(JSON.stringify(inner.status))).toEqual(s);
    expect(s.fsid).toBe("33b913f4-12f9-460a-a820-3ff3b4435417");
    expect(s.health).toBe("HEALTH_ERR");
    expect(s.checks.map((c) => [c.code, c.severity])).toEqual([
      ["OSD_NEARFULL", "HEALTH_WARN"],
      ["OSD_FULL", "HEALTH_ERR"],
      ["POOL_APP_NOT_ENABLED", "HEALTH_WARN"],
    ]);
    expect(s.mons).toEqual({ total: 1, inQuorum: ["dogbox"] });
    expect(s.osds).toEqual({ total: 1, up: 1, in: 1, remappedPgs: 0 });
    expect(s.pgs.byState).toEqual({ "active+clean": 156 });
    expect(s.pools).toBe(8);

    // Its health_detail member is `ceph health detail -f json` (hand-tweaked severities).
    const h = parseCephHealthJson(JSON.stringify(inner.health_detail));
    expect(h.health).toBe("HEALTH_ERR");
    expect(h.checks.map((c) => [c.code, c.severity, c.detail.length])).toEqual([
      ["OSD_NEARFULL", "HEALTH_WARN", 1],
      ["OSD_FULL", "HEALTH_WARN", 1],
      ["POOL_APP_NOT_ENABLED", "HEALTH_ERR", 2],
    ]);
    expect(h.detail).toEqual([]);
  });

  it("lab-captures/ceph-status.json (Pacific: num_mons, no mgr names, io rates)", () => {
    const s = parseCephStatusJson(read("lab-captures/ceph-status.json"));
    expect(s.health).toBe("HEALTH_OK");
    expect(s.mons).toEqual({ total: 1, inQuorum: ["lab1"] });
    expect(s.mgr).toBeNull();
    expect(s.osds).toEqual({ total: 3, up: 3, in: 3, remappedPgs: 0 });
    expect(s.pgs).toEqual({ total: 9, byState: { "active+clean": 9 }, degraded: null, misplaced: null });
    expect(s.bytes).toEqual({ used: 138076, avail: 805168292, total: 805306368, data: 79 });
    expect(s.io).toEqual({ readBytesPerSec: 4095, writeBytesPerSec: 2559, readOpsPerSec: 7, writeOpsPerSec: 2 });
  });
});

describe("corpus: ceph health, osd tree, osd df", () => {
  it("ceph-health-reef-oneline-2osd-down.txt", () => {
    const h = parseCephHealthText(read("ceph/ceph-health-reef-oneline-2osd-down.txt"));
    expect(h.health).toBe("HEALTH_WARN");
    expect(h.checks.map((c) => [c.code, c.summary])).toEqual([
      ["OSD_DOWN", "2 osds down"],
      ["OSD_HOST_DOWN", "1 host (2 osds) down"],
      ["PG_DEGRADED", "Degraded data redundancy: 45/135 objects degraded (33.333%), 30 pgs degraded, 113 pgs undersized"],
    ]);
  });

  it("ceph-osd-tree-hammer-era.txt (3 hosts x 2 OSDs)", () => {
    const t = parseCephOsdTreeText(read("ceph/ceph-osd-tree-hammer-era.txt"));
    expect(t.hosts.map((h) => [h.name, h.osds.map((o) => o.id)])).toEqual([
      ["ceph1", [0, 3]],
      ["ceph2", [1, 4]],
      ["ceph3", [2, 5]],
    ]);
    expect(t.hosts.flatMap((h) => h.osds).every((o) => o.status === "up" && o.weight === 0.00999 && o.class === null)).toBe(true);
    expect(t.stray).toEqual([]);
  });

  it("ceph-osd-tree-mimic-chassis-class.txt (hosts under chassis, CLASS column)", () => {
    const t = parseCephOsdTreeText(read("ceph/ceph-osd-tree-mimic-chassis-class.txt"));
    expect(t.hosts.map((h) => [h.name, h.bucketType, h.osds.map((o) => [o.id, o.class, o.weight, o.status])])).toEqual([
      ["storage-0", "host", [[0, "ssd", 0.43549, "up"]]],
      ["storage-1", "host", [[1, "ssd", 0.43549, "up"]]],
      ["storage-2", "host", [[2, "ssd", 0.43549, "up"]]],
    ]);
  });

  it("lab-captures/ceph-osd-df.txt", () => {
    const df = parseCephOsdDfText(read("lab-captures/ceph-osd-df.txt"));
    expect(df.osds.map((o) => [o.id, o.class, o.sizeBytes, o.usedBytes, o.pgs, o.status])).toEqual([
      [1, "hdd", 256 * 2 ** 20, 47 * 1024, 6, "up"],
      [2, "hdd", 256 * 2 ** 20, 36 * 1024, 5, "up"],
      [3, "hdd", 256 * 2 ** 20, 50 * 1024, 7, "up"],
    ]);
    expect(df.total).toEqual({ sizeBytes: 768 * 2 ** 20, usedBytes: 135 * 1024, availBytes: 768 * 2 ** 20, utilization: 0.02 });
    expect([df.minVar, df.maxVar, df.stddev]).toEqual([0.81, 1.13, 0]);
  });

  // `ceph mon dump` lists the monmap (a configuration listing, not a status): mons and quorum come
  // from ceph status, so no format reads it. Fed to the status parser it is refused cleanly.
  it("ceph-mon-dump-octopus.txt is not parsed (no format); the status parser refuses it", () => {
    expect(() => parseCephStatusText(read("ceph/ceph-mon-dump-octopus.txt"))).toThrow(ParseError);
  });
});
