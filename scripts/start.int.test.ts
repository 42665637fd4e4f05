import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const dirs: string[] = [];
function dataDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), "panel-start-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function start(env: Record<string, string>, args: string[] = ["--prepare-only"]) {
  const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/start.ts", ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", PORT: "39871", ...env } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.split("\n").filter((l) => l && !l.startsWith("npm warn")) };
}

const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("npm start preflight", () => {
  it("creates and migrates the database on first start, with a one-time setup link", () => {
    const dir = dataDir();
    const r = start({ PANEL_DATA_DIR: dir });
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, "panel.db"))).toBe(true);
    const link = /http:\/\/localhost:39871\/setup\?token=([A-Za-z0-9_-]{40,})/;
    const first = r.stdout.match(link)?.[1];
    expect(first).toBeTruthy();
    const again = start({ PANEL_DATA_DIR: dir });
    expect(again.code).toBe(0);
    const second = again.stdout.match(link)?.[1];
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    const withAdmin = start({ PANEL_DATA_DIR: dir, PANEL_ADMIN_PASSWORD: "a long admin password" });
    expect(withAdmin.stdout).toMatch(/created admin user "admin"/);
    const later = start({ PANEL_DATA_DIR: dir });
    expect(later.stdout).not.toMatch(/setup\?token/);
  });

  it("refuses a bad variable in one line and creates nothing", () => {
    const dir = path.join(dataDir(), "never-created");
    const r = start({ PANEL_DATA_DIR: dir, PANEL_SESSION_HOURS: "forever" });
    expect(r.code).toBe(1);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(/^panel: bad environment: PANEL_SESSION_HOURS .*"forever"/);
    expect(existsSync(dir)).toBe(false);
  });

  it("refuses a corrupt database file and leaves it untouched", () => {
    const dir = dataDir();
    const file = path.join(dir, "panel.db");
    writeFileSync(file, "this is not a database, it was overwritten by accident\n".repeat(100));
    const before = sha(file);
    const r = start({ PANEL_DATA_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(/^panel: the database .*panel\.db is not an SQLite file .*restore .* from a backup/);
    expect(sha(file)).toBe(before);
  });

  it("refuses a truncated SQLite file", () => {
    const dir = dataDir();
    expect(start({ PANEL_DATA_DIR: dir }).code).toBe(0);
    const file = path.join(dir, "panel.db");
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const before = sha(file);
    const r = start({ PANEL_DATA_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.stderr[0]).toMatch(/^panel: the database .* (is corrupt|cannot be read)/);
    expect(sha(file)).toBe(before);
  });

  it("says so when the port is taken", async () => {
    const dir = dataDir();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(39872, "0.0.0.0", resolve));
    try {
      const r = start({ PANEL_DATA_DIR: dir, PORT: "39872" });
      expect(r.code).toBe(1);
      expect(r.stderr).toEqual([expect.stringMatching(/^panel: port 39872 on 0\.0\.0\.0 is in use .*PORT=/)]);
      expect(existsSync(path.join(dir, "panel.db"))).toBe(false);
    } finally {
      blocker.close();
    }
  });
});
