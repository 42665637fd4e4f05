import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parsePvesrStatus } from "./parse-pvesr-status";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("parsePvesrStatus", () => {
  it("reads pending, disabled, never-synced jobs and a full error text with spaces", () => {
    const { jobs } = parsePvesrStatus(fixture("pvesr-status-pve8-pending-error.txt"));
    expect(jobs.map((j) => [j.id, j.enabled, j.target, j.lastSync, j.nextSync, j.duration, j.failCount])).toEqual([
      ["100-0", true, "pve2", "2025-12-27_21:12:16", "pending", 2.104331, 0],
      ["101-0", false, "pve2", "2025-12-26_08:00:05", "2025-12-27_21:30:00", 4.51, 0],
      ["102-0", true, "pve3", "2025-12-27_20:45:00", "2025-12-27_21:20:00", null, 3],
      ["103-1", true, "pve-backup-node-long-name", null, "pending", null, 0],
    ]);
    expect(jobs[0]?.pending).toBe(true);
    expect(jobs[2]?.state).toBe(
      "command 'set -o pipefail && pvesm export local-zfs:vm-102-disk-0 zfs - -with-snapshots 1 -snapshot __replicate_102-0_1766868300__ | /usr/bin/ssh -e none -o 'BatchMode=yes' -o 'HostKeyAlias=pve3' root@10.0.0.3 -- pvesm import local-zfs:vm-102-disk-0 zfs - -with-snapshots 1 -allow-rename 0' failed: exit code 255",
    );
    expect(jobs[2]?.ok).toBe(false);
    expect(jobs[3]).toMatchObject({ targetRaw: "local/pve-backup-node-long-name", ok: true, guest: 103, jobnum: 1 });
  });

  it("reads the PVE 5/6 layout without an Enabled column", () => {
    const { jobs } = parsePvesrStatus(fixture("pvesr-status-pve5-no-enabled-column.txt"));
    expect(jobs).toHaveLength(2);
    expect(jobs[0]).toMatchObject({ id: "100-0", enabled: null, target: "pve2", duration: 1.733164, state: "OK" });
    expect(jobs[1]).toMatchObject({ id: "105-0", lastSync: null, nextSync: "pending", failCount: 1, state: "no tunnel IP received" });
  });

  it("joins an error text that continues on the next line", () => {
    const { jobs } = parsePvesrStatus(
      "100-0      Yes        local/pve2            2025-12-27_21:12:16  2025-12-27_21:15:00          -          1 import failed\ncannot receive: dataset busy\n101-0      Yes        local/pve2                              -              pending          -          0 OK\n",
    );
    expect(jobs.map((j) => j.state)).toEqual(["import failed\ncannot receive: dataset busy", "OK"]);
  });

  it("reads a duration Perl printed in exponent form", () => {
    const { jobs } = parsePvesrStatus("100-0      Yes        local/pve2            2025-12-27_21:12:16  2025-12-27_21:15:00      5e-05          0 OK\n");
    expect(jobs[0]?.duration).toBe(0.00005);
  });

  it("reads a header with no jobs as an empty list", () => {
    expect(parsePvesrStatus("JobID      Enabled    Target                           LastSync             NextSync   Duration  FailCount State\n")).toEqual({ jobs: [] });
  });

  it("throws ParseError on empty input, garbage and a truncated row", () => {
    expect(() => parsePvesrStatus("")).toThrow(ParseError);
    expect(() => parsePvesrStatus("hello world\n")).toThrow(ParseError);
    const err = (() => {
      try {
        parsePvesrStatus("JobID Enabled Target LastSync NextSync Duration FailCount State\n100-0      Yes        local/pve2            2025-12-27_21:12:16");
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).line).toBe(2);
  });

  it("reads 1000 jobs", () => {
    const rows = ["JobID      Enabled    Target                           LastSync             NextSync   Duration  FailCount State"];
    for (let i = 0; i < 1000; i++) rows.push(`${100 + i}-0      Yes        local/pve2            2025-12-27_21:12:16  2025-12-27_21:15:00   1.5          0 OK`);
    const { jobs } = parsePvesrStatus(rows.join("\n"));
    expect(jobs).toHaveLength(1000);
    expect(jobs[999]).toMatchObject({ id: "1099-0", guest: 1099, ok: true });
  });
});
