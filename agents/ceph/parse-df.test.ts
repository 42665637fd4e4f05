import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseCephDfJson } from "./parse-df";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("parseCephDfJson", () => {
  it("reads each pool's stored bytes, raw use, space left and used ratio (Pacific and later)", () => {
    expect(parseCephDfJson(fixture("df-pacific.json"))).toEqual([
      { name: ".mgr", id: 1, storedBytes: 1388544, usedBytes: 4165632, maxAvailBytes: 107374182400, objects: 2, usedRatio: 4165632 / (4165632 + 107374182400) },
      { name: "vmpool", id: 2, storedBytes: 21474836480, usedBytes: 64424509440, maxAvailBytes: 107374182400, objects: 5120, usedRatio: 0.375 },
    ]);
  });

  it("before Nautilus there is no stored: bytes_used is the user data, and percent_used a percentage", () => {
    const luminous = '{"stats":{},"pools":[{"name":"rbd","id":0,"stats":{"kb_used":10240,"bytes_used":10485760,"max_avail":31457280,"objects":5}},' +
      '{"name":"old","id":3,"stats":{"percent_used":12.5}}]}';
    expect(parseCephDfJson(luminous)).toEqual([
      { name: "rbd", id: 0, storedBytes: 10485760, usedBytes: 10485760, maxAvailBytes: 31457280, objects: 5, usedRatio: 0.25 },
      { name: "old", id: 3, storedBytes: null, usedBytes: null, maxAvailBytes: null, objects: null, usedRatio: 0.125 },
    ]);
  });

  it("an empty pool on an empty cluster is 0 used, not a division by zero", () => {
    expect(parseCephDfJson('{"pools":[{"name":"p","id":1,"stats":{"stored":0,"bytes_used":0,"max_avail":0,"objects":0}}]}')[0]?.usedRatio).toBe(0);
  });

  it("garbage, a status answer or a truncated document is a ParseError", () => {
    for (const bad of ["", "not json", '{"health":{"status":"HEALTH_OK"}}', '{"pools":[{"id":1}]}', fixture("df-pacific.json").slice(0, 300)]) {
      expect(() => parseCephDfJson(bad)).toThrow(ParseError);
    }
  });
});
