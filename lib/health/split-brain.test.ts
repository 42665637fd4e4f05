import { describe, expect, it } from "vitest";
import type { TDrbdObserved } from "@/agents/drbd/probe";
import { healthModel } from "./__fixtures__/health-model";
import { holdersOf, minorsOf, victimPreviews, ZDrbdSplitBrainInput } from "./split-brain";

const observed = (o: Partial<TDrbdObserved>): TDrbdObserved => ({
  hostname: null,
  kernelVersion: "9.2.12",
  generation: "9",
  pacemakerActive: false,
  resText: null,
  resource: null,
  localDisk: null,
  gi: [],
  disks: [],
  kernelLog: [],
  vgPresent: null,
  lvmLocalConf: null,
  ...o,
});

describe("holdersOf", () => {
  it("keeps hosts that run the resource, have its meta-data or its config; drops the others", () => {
    const running = observed({ resource: { name: "r0", nodeId: 0, role: "Primary", suspended: false, quorum: true, volumes: [], connections: [] } });
    const down = observed({ localDisk: "Outdated" });
    const configOnly = observed({ resText: "resource r0 {}" });
    expect(Object.keys(holdersOf({ lab1: running, lab2: down, lab3: observed({}), lab4: configOnly }))).toEqual(["lab1", "lab2", "lab4"]);
  });
});

describe("minorsOf", () => {
  it("reads the resource's minors from the last snapshot", () => {
    const m = healthModel({
      drbd: [
        {
          resource: "r0",
          health: "ok",
          hosts: [
            { host: "lab1", up: true, role: "Primary", disks: [{ volume: 1, minor: 31, disk: "UpToDate" }, { volume: 0, minor: 30, disk: "UpToDate" }], peers: [] },
            { host: "lab2", up: true, role: "Secondary", disks: [{ volume: 0, minor: 30, disk: "UpToDate" }], peers: [] },
          ],
          sync: null,
          alerts: [],
        },
      ],
    });
    expect(minorsOf(m, "r0")).toEqual([30, 31]);
    expect(minorsOf(m, "r1")).toEqual([]);
    expect(minorsOf(null, "r0")).toEqual([]);
  });
});

describe("ZDrbdSplitBrainInput", () => {
  it("refuses hostile resource and host names before they reach a command line", () => {
    const ok = { resource: "r0", victim: "lab2", confirmation: "r0" };
    expect(ZDrbdSplitBrainInput.parse(ok)).toEqual({ ...ok, minors: [] });
    for (const bad of [{ ...ok, resource: "r0; rm -rf /" }, { ...ok, resource: "-r0" }, { ...ok, victim: "lab2 --force" }, { ...ok, victim: "" }, { ...ok, minors: [-1] }]) {
      expect(ZDrbdSplitBrainInput.safeParse(bad).success).toBe(false);
    }
  });
});

describe("victimPreviews", () => {
  const node = (host: string, role: "Primary" | "Secondary", connection: string) => ({
    host,
    role,
    connection,
    disk: "UpToDate",
    outOfSyncKiB: 100,
    gi: null,
    splitBrainLogged: true,
    splitBrainLoggedAt: null,
    lastPromotedAt: null,
  });
  const d = { resource: "r0", splitBrain: true, signs: [], nodes: [node("lab1", "Primary", "StandAlone"), node("lab2", "Secondary", "StandAlone")], recommendedVictim: "lab2", recommendation: "" };

  it("shows the agent's recovery steps for each possible victim", () => {
    expect(victimPreviews(d).map((p) => [p.host, p.steps.map((s) => [s.host, s.command, s.destructive])])).toEqual([
      [
        "lab1",
        [
          ["lab1", "drbdadm secondary r0", false],
          ["lab1", "drbdadm connect --discard-my-data r0", true],
          ["lab2", "drbdadm connect r0", false],
        ],
      ],
      [
        "lab2",
        [
          ["lab2", "drbdadm connect --discard-my-data r0", true],
          ["lab1", "drbdadm connect r0", false],
        ],
      ],
    ]);
  });
  it("offers nothing without a split brain", () => {
    expect(victimPreviews({ ...d, splitBrain: false })).toEqual([]);
  });
});
