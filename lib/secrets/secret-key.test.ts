import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadSecretKey } from "./secret-key";

let dataDir: string;
beforeEach(() => {
  dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), "secret-key-test-")), "data");
});
afterEach(() => {
  rmSync(path.dirname(dataDir), { recursive: true, force: true });
});

describe("loadSecretKey", () => {
  it("uses PANEL_SECRET_KEY when set", () => {
    const key = randomBytes(32);
    expect(loadSecretKey({ env: { PANEL_SECRET_KEY: key.toString("base64") }, dataDir }).equals(key)).toBe(true);
  });

  it.each([
    ["too short", randomBytes(16).toString("base64"), "holds 16 bytes"],
    ["not base64", "not a key!", "holds no valid base64"],
    ["hex instead of base64", randomBytes(32).toString("hex"), "holds 48 bytes"],
  ])("explains a malformed PANEL_SECRET_KEY (%s)", (_label, value, detail) => {
    expect(() => loadSecretKey({ env: { PANEL_SECRET_KEY: value }, dataDir })).toThrow(
      new RegExp(`PANEL_SECRET_KEY must hold 32 random bytes in base64 .*openssl rand -base64 32.*${detail}`),
    );
  });

  it("creates <dataDir>/secret.key with mode 0600 on first use and reuses it", () => {
    const first = loadSecretKey({ env: {}, dataDir });
    const file = path.join(dataDir, "secret.key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, "utf8").trim(), "base64").equals(first)).toBe(true);
    expect(loadSecretKey({ env: {}, dataDir }).equals(first)).toBe(true);
  });

  it("refuses a key file other users can read", () => {
    loadSecretKey({ env: {}, dataDir });
    const file = path.join(dataDir, "secret.key");
    chmodSync(file, 0o640);
    expect(() => loadSecretKey({ env: {}, dataDir })).toThrow(/readable by other users \(mode 640\); run chmod 600/);
  });

  it("refuses a damaged key file instead of replacing it", () => {
    loadSecretKey({ env: {}, dataDir });
    const file = path.join(dataDir, "secret.key");
    writeFileSync(file, "garbage\n", { mode: 0o600 });
    expect(() => loadSecretKey({ env: {}, dataDir })).toThrow(/secret.key must hold 32 random bytes/);
  });

  it("says what to do when there is neither a variable nor a data directory", () => {
    expect(() => loadSecretKey({ env: {}, dataDir: null })).toThrow(/set PANEL_SECRET_KEY/);
  });
});
