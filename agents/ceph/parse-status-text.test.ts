import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseCephStatusText } from "./parse-status-text";

const LUMINOUS_WARN = [
  "  cluster:",
  "    id:     0c1e7c1a-1111-4222-8333-944455556666",
  "    health: HEALTH_WARN",
  "            1 osds down",
  "            Reduced data availability: 3 pgs inactive",
  "",
  "  services:",
  "    mon: 3 daemons, quorum pve1,pve2 (age 2h), out of quorum: pve3",
  "    mgr: pve1(active, since 2h), standbys: pve2",
  "    osd: 3 osds: 2 up (since 3m), 3 in (since 2d); 12 remapped pgs",
  "",
  "  data:",
  "    pools:   2 pools, 128 pgs",
  "    objects: 2.46k objects, 9.5 GiB",
  "    usage:   28 GiB used, 2.7 TiB / 2.7 TiB avail",
  "    pgs:     2.344% pgs not active",
  "             100/7380 objects degraded (1.355%)",
  "             125 active+clean",
  "             3   peering",
  "",
  "  io:",
  "    client:   1.2 MiB/s rd, 340 KiB/s wr, 12 op/s rd, 30 op/s wr",
  "    recovery: 12 MiB/s, 3 objects/s",
  "",
  "  progress:",
  "    Global Recovery Event (2m)",
  "      [=======.....................] (remaining: 5m)",
  "",
].join("\n");

describe("parseCephStatusText (Luminous+ layout)", () => {
  it("reads health detail, quorum with out-of-quorum mons, remapped pgs, IEC units and io", () => {
    const s = parseCephStatusText(LUMINOUS_WARN);
    expect(s.fsid).toBe("0c1e7c1a-1111-4222-8333-944455556666");
    expect(s.health).toBe("HEALTH_WARN");
    expect(s.checks).toEqual([
      { code: "OSD_DOWN", severity: "HEALTH_WARN", summary: "1 osds down", detail: [] },
      { code: "PG_AVAILABILITY", severity: "HEALTH_WARN", summary: "Reduced data availability: 3 pgs inactive", detail: [] },
    ]);
    expect(s.mons).toEqual({ total: 3, inQuorum: ["pve1", "pve2"] });
    expect(s.mgr).toEqual({ active: "pve1", standbys: ["pve2"] });
    expect(s.osds).toEqual({ total: 3, up: 2, in: 3, remappedPgs: 12 });
    expect(s.pools).toBe(2);
    expect(s.objects).toBe(2460);
    expect(s.bytes.used).toBe(28 * 2 ** 30);
    expect(s.bytes.total).toBe(Math.round(2.7 * 2 ** 40));
    expect(s.bytes.data).toBe(Math.round(9.5 * 2 ** 30));
    expect(s.pgs).toEqual({
      total: 128,
      byState: { "active+clean": 125, peering: 3 },
      degraded: { objects: 100, total: 7380, percent: 1.355 },
      misplaced: null,
    });
    expect(s.io).toEqual({
      readBytesPerSec: Math.round(1.2 * 2 ** 20),
      writeBytesPerSec: 340 * 1024,
      readOpsPerSec: 12,
      writeOpsPerSec: 30,
    });
  });

  it("reads the same output with CRLF endings, NULs, single-space separators and a prompt line", () => {
    const mangled = "root@pve1:~# ceph -s\r\n" + LUMINOUS_WARN.replace(/\n\n/g, "\n \n").replace(/\n/g, "\r\n") + "\u0000";
    expect(parseCephStatusText(mangled)).toEqual(parseCephStatusText(LUMINOUS_WARN));
  });

  it("skips client warnings printed before the output", () => {
    const s = parseCephStatusText("2024-06-01T12:00:00.000+0000 7f1 -1 auth: unable to find a keyring\n" + LUMINOUS_WARN);
    expect(s.fsid).toBe("0c1e7c1a-1111-4222-8333-944455556666");
  });

  it("reads sections indented deeper than usual (hand-edited posts)", () => {
    const odd = ["  cluster:", "      id:     x", "      health: HEALTH_OK", "    services:", "      osd: 2 osds: 2 up, 2 in"].join("\n");
    const s = parseCephStatusText(odd);
    expect(s.health).toBe("HEALTH_OK");
    expect(s.osds).toEqual({ total: 2, up: 2, in: 2, remappedPgs: 0 });
  });

  it("reads Luminous bare suffixes (2.19K, 3.20G) and an empty pgs line", () => {
    const s = parseCephStatusText(
      [
        "  cluster:",
        "    health: HEALTH_OK",
        "  data:",
        "    objects: 21 objects, 2.19K",
        "    usage:   3.20G used, 27.0G / 30.2G avail",
        "    pgs:",
      ].join("\n"),
    );
    expect(s.bytes.data).toBe(Math.round(2.19 * 1024));
    expect(s.bytes.used).toBe(Math.round(3.2 * 2 ** 30));
    expect(s.bytes.avail).toBe(Math.round(27 * 2 ** 30));
    expect(s.pgs.total).toBeNull();
    expect(s.pgs.byState).toEqual({});
  });
});

