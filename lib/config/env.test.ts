import { describe, expect, it } from "vitest";
import { EnvError, readEnv } from "./env";

describe("readEnv", () => {
  it("applies the documented defaults", () => {
    const env = readEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.PANEL_ADMIN_USER).toBe("admin");
    expect(env.PANEL_SESSION_HOURS).toBe(12);
    expect(env.dataDir.endsWith("/data")).toBe(true);
    expect(env.databaseUrl).toBe(`file:${env.dataDir}/panel.db`);
  });

  it("lets DATABASE_URL win over the data dir", () => {
    const env = readEnv({ PANEL_DATA_DIR: "/srv/panel", DATABASE_URL: "file:/x/y.db" });
    expect(env.databaseUrl).toBe("file:/x/y.db");
    expect(env.dataDir).toBe("/srv/panel");
  });

  it.each([
    [{ PORT: "http" }, /^PORT .*"http"/],
    [{ PORT: "70000" }, /^PORT /],
    [{ PANEL_ADMIN_PASSWORD: "short" }, /^PANEL_ADMIN_PASSWORD must be at least 12 characters/],
    [{ DATABASE_URL: "mysql://x" }, /^DATABASE_URL must start with file:/],
    [{ PANEL_COOKIE_SECURE: "maybe" }, /^PANEL_COOKIE_SECURE /],
    [{ PANEL_ADMIN_USER: "Root; rm" }, /^PANEL_ADMIN_USER must be 2-32 characters/],
  ])("names the bad variable in one line: %j", (vars, message) => {
    expect(() => readEnv(vars)).toThrow(EnvError);
    try {
      readEnv(vars);
    } catch (e) {
      expect((e as Error).message).toMatch(message);
      expect((e as Error).message).not.toContain("\n");
    }
  });
});
