import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseDrbdStatusJson } from "./parse-drbd-status-json";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("parseDrbdStatusJson", () => {
  it("reads a resync with sync details, bare nan values and '} ]' closers", () => {
    const out = parseDrbdStatusJson(fixture("drbdsetup-status-json-resync-nan.json"));
    const r = out.resources[0];
    expect(r).toMatchObject({ name: "vm-101-disk-0", nodeId: 0, role: "Primary", suspended: false, quorum: true });
    expect(r?.volumes).toEqual([{ volume: 0, minor: 1001, disk: "UpToDate", quorum: true, sizeKiB: 33554432 }]);
    const [pve2, pve3] = r?.connections ?? [];
    expect(pve2).toMatchObject({ peer: "pve2", peerNodeId: 1, state: "Connected", peerRole: "Secondary" });
    expect(pve2?.volumes[0]).toEqual({
      volume: 0,
      peerDisk: "Inconsistent",
      replication: "SyncSource",
      syncPercent: 25,
      outOfSyncKiB: 25165824,
      syncSpeedKiBps: 51200,
      etaSeconds: 480,
    });
    expect(pve3).toMatchObject({ peer: "pve3", state: "Connecting", peerRole: "Unknown" });
    expect(pve3?.volumes[0]).toMatchObject({ replication: "Off", peerDisk: "DUnknown", syncSpeedKiBps: null, etaSeconds: null });
  });

  it("accepts a hyphenated peer-devices key and drbdsetup's 'no estimate' marker", () => {
    const out = parseDrbdStatusJson(
      JSON.stringify([
        {
          name: "r0",
          role: "Secondary",
          devices: [{ volume: 0, minor: 0, "disk-state": "Inconsistent" }],
          connections: [
            {
              "peer-node-id": 3,
              name: "b",
              "connection-state": "Connected",
              "peer-role": "Primary",
              "peer-devices": [
                { volume: 0, "replication-state": "SyncTarget", "peer-disk-state": "UpToDate", "estimated-seconds-to-finish": 987654321 },
              ],
            },
          ],
        },
      ]),
    );
    expect(out.resources[0]?.connections[0]?.volumes[0]).toMatchObject({ replication: "SyncTarget", etaSeconds: null });
    expect(out.resources[0]?.quorum).toBeNull();
  });

  it("reads an empty resource list", () => {
    expect(parseDrbdStatusJson("[\n]\n")).toEqual({ version: null, resources: [] });
  });

  it("throws ParseError on empty input, garbage, truncated JSON and the wrong shape", () => {
    expect(() => parseDrbdStatusJson("")).toThrow(ParseError);
    expect(() => parseDrbdStatusJson("r0 role:Primary")).toThrow(ParseError);
    expect(() => parseDrbdStatusJson(fixture("drbdsetup-status-json-resync-nan.json").slice(0, 400))).toThrow(ParseError);
    expect(() => parseDrbdStatusJson('{"health": "ok"}')).toThrow(ParseError);
  });

  it("parses 1000 generated resources", () => {
    const list = Array.from({ length: 1000 }, (_, i) => ({
      name: `r${i}`,
      "node-id": 0,
      role: "Primary",
      devices: [{ volume: 0, minor: i, "disk-state": "UpToDate", quorum: true }],
      connections: [{ "peer-node-id": 1, name: "b", "connection-state": "Connected", "peer-role": "Secondary", peer_devices: [] }],
    }));
    const out = parseDrbdStatusJson(JSON.stringify(list));
    expect(out.resources).toHaveLength(1000);
    expect(out.resources[999]?.volumes[0]?.minor).toBe(999);
  });
});
