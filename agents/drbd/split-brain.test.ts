import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDrbdKernelLog } from "./kernel-log";
import type { TDrbdResource, TDrbdRole } from "./model";
import { parseDrbdGi } from "./parse-gi";
import type { TDrbdObserved } from "./probe";
import { detectDrbdSplitBrain, planDrbdSplitBrainRecovery } from "./split-brain";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

function res(role: TDrbdRole, state: string, oos: number): TDrbdResource {
  return {
    name: "zzx",
    nodeId: 0,
    role,
    suspended: false,
    quorum: true,
    volumes: [{ volume: 0, minor: 60, disk: "UpToDate", quorum: true, sizeKiB: 1048576 }],
    connections: [
      {
        peer: "peer",
        peerNodeId: 1,
        state,
        peerRole: "Unknown",
        protocol: "C",
        volumes: [{ volume: 0, peerDisk: "DUnknown", replication: "Off", syncPercent: null, outOfSyncKiB: oos, syncSpeedKiBps: null, etaSeconds: null }],
      },
    ],
  };
}

const observed = (resource: TDrbdResource, gi: string, log: string): TDrbdObserved => ({
  hostname: null,
  kernelVersion: "9.2.12",
  generation: "9",
  pacemakerActive: false,
  resText: null,
  resource,
  localDisk: "UpToDate",
  gi: parseDrbdGi(gi),
  disks: [],
  kernelLog: parseDrbdKernelLog(log),
  vgPresent: null,
  lvmLocalConf: null,
});

// `drbdadm get-gi zzx` on the lab hosts after both wrote while apart (captured).
const GI_LAB1 = "34D0BE38CEAF8C0E:05FCFE8E7F8C9084:05FCFE8E7F8C9084:0000000000000000:1:1:1:0:1:0:0:0:0:0:0:1\n";
const GI_LAB2 = "5C876BAA158457A0:05FCFE8E7F8C9084:05FCFE8E7F8C9084:0000000000000000:1:1:1:0:1:0:0:0:0:0:0:1\n";
const SB_LOG = fixture("lab-kern-split-brain.log");

describe("detectDrbdSplitBrain", () => {
  it("shows the evidence per node and recommends discarding the node that is not Primary", () => {
    const d = detectDrbdSplitBrain("zzx", {
      lab1: observed(res("Primary", "StandAlone", 2000), GI_LAB1, SB_LOG.replace(/lab2 kernel/g, "lab1 kernel")),
      lab2: observed(res("Secondary", "StandAlone", 500), GI_LAB2, SB_LOG),
    });
    expect(d.splitBrain).toBe(true);
    expect(d.nodes.map((n) => [n.host, n.role, n.connection, n.outOfSyncKiB, n.gi?.current, n.splitBrainLoggedAt])).toEqual([
      ["lab1", "Primary", "StandAlone", 2000, "34D0BE38CEAF8C0E", "2026-11-21T20:15:17.023Z"],
      ["lab2", "Secondary", "StandAlone", 500, "5C876BAA158457A0", "2026-11-21T20:15:17.023Z"],
    ]);
    expect(d.signs.map((s) => [s.code, s.params.host ?? null])).toEqual([
      ["DRBD_SPLIT_BRAIN_LOGGED", "lab1"],
      ["DRBD_STANDALONE", "lab1"],
      ["DRBD_SPLIT_BRAIN_LOGGED", "lab2"],
      ["DRBD_STANDALONE", "lab2"],
      ["DRBD_DATA_DIVERGED", null],
    ]);
    expect(d.recommendedVictim).toBe("lab2");
  });

  it("with both Primary, recommends the node with fewer changes; with equal changes, none", () => {
    const both = (a: number, b: number) =>
      detectDrbdSplitBrain("zzx", { lab1: observed(res("Primary", "Connecting", a), GI_LAB1, ""), lab2: observed(res("Primary", "StandAlone", b), GI_LAB2, "") });
    const d = both(2000, 500);
    expect(d.signs.map((s) => s.code)).toEqual(["DRBD_STANDALONE", "DRBD_BOTH_PRIMARY", "DRBD_DATA_DIVERGED"]);
    expect(d.recommendedVictim).toBe("lab2");
    expect(both(700, 700).recommendedVictim).toBeNull();
  });

  it("a plain disconnect is not a split brain, and a resolved one no longer counts", () => {
    const gi = "AAAAAAAAAAAAAAAA:0000000000000000:0000000000000000:0000000000000000:1:1:0:0\n";
    const d = detectDrbdSplitBrain("zzx", { lab1: observed(res("Primary", "StandAlone", 100), gi, ""), lab2: observed(res("Secondary", "Connecting", 0), gi, "") });
    expect([d.splitBrain, d.signs.map((s) => s.code)]).toEqual([false, ["DRBD_STANDALONE"]]);
    const healed = observed(res("Secondary", "Connected", 0), gi, fixture("lab-kern-recovered.log"));
    expect(detectDrbdSplitBrain("zzx", { lab1: healed, lab2: healed }).splitBrain).toBe(false);
  });
});

describe("planDrbdSplitBrainRecovery", () => {
  const d = detectDrbdSplitBrain("zzx", {
    lab1: observed(res("Primary", "StandAlone", 2000), GI_LAB1, SB_LOG),
    lab2: observed(res("Primary", "Connecting", 500), GI_LAB2, SB_LOG),
  });

  it("refuses without the resource name typed, or with an unknown victim, and discards nothing", () => {
    for (const confirmation of ["", "yes", "ZZX", "zzx "]) {
      const plan = planDrbdSplitBrainRecovery(d, { victim: "lab2", confirmation });
      expect([plan.steps, plan.reports.map((r) => [r.code, r.params.field])]).toEqual([[], [["DRBD_SPLIT_BRAIN_CONFIRMATION_MISMATCH", "confirmation"]]]);
    }
    expect(planDrbdSplitBrainRecovery(d, { victim: "lab3", confirmation: "zzx" }).reports.map((r) => r.code)).toEqual(["DRBD_SPLIT_BRAIN_VICTIM_INVALID"]);
  });

  it("runs DRBD's documented recovery: victim secondary, disconnect, connect --discard-my-data (destructive); survivor connect", () => {
    const plan = planDrbdSplitBrainRecovery(d, { victim: "lab2", confirmation: "zzx" });
    expect(plan.steps.map((s) => [s.host, s.action.kind === "command" ? s.action.argv.join(" ") : "", s.destructive])).toEqual([
      ["lab2", "drbdadm secondary zzx", false],
      ["lab2", "drbdadm disconnect zzx", false],
      ["lab2", "drbdadm connect --discard-my-data zzx", true],
      ["lab1", "drbdadm connect zzx", false],
    ]);
    expect(plan.steps[2]?.reports.map((r) => [r.code, r.params.outOfSyncKiB])).toEqual([["DRBD_SPLIT_BRAIN_DISCARD", 500]]);
  });

  it("refuses when there is no split brain", () => {
    const none = { ...d, splitBrain: false };
    expect(planDrbdSplitBrainRecovery(none, { victim: "lab2", confirmation: "zzx" }).reports.map((r) => r.code)).toEqual(["DRBD_NO_SPLIT_BRAIN"]);
  });
});
