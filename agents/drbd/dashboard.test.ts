import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { drbdResourceView } from "./dashboard";
import { parseDrbdKernelLog } from "./kernel-log";
import { parseDrbdStatusJson } from "./parse-drbd-status-json";
import { parseProcDrbd } from "./parse-proc-drbd";
import { resourceFromProc } from "./probe";

const CORPUS = path.resolve(import.meta.dirname, "../..", "../shared/corpus");
function corpus(file: string): string {
  if (!existsSync(CORPUS)) throw new Error(`../shared/corpus is missing (looked in ${CORPUS}); the DRBD dashboard tests read real samples from it`);
  return readFileSync(path.join(CORPUS, file), "utf8");
}
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("drbdResourceView", () => {
  it("8.4 /proc/drbd during a resync (corpus): percent, speed, ETA and out-of-sync of the running sync", () => {
    const status = parseProcDrbd(corpus("drbd-proc/ganeti-proc_drbd84-syncsource.txt"));
    const view = drbdResourceView("r5", { node1: resourceFromProc(status, "r5", [5]) });
    expect(view.health).toBe("syncing");
    expect(view.sync).toEqual({ percent: 68.5, speedKiBps: 64800, etaSeconds: 5, outOfSyncKiB: 335744 });
    expect(view.hosts[0]?.peers[0]).toMatchObject({ connection: "SyncSource", peerDisk: "Inconsistent", peerRole: "Secondary" });
  });

  it("8.4 StandAlone Primary with out-of-sync data (corpus) raises the StandAlone alert", () => {
    const status = parseProcDrbd(corpus("drbd-proc/ganeti-proc_drbd84-syncsource.txt"));
    const view = drbdResourceView("r0", { node1: resourceFromProc(status, "r0", [0]) });
    expect(view.health).toBe("degraded");
    expect(view.alerts.map((a) => a.code)).toEqual(["DRBD_STANDALONE"]);
    expect(view.hosts[0]?.peers[0]?.outOfSyncKiB).toBe(1048320);
  });

  it("DRBD 9 JSON (corpus): a healthy connected resource; a host where it is down", () => {
    const status = parseDrbdStatusJson(corpus("drbd9-json/salt-drbdsetup-status-json-9.0.16-connected.json"));
    const r = status.resources[0] ?? null;
    const view = drbdResourceView(r?.name ?? "", { a: r, b: null });
    expect(view.hosts[0]).toMatchObject({ up: true, role: "Primary" });
    expect(view.alerts.map((a) => [a.code, a.params.host])).toEqual([["DRBD_RESOURCE_DOWN", "b"]]);
    expect(drbdResourceView(r?.name ?? "", { a: r }).health).toBe("ok");
  });

  it("DRBD 9 JSON mid-resync with a third peer Connecting (own fixture), and a split brain in the kernel log (lab capture)", () => {
    const r = parseDrbdStatusJson(fixture("drbdsetup-status-json-resync-nan.json")).resources[0] ?? null;
    const syncing = drbdResourceView("r0", { a: r });
    expect(syncing.health).toBe("degraded");
    expect(syncing.alerts.map((a) => a.code)).toEqual(["DRBD_DISCONNECTED", "DRBD_RESYNC_RUNNING"]);
    expect(syncing.sync).toEqual({ percent: 25, speedKiBps: 51200, etaSeconds: 480, outOfSyncKiB: 25165824 });
    const split = drbdResourceView("r0", { a: r }, { a: parseDrbdKernelLog(fixture("lab-kern-split-brain.log")) });
    expect(split.health).toBe("split-brain");
    expect(split.alerts.find((a) => a.code === "DRBD_SPLIT_BRAIN")?.params.time).toBe("2026-11-21T20:15:17.023Z");
  });
});
