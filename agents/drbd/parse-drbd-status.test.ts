import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseDrbdStatusText } from "./parse-drbd-status";

describe("parseDrbdStatusText", () => {
  it("reads multi-volume resources with volume:N disk and peer-disk lines", () => {
    const out = parseDrbdStatusText(
      [
        "r0 role:Primary",
        "  volume:0 disk:UpToDate",
        "  volume:1 disk:UpToDate",
        "  pve2 role:Secondary",
        "    volume:0 replication:SyncSource peer-disk:Inconsistent done:12.50",
        "    volume:1 peer-disk:UpToDate",
        "",
      ].join("\n"),
    );
    const r = out.resources[0];
    expect(out.version).toBeNull();
    expect(r?.name).toBe("r0");
    expect(r?.volumes.map((v) => [v.volume, v.disk])).toEqual([
      [0, "UpToDate"],
      [1, "UpToDate"],
    ]);
    expect(r?.connections[0]?.volumes).toEqual([
      expect.objectContaining({ volume: 0, peerDisk: "Inconsistent", replication: "SyncSource", syncPercent: 12.5 }),
      expect.objectContaining({ volume: 1, peerDisk: "UpToDate", replication: "Established", syncPercent: null }),
    ]);
  });

  it("reads connection-only peer lines (Connecting, StandAlone) as DUnknown peers with replication Off", () => {
    const out = parseDrbdStatusText(
      "r1 role:Secondary\n  disk:Outdated\n  pve2 connection:StandAlone\n  pve3 connection:Connecting\n",
    );
    const [standalone, connecting] = out.resources[0]?.connections ?? [];
    expect(standalone).toMatchObject({ peer: "pve2", state: "StandAlone", peerRole: "Unknown" });
    expect(standalone?.volumes).toEqual([expect.objectContaining({ volume: 0, peerDisk: "DUnknown", replication: "Off" })]);
    expect(connecting?.state).toBe("Connecting");
  });

  it("reads verbose statistics: node ids, minor, quorum, out-of-sync, dbdt1 and eta", () => {
    const out = parseDrbdStatusText(
      [
        "vm-100-disk-1 node-id:0 role:Primary suspended:no",
        "    write-ordering:flush",
        "  volume:0 minor:1000 disk:UpToDate quorum:no",
        "      size:10485760 read:1 written:2 al-writes:0 bm-writes:0 upper-pending:0 lower-pending:0 al-suspended:no blocked:no",
        "  pve2 node-id:1 connection:Connected role:Secondary congested:no ap-in-flight:0 rs-in-flight:0",
        "    volume:0 replication:SyncSource peer-disk:Inconsistent done:37.50 resync-suspended:no",
        "        received:0 sent:3932160 out-of-sync:6553600 pending:0 unacked:0 dbdt1:50.00 eta:128",
      ].join("\n"),
    );
    const r = out.resources[0];
    expect(r).toMatchObject({ nodeId: 0, role: "Primary", suspended: false, quorum: false });
    expect(r?.volumes[0]).toEqual({ volume: 0, minor: 1000, disk: "UpToDate", quorum: false, sizeKiB: 10485760 });
    expect(r?.connections[0]).toMatchObject({ peer: "pve2", peerNodeId: 1, state: "Connected", peerRole: "Secondary" });
    expect(r?.connections[0]?.volumes[0]).toEqual({
      volume: 0,
      peerDisk: "Inconsistent",
      replication: "SyncSource",
      syncPercent: 37.5,
      outOfSyncKiB: 6553600,
      syncSpeedKiBps: 51200,
      etaSeconds: 128,
    });
  });

  it("joins lines wrapped for readability (right-aligned continuation lines) and a nameless connection", () => {
    const out = parseDrbdStatusText(
      [
        "home node-id:1 role:Secondary suspended:user",
        "  volume:0 minor:0 disk:UpToDate",
        "      size:1048412 read:0 written:1048412 al-writes:0 bm-writes:48 upper-pending:0",
        "                                        lower-pending:0 al-suspended:no blocked:no",
        "  nina local:ipv4:10.9.9.111:7001 peer:ipv4:10.9.9.103:7010",
        "                                    node-id:0 connection:Connected role:Primary",
        "    volume:0 replication:Established disk:UpToDate resync-suspended:no",
        "  node-id:2 connection:Connecting",
      ].join("\n"),
    );
    const r = out.resources[0];
    expect(r?.suspended).toBe(true);
    expect(r?.volumes[0]?.sizeKiB).toBe(1048412);
    expect(r?.connections).toHaveLength(2);
    expect(r?.connections[0]).toMatchObject({ peer: "nina", peerNodeId: 0, peerRole: "Primary" });
    expect(r?.connections[0]?.volumes[0]?.peerDisk).toBe("UpToDate");
    expect(r?.connections[1]).toMatchObject({ peer: null, peerNodeId: 2, state: "Connecting" });
  });

  it("separates resources by blank or single-space lines and strips terminal colours", () => {
    const out = parseDrbdStatusText(
      "r0 role:\u001b[1mPrimary\u001b[0m\n  disk:\u001b[32mUpToDate\u001b[0m\n \nr1 role:Secondary\n  disk:Diskless client:yes\n  pve1 role:Primary\n    peer-disk:Diskless peer-client:yes\n",
    );
    expect(out.resources.map((r) => [r.name, r.role, r.volumes[0]?.disk])).toEqual([
      ["r0", "Primary", "UpToDate"],
      ["r1", "Secondary", "Diskless"],
    ]);
    expect(out.resources[1]?.connections[0]?.volumes[0]?.peerDisk).toBe("Diskless");
  });

  it("reads drbdadm's 'no DRBD' notice as zero resources", () => {
    expect(parseDrbdStatusText("# No currently configured DRBD found.\n")).toEqual({ version: null, resources: [] });
  });

  it("throws ParseError on empty input, garbage and truncated lines", () => {
    expect(() => parseDrbdStatusText("")).toThrow(ParseError);
    expect(() => parseDrbdStatusText("Error: something went wrong here\n")).toThrow(ParseError);
    expect(() => parseDrbdStatusText("foo:bar\n")).toThrow(ParseError);
    expect(() => parseDrbdStatusText("r0 role:Primary\n  disk:UpTo")).toThrow(/disk state/);
    expect(() => parseDrbdStatusText("r0 role:Prim")).toThrow(ParseError);
  });

  it("parses 1000 generated resources", () => {
    const text = Array.from(
      { length: 1000 },
      (_, i) => `res${i} role:Secondary\n  disk:UpToDate\n  peer role:Primary\n    peer-disk:UpToDate\n`,
    ).join("\n");
    const out = parseDrbdStatusText(text);
    expect(out.resources).toHaveLength(1000);
    expect(out.resources[999]?.name).toBe("res999");
    expect(out.resources[999]?.connections[0]?.peerRole).toBe("Primary");
  });
});
