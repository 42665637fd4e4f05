import { describe, expect, it } from "vitest";
import { healthModel, linksOf, resource } from "./__fixtures__/health-model";
import { drbdRows, layersOf, linkPairs, pacemakerGroups } from "./layers";
import type { THealthDrbdResource } from "./model-drbd";

describe("layersOf", () => {
  it("lists only the layers the cluster has", () => {
    expect(layersOf(healthModel())).toEqual(["quorum", "pacemaker"]);
    const drbd: THealthDrbdResource = { resource: "r0", health: "ok", hosts: [], sync: null, alerts: [] };
    const pve = { seenFrom: "lab1", ha: null, replication: [] };
    expect(layersOf(healthModel({ pacemaker: null, drbd: [drbd], pve }))).toEqual(["quorum", "drbd", "pve"]);
    expect(layersOf(healthModel({ quorum: null, links: [], pacemaker: null }))).toEqual([]);
  });
});

describe("linkPairs", () => {
  it("judges each pair from both ends, per link, and leaves out the host itself", () => {
    // Two links; link 1 of lab1 lost lab3, and lab3's link 1 lost lab1. lab2 did not report.
    const views = [linksOf("lab1", [[], ["lab3"]]), linksOf("lab3", [[], ["lab1"]])];
    expect(linkPairs(views)).toEqual([
      { a: "lab1", b: "lab2", links: [{ id: 0, aSeesB: true, bSeesA: null }, { id: 1, aSeesB: true, bSeesA: null }] },
      { a: "lab1", b: "lab3", links: [{ id: 0, aSeesB: true, bSeesA: true }, { id: 1, aSeesB: false, bSeesA: false }] },
      { a: "lab2", b: "lab3", links: [{ id: 0, aSeesB: null, bSeesA: true }, { id: 1, aSeesB: null, bSeesA: true }] },
    ]);
  });
});

describe("pacemakerGroups", () => {
  it("puts members under their group or clone (a cloned group under the clone), primitives alone", () => {
    const groups = pacemakerGroups([
      resource("fence-lab1", ["lab2"], { agent: "stonith:fence_dummy" }),
      resource("vip", ["lab1"], { parent: "web", parentKind: "group" }),
      resource("apache", ["lab1"], { parent: "web", parentKind: "group" }),
      resource("ping:0", ["lab1"], { parent: "ping-clone", parentKind: "clone", cloneId: "ping-clone" }),
      resource("mount:0", ["lab2"], { parent: "storage", parentKind: "group", cloneId: "storage-clone" }),
      resource("ping:1", ["lab2"], { parent: "ping-clone", parentKind: "clone", cloneId: "ping-clone" }),
    ]);
    expect(groups.map((g) => [g.id, g.kind, g.members.map((m) => m.id)])).toEqual([
      [null, null, ["fence-lab1"]],
      ["web", "group", ["vip", "apache"]],
      ["ping-clone", "clone", ["ping:0", "ping:1"]],
      ["storage-clone", "clone", ["mount:0"]],
    ]);
  });
});

describe("drbdRows", () => {
  it("gives one row per host, volume and peer, and one for a host where it is down", () => {
    const peer = (vol: number, sync: number | null) => ({
      peer: "lab2",
      connection: "Connected",
      peerRole: "Secondary" as const,
      volume: vol,
      peerDisk: sync === null ? "UpToDate" : "Inconsistent",
      replication: sync === null ? "Established" : "SyncSource",
      syncPercent: sync,
      syncSpeedKiBps: sync === null ? null : 2048,
      etaSeconds: sync === null ? null : 30,
      outOfSyncKiB: sync === null ? 0 : 61440,
    });
    const r: THealthDrbdResource = {
      resource: "r0",
      health: "syncing",
      hosts: [
        { host: "lab1", up: true, role: "Primary", disks: [{ volume: 0, minor: 10, disk: "UpToDate" }, { volume: 1, minor: 11, disk: "UpToDate" }], peers: [peer(0, null), peer(1, 42.5)] },
        { host: "lab2", up: false, role: null, disks: [], peers: [] },
      ],
      sync: null,
      alerts: [],
    };
    expect(drbdRows(r).map((x) => [x.host, x.role, x.volume, x.minor, x.disk, x.peer, x.peerDisk, x.replication, x.syncPercent, x.syncSpeedKiBps, x.etaSeconds])).toEqual([
      ["lab1", "Primary", 0, 10, "UpToDate", "lab2", "UpToDate", "Established", null, null, null],
      ["lab1", "Primary", 1, 11, "UpToDate", "lab2", "Inconsistent", "SyncSource", 42.5, 2048, 30],
      ["lab2", null, null, null, null, null, null, null, null, null, null],
    ]);
  });
});
