import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { eventsOf, parseDrbdKernelLog } from "./kernel-log";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("parseDrbdKernelLog", () => {
  it("reads the lab's kernel log (DRBD 9 wording) into typed events", () => {
    const events = parseDrbdKernelLog(fixture("lab-kern-split-brain.log"));
    expect(events.map((e) => [e.kind, e.resource, e.volume, e.minor, e.peer, e.to])).toEqual([
      ["connection", "zzx", null, null, "lab1", "Connected"],
      ["resync-started", "zzx", 0, 60, "lab1", null],
      ["resync-done", "zzx", 0, 60, "lab1", null],
      ["connection", "zzx", null, null, "lab1", "NetworkFailure"],
      ["split-brain-unresolved", "zzx", 0, 60, "lab1", null],
    ]);
    expect(events[4]?.time).toBe("2026-11-21T20:15:17.023Z");
    expect(events[1]?.text).toBe("Began resync as SyncTarget (will sync 1048576 KB [262144 bits set]).");
  });

  it("reads journalctl -o short-iso, DRBD 8.4 'block drbdN' and dmesg lines, and drops other kernel lines", () => {
    const text = [
      "2024-03-01T10:00:01+0100 pve1 kernel: block drbd0: Split-Brain detected but unresolved, dropping connection!",
      "2024-03-01T10:00:02+0100 pve1 kernel: e1000e: eth0 NIC Link is Up",
      "[ 1234.5678] drbd r0: role( Secondary -> Primary )",
      "2024-03-01T10:00:03+0100 pve1 kernel: d-con r0: conn( WFConnection -> WFReportParams )",
    ].join("\n");
    expect(parseDrbdKernelLog(text).map((e) => [e.time, e.kind, e.resource, e.minor, e.to])).toEqual([
      ["2024-03-01T10:00:01+0100", "split-brain-unresolved", null, 0, null],
      [null, "role", "r0", null, "Primary"],
      ["2024-03-01T10:00:03+0100", "connection", "r0", null, "WFReportParams"],
    ]);
  });

  it("selects one resource's events, by name or (8.4) by minor", () => {
    const events = parseDrbdKernelLog("x kernel: drbd r1: conn( A -> B )\nx kernel: block drbd7: Resync done (total 1 sec)\nx kernel: drbd r0: conn( A -> C )");
    expect(eventsOf(events, "r1", [7]).map((e) => e.text)).toEqual(["conn( A -> B )", "Resync done (total 1 sec)"]);
  });

  it("returns no events for empty or binary input", () => {
    expect(parseDrbdKernelLog("")).toEqual([]);
    expect(parseDrbdKernelLog("\u0000\u0001garbage kernel: \n".repeat(1000))).toEqual([]);
  });
});
