import { describe, expect, it } from "vitest";
import { report } from "@/lib/reports/report";
import { healthModel, host, linksOf, resource } from "./__fixtures__/health-model";
import { alertConcerns, hostHealth } from "./host-view";

describe("hostHealth", () => {
  const base = healthModel();
  const m = healthModel({
    pacemaker: { ...base.pacemaker, resources: [resource("vip", ["lab1"]), resource("web", ["lab2"])] },
    hosts: [host("lab1"), host("lab2"), host("lab3", false)],
    links: [linksOf("lab1", [["lab3"]]), linksOf("lab2", [["lab3"]])],
    drbd: [
      {
        resource: "r0",
        health: "degraded",
        hosts: [
          { host: "lab1", up: true, role: "Primary", disks: [{ volume: 0, minor: 0, disk: "UpToDate" }], peers: [{ peer: "lab3", connection: "Connecting", peerRole: "Unknown", volume: 0, peerDisk: "DUnknown", replication: null, syncPercent: null, syncSpeedKiBps: null, etaSeconds: null, outOfSyncKiB: null }] },
        ],
        sync: null,
        alerts: [],
      },
    ],
    alerts: [
      report("warning", "HOST_UNREACHABLE", "The panel cannot reach lab3.", { host: "lab3", cause: null }),
      report("warning", "COROSYNC_PEER_DISCONNECTED", "lab3 is disconnected from lab1, lab2 on every corosync link.", { node: "lab3", seenBy: ["lab1", "lab2"] }),
      report("warning", "QDEVICE_NOT_VOTING", "The quorum device does not vote for lab2 (A,NV).", { nodes: [{ node: "lab2", flags: "A,NV" }] }),
      report("error", "DRBD_STANDALONE", "r0 is StandAlone on lab1", { resource: "r0", host: "lab1" }),
    ],
  });

  it("collects one host's links, DRBD, Pacemaker resources and alerts", () => {
    const h = hostHealth(m, "lab1");
    expect(h.host).toMatchObject({ name: "lab1", reachable: true, durationMs: 12, clockOffsetMs: 3 });
    expect(h.links.map((p) => [p.a, p.b, p.links.map((l) => [l.aSeesB, l.bSeesA])])).toEqual([
      ["lab1", "lab2", [[true, true]]],
      ["lab1", "lab3", [[false, null]]],
    ]);
    expect(h.pacemakerNode?.isDc).toBe(true);
    expect(h.pacemakerResources.map((r) => r.id)).toEqual(["vip"]);
    expect(h.drbd).toEqual([{ resource: "r0", health: "degraded", role: "Primary", up: true, disks: ["volume 0: UpToDate"], peers: [{ peer: "lab3", connection: "Connecting", peerDisk: "DUnknown" }] }]);
    expect(h.alerts.map((a) => a.code)).toEqual(["COROSYNC_PEER_DISCONNECTED", "DRBD_STANDALONE"]);
  });

  it("an unknown host has nothing", () => {
    const h = hostHealth(m, "lab9");
    expect([h.host, h.links, h.pacemakerNode, h.pacemakerResources, h.drbd, h.alerts]).toEqual([null, [], null, [], [], []]);
  });

  it("reads which host an alert concerns from host, node, hosts, nodes and seenBy", () => {
    expect(m.alerts.map((a) => [alertConcerns(a, "lab2"), alertConcerns(a, "lab3")])).toEqual([
      [false, true],
      [true, true],
      [true, false],
      [false, false],
    ]);
  });
});
