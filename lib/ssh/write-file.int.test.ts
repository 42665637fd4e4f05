import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSshd, type TTestSshd } from "@/lib/testing/sshd";
import { SshPool } from "./pool";
import type { Runner } from "./runner";
import { createSshRunner } from "./ssh-runner";
import { readFileIfExists, TEMP_PATH, writeFileAtomic } from "./write-file";

// The write-file scripts run for real over SSH (the unit tests pin the calls; these pin what
// the shell scripts actually do). The sshd shares this machine's filesystem, so the test
// checks the results directly.

let sshd: TTestSshd;
let pool: SshPool;
let runner: Runner;
let dir: string;

beforeAll(async () => {
  sshd = await startSshd();
  pool = new SshPool();
  runner = createSshRunner(pool, sshd.target());
  dir = path.join(os.tmpdir(), `panel-write-file-${process.pid}`);
  mkdirSync(dir, { recursive: true });
});
afterAll(async () => {
  pool?.closeAll();
  await sshd?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const leftovers = () => readdirSync(dir).filter((f) => f.includes(".panel-"));

describe("writeFileAtomic over SSH", () => {
  it("creates a file (0644 by default), then leaves it alone when nothing changed", { timeout: 30_000 }, async () => {
    const file = path.join(dir, "new.conf");
    const content = "totem {\n  cluster_name: $(id) 'x'\n}\n";
    expect(await readFileIfExists(runner, file)).toBeNull();
    expect(await writeFileAtomic(runner, { path: file, content })).toEqual({ changed: true, previous: null });
    expect(readFileSync(file, "utf8")).toBe(content);
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(await writeFileAtomic(runner, { path: file, content })).toEqual({ changed: false, previous: content });
    expect(leftovers()).toEqual([]);
  });

  it("keeps an existing file's mode unless told otherwise, and applies a given mode", { timeout: 30_000 }, async () => {
    const file = path.join(dir, "secret.conf");
    writeFileSync(file, "old\n", { mode: 0o600 });
    expect(await writeFileAtomic(runner, { path: file, content: "new\n" })).toEqual({ changed: true, previous: "old\n" });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await writeFileAtomic(runner, { path: file, content: "new\n", mode: "0640" })).toEqual({ changed: true, previous: "new\n" });
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  it("runs the validator on the temp file and keeps the old file when it fails", { timeout: 30_000 }, async () => {
    const file = path.join(dir, "validated.conf");
    writeFileSync(file, "good\n");
    const validate = ["grep", "-q", "^good", TEMP_PATH];
    await expect(writeFileAtomic(runner, { path: file, content: "bad\n", validate })).rejects.toMatchObject({
      report: { code: "FILE_VALIDATION_FAILED" },
    });
    expect(readFileSync(file, "utf8")).toBe("good\n");
    expect(leftovers()).toEqual([]);
    expect(await writeFileAtomic(runner, { path: file, content: "good too\n", validate })).toEqual({ changed: true, previous: "good\n" });
    expect(readFileSync(file, "utf8")).toBe("good too\n");
  });

  it("handles paths with spaces and quotes", { timeout: 30_000 }, async () => {
    const file = path.join(dir, "it's a $(file).conf");
    expect(await writeFileAtomic(runner, { path: file, content: "x" })).toEqual({ changed: true, previous: null });
    expect(readFileSync(file, "utf8")).toBe("x");
    expect(await readFileIfExists(runner, file)).toBe("x");
  });

  it("reports a directory that does not exist", { timeout: 30_000 }, async () => {
    await expect(writeFileAtomic(runner, { path: path.join(dir, "missing", "x.conf"), content: "x" })).rejects.toMatchObject({
      report: { code: "FILE_WRITE_FAILED" },
    });
  });
});
