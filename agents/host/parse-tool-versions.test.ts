import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { countGuestList } from "./parse-guest-list";
import { parseCephVersion, parseDrbdadmVersion, parseLinstorVersion } from "./parse-tool-versions";

describe("parseDrbdadmVersion", () => {
  it("reads utils and kernel versions", () => {
    const text = "DRBDADM_BUILDTAG=GIT-hash:\\ 409097fe\\ build\\,\\ 2023-01-09\nDRBDADM_API_VERSION=2\nDRBD_KERNEL_VERSION_CODE=0x090202\nDRBD_KERNEL_VERSION=9.2.2\nDRBDADM_VERSION_CODE=0x091a00\nDRBDADM_VERSION=9.26.0\n";
    expect(parseDrbdadmVersion(text, true)).toEqual({ moduleLoaded: true, utilsVersion: "9.26.0", kernelVersion: "9.2.2" });
  });
  it("reads no kernel version without the module loaded", () => {
    const text = "DRBD_KERNEL_VERSION_CODE=0x000000\nDRBD_KERNEL_VERSION=0\nDRBDADM_VERSION_CODE=0x091600\nDRBDADM_VERSION=9.22.0\n";
    expect(parseDrbdadmVersion(text, false)).toEqual({ moduleLoaded: false, utilsVersion: "9.22.0", kernelVersion: null });
  });
  it("throws ParseError without DRBDADM_VERSION", () => {
    expect(() => parseDrbdadmVersion("drbdadm: unrecognized option\n", null)).toThrow(ParseError);
  });
});

describe("parseCephVersion / parseLinstorVersion", () => {
  it("reads ceph versions with and without release names", () => {
    expect(parseCephVersion("ceph version 18.2.4 (e7ad5345525c7aa95470c26863873b581076945d) reef (stable)\n")).toEqual({ version: "18.2.4", release: "reef" });
    expect(parseCephVersion("ceph version 10.2.11 (e4b061b47f07f583c92a050d9e84b1813a35671e)\n")).toEqual({ version: "10.2.11", release: null });
  });
  it("reads the linstor client version", () => {
    expect(parseLinstorVersion("linstor 1.22.0; GIT-hash: 1ac9d3c2a6c9a3bd68ba0c2aa97d0ea8c0b4c0c6\n")).toBe("1.22.0");
  });
  it("throws ParseError on other output", () => {
    expect(() => parseCephVersion("")).toThrow(ParseError);
    expect(() => parseLinstorVersion("usage: linstor [-h]\n")).toThrow(ParseError);
  });
});

describe("countGuestList", () => {
  it("counts qm list and pct list rows; no output means none", () => {
    const qm = [
      "      VMID NAME                 STATUS     MEM(MB)    BOOTDISK(GB) PID       ",
      "       100 web01                running    4096              32.00 12345     ",
      "       101 db01                 stopped    8192              64.00 0         ",
    ].join("\n");
    expect(countGuestList(qm, "qm-list")).toBe(2);
    expect(countGuestList("VMID       Status     Lock         Name                \n200        running                 ct-dns              \n", "pct-list")).toBe(1);
    expect(countGuestList("", "qm-list")).toBe(0);
  });
  it("throws ParseError on an error message instead of a table", () => {
    expect(() => countGuestList("ipcc_send_rec[1] failed: Connection refused\n", "qm-list")).toThrow(ParseError);
    expect(() => countGuestList("VMID NAME\nweb01 running\n", "qm-list")).toThrow(ParseError);
  });
});
