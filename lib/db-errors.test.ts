import { afterEach, describe, expect, it, vi } from "vitest";
import { diskFullReport, isDiskFull, logWriteFailure } from "./db-errors";

describe("disk-full detection", () => {
  afterEach(() => vi.restoreAllMocks());

  it("recognises SQLite's and the kernel's words for a full disk, and nothing else", () => {
    expect(isDiskFull(Object.assign(new Error("Invalid `db.jobLog.createMany()` invocation: database or disk is full"), { code: "SQLITE_FULL" }))).toBe(true);
    expect(isDiskFull(Object.assign(new Error("write failed"), { code: "ENOSPC" }))).toBe(true);
    expect(isDiskFull(new Error("SqliteError: database or disk is full"))).toBe(true);
    expect(isDiskFull(Object.assign(new Error("UNIQUE constraint failed"), { code: "P2002" }))).toBe(false);
    expect(isDiskFull("database or disk is full")).toBe(false);
    expect(isDiskFull(null)).toBe(false);
  });

  it("reports it in words with what was lost and what to do", () => {
    const r = diskFullReport("the job log of job j1");
    expect(r).toMatchObject({ code: "PANEL_DISK_FULL", severity: "error", params: { what: "the job log of job j1" } });
    expect(r.message).toMatch(/^The panel's data disk is full, so the job log of job j1 could not be saved\. Free space .*PANEL_DATA_DIR/);
  });

  it("logs one line for a full disk and the error object otherwise", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    logWriteFailure("job worker w1", "the job's state", Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" }));
    const other = new Error("boom");
    logWriteFailure("job worker w1", "the job's state", other);
    expect(spy.mock.calls).toEqual([[expect.stringMatching(/^job worker w1: The panel's data disk is full, so the job's state could not be saved\./)], ["job worker w1:", other]]);
  });
});
