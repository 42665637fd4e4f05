import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseQmMigrateLog } from "./parse-qm-migrate-log";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("parseQmMigrateLog", () => {
  it("reads a PVE 8 online migration with replication and untimestamped drive-mirror lines", () => {
    const log = parseQmMigrateLog(fixture("qm-migrate-pve8-online-replicated.log"));
    expect(log).toMatchObject({
      vmid: 100,
      source: null,
      target: "pve2",
      targetAddress: "10.10.10.2",
      guestType: "qemu",
      online: true,
      ok: true,
      finished: true,
      taskStatus: "OK",
      durationSeconds: 15,
      downtimeMs: 54,
      speed: "512.0 MiB/s",
      errors: [],
      restart: false,
      startedAt: "2025-11-14 21:47:40",
      endedAt: "2025-11-14 21:47:55",
      lines: 42,
    });
    // "1.5 GiB of 2.0 GiB" from the last progress line
    expect(log.progress).toEqual({ transferred: 1610612736, remaining: null, total: 2147483648 });
  });

  it("reads a failed online migration: errors in order, ok false, duration of the problem run", () => {
    const log = parseQmMigrateLog(fixture("qm-migrate-pve7-online-failed.log"));
    expect(log).toMatchObject({ vmid: 200, target: "pve3", online: true, ok: false, finished: true, taskStatus: "ERROR", durationSeconds: 8, downtimeMs: null });
    expect(log.errors).toEqual([
      "online migrate failure - aborting",
      "migration finished with problems (duration 00:00:08)",
      "migration problems",
    ]);
    expect(log.progress).toEqual({ transferred: 103179878, remaining: null, total: 4294967296 });
  });

  it("reads a migration aborted before it started (no VM line)", () => {
    const log = parseQmMigrateLog(fixture("qm-migrate-pve8-aborted-local-device.log"));
    expect(log).toMatchObject({ vmid: null, target: null, online: false, ok: false, durationSeconds: 0, taskStatus: "ERROR" });
    expect(log.errors).toEqual([
      "migration aborted (duration 00:00:00): can't migrate VM which uses local devices: usb0",
      "migration aborted",
    ]);
  });

  it("reads a pct restart-mode migration", () => {
    const log = parseQmMigrateLog(fixture("pct-migrate-pve8-restart.log"));
    expect(log).toMatchObject({ vmid: 105, guestType: "lxc", target: "pve3", restart: true, online: false, ok: true, durationSeconds: 18 });
  });

  it("reads an HA migration request, the task title's source and the UPID", () => {
    const log = parseQmMigrateLog("Task viewer: VM 100 - Migrate (pve1 ---> pve2)\nrequesting HA migration for VM 100 to node pve2\nTASK OK\n");
    expect(log).toMatchObject({ vmid: 100, source: "pve1", target: "pve2", ha: true, ok: true, online: false });
    const upid = parseQmMigrateLog("UPID:pve3:0000A1B2:0C3D4E5F:65A0B1C2:qmigrate:101:root@pam:\n2024-01-01 10:00:00 starting migration of VM 101 to node 'pve1' (10.0.0.1)\n");
    expect(upid).toMatchObject({ source: "pve3", vmid: 101, target: "pve1" });
  });

  it("reads a log still running (no final line) as not finished and not ok", () => {
    const text = fixture("qm-migrate-pve8-online-replicated.log").split("\n").slice(0, 31).join("\n");
    const log = parseQmMigrateLog(text);
    expect(log).toMatchObject({ finished: false, ok: false, taskStatus: null, online: true, durationSeconds: null });
    expect(log.progress?.transferred).toBe(Math.round(110.9 * 1024 ** 2));
  });

  it("counts TASK WARNINGS as ok and keeps WARN lines", () => {
    const log = parseQmMigrateLog("2024-01-01 10:00:00 starting migration of VM 1 to node 'b' (10.0.0.2)\n2024-01-01 10:00:01 WARN: fstrim failed\n2024-01-01 10:00:09 migration finished successfully (duration 00:01:09)\nTASK WARNINGS: 1\n");
    expect(log).toMatchObject({ ok: true, taskStatus: "WARNINGS", durationSeconds: 69, warnings: ["fstrim failed"] });
  });

  it("throws ParseError on empty input and on text that is no task log", () => {
    expect(() => parseQmMigrateLog("")).toThrow(ParseError);
    expect(() => parseQmMigrateLog("\n\n")).toThrow(ParseError);
    expect(() => parseQmMigrateLog("lorem ipsum\ndolor sit amet\n")).toThrow(ParseError);
  });

  it("reads a log with 5000 progress lines", () => {
    const lines = ["2025-01-01 00:00:00 starting migration of VM 7 to node 'pve2' (10.0.0.2)"];
    for (let i = 1; i <= 5000; i++) lines.push(`2025-01-01 00:00:01 migration active, transferred ${i} MiB of 8.0 GiB VM-state, 100.0 MiB/s`);
    lines.push("TASK OK");
    const log = parseQmMigrateLog(lines.join("\n"));
    expect(log.progress).toEqual({ transferred: 5000 * 1024 ** 2, remaining: null, total: 8 * 1024 ** 3 });
    expect(log.lines).toBe(5002);
  });
});
