import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseCephPoolLsJson } from "./parse-pool-ls";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("parseCephPoolLsJson", () => {
  it("reads each pool's replication, PG and autoscaler settings and its applications", () => {
    expect(parseCephPoolLsJson(fixture("pool-ls-detail.json"))).toEqual([
      { id: 1, name: ".mgr", size: 3, minSize: 2, pgNum: 1, autoscaleMode: "on", applications: ["mgr"] },
      { id: 2, name: "vmpool", size: 3, minSize: 2, pgNum: 32, autoscaleMode: "on", applications: ["rbd"] },
    ]);
  });

  it("reads the plain name list with the settings unknown, and a cluster without pools", () => {
    expect(parseCephPoolLsJson('["rbd"]')).toEqual([{ id: null, name: "rbd", size: null, minSize: null, pgNum: null, autoscaleMode: null, applications: [] }]);
    expect(parseCephPoolLsJson("[]\n")).toEqual([]);
  });

  it("a pre-Nautilus pool without an autoscaler reads its mode as null", () => {
    expect(parseCephPoolLsJson('[{"pool_id":0,"pool_name":"rbd","size":"2","min_size":1,"pg_num":64,"application_metadata":{}}]')).toEqual([
      { id: 0, name: "rbd", size: 2, minSize: 1, pgNum: 64, autoscaleMode: null, applications: [] },
    ]);
  });

  it("garbage, another command's JSON or a truncated list is a ParseError", () => {
    for (const bad of ["", "Error EINVAL: bad command", '{"pools":[]}', '[{"pool_id":1}]', fixture("pool-ls-detail.json").slice(0, 120)]) {
      expect(() => parseCephPoolLsJson(bad)).toThrow(ParseError);
    }
  });
});
