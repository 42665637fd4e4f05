import { describe, expect, it } from "vitest";
import type { TDrbdResource } from "@/agents/drbd/model";
import { deriveDrbd } from "./derive-drbd";
import { ZHostProbe, type THostProbe, type THostProbeInput } from "./model";

// r0 between lab1 and lab2 (DRBD 9 names its peers), as each host reports it.
function r0(host: "lab1" | "lab2", opts: { role?: "Primary" | "Secondary"; conn?: string; disk?: string; peerDisk?: string; replication?: string; percent?: number | null } = {}): TDrbdResource {
  const peer = host === "lab1" ? "lab2" : "lab1";
  return {
    name: "r0",
    nodeId: host === "lab1" ? 0 : 1,
    role: opts.role ?? "Secondary",
    suspended: false,
    quorum: true,
    volumes: [{ volume: 0, minor: 0, disk: opts.disk ?? "UpToDate", quorum: true, sizeKiB: 1048576 }],
    connections: [
      {
        peer,
        peerNodeId: host === "lab1" ? 1 : 0,
        state: opts.conn ?? "Connected",
        peerRole: "Secondary",
        protocol: "C",
        volumes: [{ volume: 0, peerDisk: opts.peerDisk ?? "UpToDate", replication: opts.replication ?? "Established", syncPercent: opts.percent ?? null, outOfSyncKiB: 0, syncSpeedKiBps: null, etaSeconds: null }],
      },
    ],
  };
}

const probe = (host: string, resources: TDrbdResource[] | null, extra: Partial<THostProbeInput> = {}): THostProbe =>
  ZHostProbe.parse({ host, reachable: true, error: null, durationMs: 10, quorum: null, links: null, pacemaker: null, drbd: resources ? { version: "9.2.12", resources, kernelLog: [] } : null, ...extra });

describe("deriveDrbd", () => {
  it("a connected pair is ok; the third host of the cluster is not expected to hold it", () => {
    const [view] = deriveDrbd([probe("lab1", [r0("lab1", { role: "Primary" })]), probe("lab2", [r0("lab2")]), probe("lab3", null)]);
    expect(view).toMatchObject({ resource: "r0", health: "ok", alerts: [] });
    expect(view?.hosts.map((h) => [h.host, h.up, h.role])).toEqual([
      ["lab1", true, "Primary"],
      ["lab2", true, "Secondary"],
    ]);
  });

  it("a peer that stopped holding the resource is down; an unreachable one is unknown, not down", () => {
    const waiting = r0("lab1", { role: "Primary", conn: "Connecting", peerDisk: "DUnknown", replication: "Off" });
    const gone = deriveDrbd([probe("lab1", [waiting]), probe("lab2", [])])[0];
    expect(gone?.alerts.map((a) => [a.code, a.params.host])).toEqual([
      ["DRBD_DISCONNECTED", "lab1"],
      ["DRBD_RESOURCE_DOWN", "lab2"],
    ]);
    const unreachable = deriveDrbd([probe("lab1", [waiting]), probe("lab2", null, { reachable: false })])[0];
    expect(unreachable?.alerts.map((a) => a.code)).toEqual(["DRBD_DISCONNECTED"]);
  });

  it("a resync shows its progress; StandAlone after a split brain is critical with the kernel's evidence", () => {
    const syncing = deriveDrbd([
      probe("lab1", [r0("lab1", { role: "Primary", peerDisk: "Inconsistent", replication: "SyncSource", percent: 42.5 })]),
      probe("lab2", [r0("lab2", { disk: "Inconsistent", replication: "SyncTarget", percent: 42.5 })]),
    ])[0];
    expect(syncing).toMatchObject({ health: "syncing", sync: { percent: 42.5 } });
    expect(syncing?.alerts.map((a) => [a.severity, a.code])).toEqual([["info", "DRBD_RESYNC_RUNNING"]]);

    const event = { time: "2026-11-21T03:00:01+00:00", resource: "r0", volume: null, minor: null, peer: "lab2", kind: "split-brain-unresolved" as const, to: null, text: "Split-Brain detected but unresolved, dropping connection!" };
    const lab1 = probe("lab1", [r0("lab1", { role: "Primary", conn: "StandAlone" })]);
    const split = deriveDrbd([{ ...lab1, drbd: lab1.drbd && { ...lab1.drbd, kernelLog: [event] } }, probe("lab2", [r0("lab2", { role: "Primary", conn: "StandAlone" })])])[0];
    expect(split?.health).toBe("split-brain");
    expect(split?.alerts.filter((a) => a.severity === "error").map((a) => [a.code, a.params.host ?? a.params.hosts])).toEqual([
      ["DRBD_SPLIT_BRAIN", "lab1"],
      ["DRBD_STANDALONE", "lab1"],
      ["DRBD_STANDALONE", "lab2"],
      ["DRBD_BOTH_PRIMARY_DISCONNECTED", ["lab1", "lab2"]],
    ]);
  });
});
