import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseDrbdEvents2 } from "./parse-drbd-events2";

describe("parseDrbdEvents2", () => {
  it("replays a stream that starts with 'exists -' through create, change and destroy", () => {
    const out = parseDrbdEvents2(
      [
        "exists -",
        "create resource name:r0 role:Secondary suspended:no",
        "create device name:r0 volume:0 minor:10 disk:Inconsistent",
        "create device name:r0 volume:1 minor:11 disk:UpToDate",
        "create connection name:r0 peer-node-id:2 conn-name:pve3 connection:Connecting role:Unknown",
        "create connection name:r0 peer-node-id:1 conn-name:pve2 connection:StandAlone role:Unknown",
        "create peer-device name:r0 peer-node-id:1 conn-name:pve2 volume:0 replication:Off peer-disk:DUnknown",
        "create path name:r0 peer-node-id:1 conn-name:pve2 local:ipv4:10.0.0.1:7789 peer:ipv4:10.0.0.2:7789 established:no",
        "change connection name:r0 peer-node-id:1 conn-name:pve2 connection:Connected role:Primary",
        "change peer-device name:r0 peer-node-id:1 conn-name:pve2 volume:0 replication:SyncTarget peer-disk:UpToDate done:12.00",
        "destroy device name:r0 volume:1 minor:11",
        "destroy connection name:r0 peer-node-id:2 conn-name:pve3",
        "create resource name:tmp role:Secondary",
        "destroy resource name:tmp",
      ].join("\n"),
    );
    expect(out.resources.map((r) => r.name)).toEqual(["r0"]);
    const r = out.resources[0];
    expect(r?.volumes).toEqual([{ volume: 0, minor: 10, disk: "Inconsistent", quorum: null, sizeKiB: null }]);
    expect(r?.connections).toHaveLength(1);
    expect(r?.connections[0]).toMatchObject({ peer: "pve2", peerNodeId: 1, state: "Connected", peerRole: "Primary" });
    expect(r?.connections[0]?.volumes[0]).toMatchObject({ replication: "SyncTarget", peerDisk: "UpToDate", syncPercent: 12 });
  });

  it("takes the new side of --diff values and strips --timestamp prefixes", () => {
    const out = parseDrbdEvents2(
      [
        "2024-05-01T10:00:00.123456+02:00 exists resource name:r0 role:UNKNOWN->Secondary suspended:UNKNOWN->no",
        "2024-05-01T10:00:00.123456+02:00 exists device name:r0 volume:0 minor:0 disk:UNKNOWN->UpToDate quorum:UNKNOWN->yes",
        "2024-05-01T10:00:00.123456+02:00 exists -",
        "2024-05-01T10:00:05.000001+02:00 change resource name:r0 role:Secondary->Primary",
      ].join("\n"),
    );
    expect(out.resources[0]).toMatchObject({ role: "Primary", suspended: false, quorum: true });
    expect(out.resources[0]?.volumes[0]?.disk).toBe("UpToDate");
  });

  it("reads --statistics sync figures and clears them when the resync ends", () => {
    const during = [
      "exists peer-device name:r0 peer-node-id:1 conn-name:b volume:0 replication:SyncSource peer-disk:Inconsistent done:37.50",
      "    received:0 sent:100 out-of-sync:2048 pending:0 unacked:0 dbdt1:2.50 eta:10",
    ];
    const syncing = parseDrbdEvents2(during.join("\n")).resources[0]?.connections[0]?.volumes[0];
    expect(syncing).toEqual({
      volume: 0,
      peerDisk: "Inconsistent",
      replication: "SyncSource",
      syncPercent: 37.5,
      outOfSyncKiB: 2048,
      syncSpeedKiBps: 2560,
      etaSeconds: 10,
    });
    const after = parseDrbdEvents2(
      [
        ...during,
        "change peer-device name:r0 peer-node-id:1 conn-name:b volume:0 replication:Established peer-disk:UpToDate received:0 sent:4196",
      ].join("\n"),
    ).resources[0]?.connections[0]?.volumes[0];
    expect(after).toMatchObject({ replication: "Established", syncPercent: null, etaSeconds: null, outOfSyncKiB: 0 });
  });

  it("ignores helper calls and a literal '...' excerpt marker", () => {
    const out = parseDrbdEvents2(
      "...\ncall helper name:r0 peer-node-id:1 conn-name:b volume:0 helper:before-resync-target\nchange connection name:r0 peer-node-id:1 conn-name:b connection:Connecting\n",
    );
    expect(out.resources[0]?.connections[0]?.state).toBe("Connecting");
    expect(out.resources[0]?.role).toBe("Unknown");
  });

  it("throws ParseError on empty input, garbage and truncated records", () => {
    expect(() => parseDrbdEvents2("")).toThrow(ParseError);
    expect(() => parseDrbdEvents2("r0 role:Primary\n  disk:UpToDate\n")).toThrow(ParseError);
    expect(() => parseDrbdEvents2("exists resource name:r0 role:Secondary\nexists device name:r0 vol")).toThrow(ParseError);
    expect(() => parseDrbdEvents2("change device role:Primary")).toThrow(/without name/);
  });

  it("parses a 100,000-line stream", () => {
    const lines = ["exists -"];
    for (let i = 0; i < 100_000; i++) {
      const n = i % 50;
      lines.push(
        i % 2 === 0
          ? `change resource name:r${n} role:${i % 4 === 0 ? "Primary" : "Secondary"}`
          : `change peer-device name:r${n} peer-node-id:1 conn-name:b volume:0 replication:SyncSource peer-disk:Inconsistent done:${(i % 100).toFixed(2)}`,
      );
    }
    const out = parseDrbdEvents2(lines.join("\n"));
    expect(out.resources).toHaveLength(50);
    expect(out.resources[49]?.connections[0]?.volumes[0]?.syncPercent).toBe(99);
    // r0's last record is i = 99950, and 99950 % 4 === 2.
    expect(out.resources[0]?.role).toBe("Secondary");
  });
});
