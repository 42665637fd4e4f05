import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseCephOsdDfJson, parseCephOsdDfText } from "./parse-osd-df";

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("parseCephOsdDfText", () => {
  it("reads Luminous single-token sizes (10236M), an OSD without class and the TOTAL row", () => {
    const df = parseCephOsdDfText(fixture("osd-df-luminous.txt"));
    expect(df.osds.map((o) => [o.id, o.class, o.sizeBytes, o.usedBytes, o.pgs])).toEqual([
      [0, "hdd", 10236 * 2 ** 20, 1041 * 2 ** 20, 128],
      [1, "hdd", 10236 * 2 ** 20, 1041 * 2 ** 20, 128],
      [2, null, 0, 0, 0],
    ]);
    expect(df.osds[2]?.reweight).toBe(0);
    expect(df.total).toEqual({ sizeBytes: 20472 * 2 ** 20, usedBytes: 2082 * 2 ** 20, availBytes: 18390 * 2 ** 20, utilization: 10.17 });
    expect([df.minVar, df.maxVar, df.stddev]).toEqual([1, 1, 0]);
  });

  it("reads `ceph osd df tree` by skipping bucket rows", () => {
    const df = parseCephOsdDfText(
      [
        "ID  CLASS  WEIGHT   REWEIGHT  SIZE     RAW USE  DATA  OMAP  META  AVAIL    %USE  VAR   PGS  STATUS  TYPE NAME",
        "-1         0.00040         -  512 MiB   83 KiB   0 B   0 B   0 B  512 MiB  0.02     -              root default",
        "-3         0.00040         -  512 MiB   83 KiB   0 B   0 B   0 B  512 MiB  0.02     -              host lab1",
        " 1    hdd  0.00020   1.00000  256 MiB   47 KiB   0 B   0 B   0 B  256 MiB  0.02  1.06    6      up      osd.1",
        " 2    hdd  0.00020   1.00000  256 MiB   36 KiB   0 B   0 B   0 B  256 MiB  0.01  0.81    5    down      osd.2",
      ].join("\n"),
    );
    expect(df.osds.map((o) => [o.id, o.usedBytes, o.status])).toEqual([
      [1, 47 * 1024, "up"],
      [2, 36 * 1024, "down"],
    ]);
  });

  it.each([
    ["empty input", ""],
    ["garbage", "nothing to see"],
    ["a row with a bad id", "ID CLASS WEIGHT REWEIGHT SIZE USE AVAIL %USE VAR PGS\nabc"],
    ["a fractional PGS count", "ID CLASS WEIGHT REWEIGHT SIZE USE AVAIL %USE VAR PGS\n 0 hdd 1.0 1.0 10G 1G 9G 10 1.0 1.5"],
  ])("throws ParseError on %s", (_label, input) => {
    expect(() => parseCephOsdDfText(input)).toThrow(ParseError);
  });
});

describe("parseCephOsdDfJson", () => {
  it("reads KiB sizes and the summary", () => {
    const df = parseCephOsdDfJson(fixture("osd-df-nautilus.json"));
    expect(df.osds.map((o) => [o.id, o.sizeBytes, o.availBytes, o.utilization, o.status])).toEqual([
      [0, 937692160 * 1024, 843922944 * 1024, 10, "up"],
      [1, 937692160 * 1024, 834546022 * 1024, 11, "up"],
    ]);
    expect(df.total?.sizeBytes).toBe(1875384320 * 1024);
    expect([df.minVar, df.maxVar, df.stddev]).toEqual([0.952381, 1.047619, 0.5]);
  });

  it.each([
    ["empty input", ""],
    ["truncated JSON", '{"nodes":['],
    ["no nodes", "{}"],
  ])("throws ParseError on %s", (_label, input) => {
    expect(() => parseCephOsdDfJson(input)).toThrow(ParseError);
  });
});
