import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parsePveversion } from "./parse-pveversion";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("parsePveversion", () => {
  it("reads the one-line pveversion of PVE 8", () => {
    expect(parsePveversion("pve-manager/8.2.4/faa83925c9641325 (running kernel: 6.8.8-2-pve)\n")).toEqual({
      managerVersion: "8.2.4",
      major: 8,
      minor: 2,
      build: "faa83925c9641325",
      runningKernel: "6.8.8-2-pve",
      packages: {},
    });
  });

  it("reads PVE 7's dashed version", () => {
    expect(parsePveversion("pve-manager/7.4-3/9002ab8a (running kernel: 5.15.102-1-pve)")).toMatchObject({ managerVersion: "7.4-3", major: 7, minor: 4, build: "9002ab8a" });
  });

  it("reads pveversion -v of PVE 8 with its package list and a not-installed package", () => {
    const v = parsePveversion(fixture("pveversion-v-pve8.txt"));
    expect(v).toMatchObject({ managerVersion: "8.2.4", major: 8, minor: 2, build: "faa83925c9641325", runningKernel: "6.8.8-2-pve" });
    expect(v.packages.corosync).toBe("3.1.7-pve3");
    expect(v.packages["proxmox-ve"]).toBe("8.2.0");
    expect(v.packages["openvswitch-switch"]).toBeNull();
    expect(Object.keys(v.packages)).toHaveLength(26);
  });

  it("reads pveversion -v of PVE 9", () => {
    const v = parsePveversion(fixture("pveversion-v-pve9.txt"));
    expect(v).toMatchObject({ managerVersion: "9.0.3", major: 9, minor: 0, build: "025864202ebb6109", runningKernel: "6.14.8-2-pve" });
    expect(v.packages.corosync).toBe("3.1.9-pve2");
  });

  it("throws ParseError on empty, garbage and -v output without pve-manager", () => {
    expect(() => parsePveversion("")).toThrow(ParseError);
    expect(() => parsePveversion("sh: 1: pveversion: not found")).toThrow(ParseError);
    expect(() => parsePveversion("corosync: 3.1.7-pve3\n")).toThrow(/no pve-manager/);
    expect(() => parsePveversion("pve-manager/x.y/abc")).toThrow(ParseError);
  });
});
