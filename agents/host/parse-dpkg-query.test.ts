import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseDpkgQuery } from "./parse-dpkg-query";

describe("parseDpkgQuery", () => {
  const out = [
    "corosync\t3.1.7-1+deb12u2\tii ",
    "pacemaker\t2.1.5-1+deb12u1\trc ",
    "crmsh\t\tun ",
    "drbd-utils\t9.22.0-1\tiU ",
    "libc6:amd64\t2.36-9+deb12u7\tii ",
    "",
  ].join("\n");

  it("answers every requested package in order; unknown and removed ones read as not installed", () => {
    expect(parseDpkgQuery(out, ["pcs", "corosync", "pacemaker", "crmsh", "drbd-utils", "libc6"])).toEqual([
      { name: "pcs", installed: false, version: null, status: null },
      { name: "corosync", installed: true, version: "3.1.7-1+deb12u2", status: "ii" },
      { name: "pacemaker", installed: false, version: "2.1.5-1+deb12u1", status: "rc" },
      { name: "crmsh", installed: false, version: null, status: "un" },
      { name: "drbd-utils", installed: false, version: "9.22.0-1", status: "iU" },
      { name: "libc6", installed: true, version: "2.36-9+deb12u7", status: "ii" },
    ]);
  });

  it("treats triggers-pending as installed and keeps the installed architecture of a multi-arch package", () => {
    const r = parseDpkgQuery("zfsutils-linux\t2.2.4-pve1\tit \nlibfoo:i386\t1.0\trc \nlibfoo:amd64\t1.1\tii \n", ["zfsutils-linux", "libfoo"]);
    expect(r.map((p) => [p.name, p.installed, p.version])).toEqual([
      ["zfsutils-linux", true, "2.2.4-pve1"],
      ["libfoo", true, "1.1"],
    ]);
  });

  it("reads empty output (nothing known) and throws ParseError on other formats", () => {
    expect(parseDpkgQuery("", ["corosync"])).toEqual([{ name: "corosync", installed: false, version: null, status: null }]);
    expect(() => parseDpkgQuery("ii  corosync  3.1.7-1  amd64  cluster engine\n", ["corosync"])).toThrow(ParseError);
    expect(() => parseDpkgQuery("corosync\t3.1.7\tzz \n", ["corosync"])).toThrow(ParseError);
  });
});
