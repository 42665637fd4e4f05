import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseProcDrbd } from "./parse-proc-drbd";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("parseProcDrbd", () => {
  it("reads 8.0's st: role field, tab-indented resync/act_log lines and skips Unconfigured minors", () => {
    const out = parseProcDrbd(
      [
        "version: 8.0.16 (api:86/proto:86)",
        "GIT-hash: d30881451c988619e243d6294a899139eed1183d build by x@y, 2009-08-21 10:00:00",
        " 0: cs:Connected st:Secondary/Primary ds:UpToDate/UpToDate C r---",
        "    ns:0 nr:12 dw:12 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0",
        "\tresync: used:0/61 hits:0 misses:0 starving:0 dirty:0 changed:0",
        "\tact_log: used:0/257 hits:0 misses:0 starving:0 dirty:0 changed:0",
        " 1: cs:Unconfigured",
        " 3: cs:Unconfigured",
      ].join("\n"),
    );
    expect(out.version).toBe("8.0.16");
    expect(out.resources).toHaveLength(1);
    const r = out.resources[0];
    expect(r?.name).toBeNull();
    expect(r?.role).toBe("Secondary");
    expect(r?.volumes).toEqual([{ volume: 0, minor: 0, disk: "UpToDate", quorum: null, sizeKiB: null }]);
    expect(r?.connections[0]).toMatchObject({ peer: null, state: "Connected", peerRole: "Primary", protocol: "C" });
    expect(r?.connections[0]?.volumes[0]).toMatchObject({ peerDisk: "UpToDate", replication: null, outOfSyncKiB: null });
  });

  it("accepts a missing version line (GIT-hash first)", () => {
    const out = parseProcDrbd(
      "GIT-hash: 5c9f89594553e32adb87d9638dce591782f947e3 build by x\n 4: cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown C r---\n",
    );
    expect(out.version).toBeNull();
    expect(out.resources[0]?.volumes[0]?.minor).toBe(4);
    expect(out.resources[0]?.connections[0]?.state).toBe("WFConnection");
  });

  it("reads a srcversion header, CRLF, a prompt line, a NUL after the flags and StandAlone without protocol", () => {
    const out = parseProcDrbd(fixture("proc-drbd-8.3-crlf-prompt-nul.txt"));
    expect(out.version).toBe("8.3.13");
    const c = out.resources[0]?.connections[0];
    expect(c?.state).toBe("StandAlone");
    expect(c?.protocol).toBeNull();
    expect(c?.peerRole).toBe("Unknown");
    expect(c?.volumes[0]).toMatchObject({ peerDisk: "DUnknown", outOfSyncKiB: 16, replication: null });
    expect(out.resources[0]?.suspended).toBe(false);
  });

  it("reads sync progress: padded percent, M unit with glued finish:, commas, want:, verified:, paused sync", () => {
    const out = parseProcDrbd(fixture("proc-drbd-8.4-sync-variants.txt"));
    expect(out.version).toBe("8.4.3");
    expect(out.resources.map((r) => r.volumes[0]?.minor)).toEqual([0, 1, 12]);

    const target = out.resources[0]?.connections[0];
    expect(target?.state).toBe("SyncTarget");
    expect(target?.volumes[0]).toEqual({
      volume: 0,
      peerDisk: "UpToDate",
      replication: "SyncTarget",
      syncPercent: 2.4,
      outOfSyncKiB: 14170752,
      syncSpeedKiBps: 1234567,
      etaSeconds: 4 * 60 + 8,
    });

    const verify = out.resources[1];
    expect(verify?.suspended).toBe(true);
    expect(verify?.connections[0]?.protocol).toBe("B");
    expect(verify?.connections[0]?.volumes[0]).toMatchObject({
      replication: "VerifyS",
      syncPercent: 21.7,
      syncSpeedKiBps: 812,
      etaSeconds: 3723,
      outOfSyncKiB: 0,
    });

    const paused = out.resources[2]?.connections[0];
    expect(paused?.protocol).toBe("A");
    expect(paused?.volumes[0]).toMatchObject({ replication: "PausedSyncS", syncPercent: null, outOfSyncKiB: 2048 });
  });

  it("returns DRBD 9's version with no resources", () => {
    expect(parseProcDrbd(fixture("proc-drbd-9-version-only.txt"))).toEqual({ version: "9.2.8", resources: [] });
  });

  it("keeps a blank line after the header and between minors", () => {
    const out = parseProcDrbd(
      "version: 8.4.6 (api:1/proto:86-101)\n\n 1: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n\n 2: cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate C r-----\n",
    );
    expect(out.resources.map((r) => [r.volumes[0]?.minor, r.role])).toEqual([
      [1, "Primary"],
      [2, "Secondary"],
    ]);
  });

  it("throws ParseError on empty input, garbage and a truncated minor line", () => {
    expect(() => parseProcDrbd("")).toThrow(ParseError);
    expect(() => parseProcDrbd("hello world\nthis is not drbd\n")).toThrow(ParseError);
    const truncated = () => parseProcDrbd("version: 8.4.2 (api:1/proto:86-101)\n 0: cs:Connected ro:Prim");
    expect(truncated).toThrow(ParseError);
    try {
      truncated();
    } catch (e) {
      expect((e as ParseError).line).toBe(2);
    }
    expect(() => parseProcDrbd(" 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpTo")).toThrow(/disk state/);
  });

  it("parses 1000 generated minors", () => {
    const lines = ["version: 8.4.11-1 (api:1/proto:86-101)"];
    for (let i = 0; i < 1000; i++) {
      lines.push(`${String(i).padStart(2)}: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----`);
      lines.push(`    ns:${i} nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:${i}`);
    }
    const out = parseProcDrbd(lines.join("\n"));
    expect(out.resources).toHaveLength(1000);
    expect(out.resources[999]?.volumes[0]?.minor).toBe(999);
    expect(out.resources[999]?.connections[0]?.volumes[0]?.outOfSyncKiB).toBe(999);
  });
});