describe("parseCephStatusText (pre-Luminous layout)", () => {
  const JEWEL = [
    "    cluster 2f6b3a1e-0b0e-4c1a-9d53-5d2f0a4c7e11",
    "     health HEALTH_WARN",
    "            64 pgs degraded",
    "            recovery 100/300 objects degraded (33.333%)",
    "            1/3 in osds are down",
    "     monmap e3: 3 mons at {pve1=10.10.10.1:6789/0,pve2=10.10.10.2:6789/0,pve3=10.10.10.3:6789/0}",
    "            election epoch 12, quorum 0,1,2 pve1,pve2,pve3",
    "     osdmap e88: 3 osds: 2 up, 3 in",
    "            flags sortbitwise,require_jewel_osds",
    "      pgmap v123456: 128 pgs, 1 pools, 400 MB data, 100 objects",
    "            1331 MB used, 2797 GB / 2798 GB avail",
    "            100/300 objects degraded (33.333%)",
    "                  64 active+clean",
    "                  64 active+undersized+degraded",
    "  client io 80 kB/s wr, 0 op/s rd, 3 op/s wr",
  ].join("\n");

  it("reads the monmap/osdmap/pgmap rows and their continuation lines", () => {
    const s = parseCephStatusText(JEWEL);
    expect(s.fsid).toBe("2f6b3a1e-0b0e-4c1a-9d53-5d2f0a4c7e11");
    expect(s.health).toBe("HEALTH_WARN");
    expect(s.checks.map((c) => c.code)).toEqual(["PG_DEGRADED", "PG_DEGRADED", "OSD_DOWN"]);
    expect(s.mons).toEqual({ total: 3, inQuorum: ["pve1", "pve2", "pve3"] });
    expect(s.osds).toEqual({ total: 3, up: 2, in: 3, remappedPgs: 0 });
    expect(s.pgs.total).toBe(128);
    expect(s.pgs.byState).toEqual({ "active+clean": 64, "active+undersized+degraded": 64 });
    expect(s.pgs.degraded).toEqual({ objects: 100, total: 300, percent: 33.333 });
    expect(s.pools).toBe(1);
    expect(s.objects).toBe(100);
    expect(s.bytes).toEqual({ used: 1331 * 2 ** 20, avail: 2797 * 2 ** 30, total: 2798 * 2 ** 30, data: 400 * 2 ** 20 });
    expect(s.io).toEqual({ readBytesPerSec: 0, writeBytesPerSec: 80 * 1024, readOpsPerSec: 0, writeOpsPerSec: 3 });
  });

  it("treats an undirected Hammer op total as unknown split", () => {
    const s = parseCephStatusText("cluster x\nhealth HEALTH_OK\npgmap v1: 1 pgs, 1 pools, 0 bytes data, 0 objects\n  client io 12345 B/s wr, 3 op/s");
    expect(s.io).toEqual({ readBytesPerSec: 0, writeBytesPerSec: 12345, readOpsPerSec: null, writeOpsPerSec: null });
  });
});

describe("parseCephStatusText errors", () => {
  it.each([
    ["empty input", "  \n \n"],
    ["garbage", "this is not ceph"],
    ["JSON", '{"health": {}}'],
    ["a cut-off capture without health", "  cluster:\n    id:     abc\n"],
  ])("throws ParseError on %s", (_label, input) => {
    expect(() => parseCephStatusText(input)).toThrow(ParseError);
  });

  it("reads a huge pg state list in linear time", () => {
    const states = ["active+clean", "active+undersized", "peering", "stale+active+clean"];
    const rows = Array.from({ length: 20000 }, (_, i) => `             1 ${states[i % 4]}`);
    const s = parseCephStatusText(["  cluster:", "    health: HEALTH_OK", "  data:", `    pgs:     ${rows[0]?.trim()}`, ...rows.slice(1)].join("\n"));
    expect(s.pgs.byState).toEqual({ "active+clean": 5000, "active+undersized": 5000, peering: 5000, "stale+active+clean": 5000 });
  });
});
