import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCephPoolLsJson } from "./parse-pool-ls";
import { readPveCephConf } from "./pve-ceph-conf";
import { ParseError } from "../common/parse-error";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("readPveCephConf", () => {
  it("reads pveceph's tab-indented file, spaces in keys read as underscores", () => {
    const c = readPveCephConf(fixture("pve-ceph.conf"));
    expect(c.publicNetwork).toBe("10.10.10.0/24");
    expect(c.monitorHosts).toEqual(["pve1", "pve2", "pve3"]);
    expect(c.sections["mon.pve2"]).toEqual({ public_addr: "10.10.10.12" });
    expect(c.sections.client).toEqual({ keyring: "/etc/pve/priv/$cluster.$name.keyring" });
  });

  it("an empty or comment-only file has no sections", () => {
    expect(readPveCephConf("# nothing\n; here\n")).toEqual({ sections: {}, publicNetwork: null, clusterNetwork: null, monitorHosts: [] });
  });
});

describe("parseCephPoolLsJson", () => {
  it("reads plain name lists with unknown settings", () => {
    expect(parseCephPoolLsJson('["rbd"]\n')).toEqual([{ id: null, name: "rbd", size: null, minSize: null, pgNum: null, autoscaleMode: null, applications: [] }]);
  });
  it("throws ParseError on other JSON and on garbage", () => {
    expect(() => parseCephPoolLsJson('{"pools": []}')).toThrow(ParseError);
    expect(() => parseCephPoolLsJson('[{"size": 3}]')).toThrow(ParseError);
    expect(() => parseCephPoolLsJson("")).toThrow(ParseError);
    expect(parseCephPoolLsJson('[{"pool_name": "a", "size": -1}]')[0]?.size).toBeNull();
  });
});
