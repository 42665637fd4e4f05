import { describe, expect, it } from "vitest";
import { DEFAULT_RETENTION, retentionCutoff } from "./retention";
import { healthSettingsFromEnv, hostTimeoutMs, leaseMs } from "./settings";

describe("health settings", () => {
  it("reads PANEL_HEALTH_INTERVAL_MS, defaulting to 5 s", () => {
    expect(healthSettingsFromEnv({})).toEqual({ intervalMs: 5000 });
    expect(healthSettingsFromEnv({ PANEL_HEALTH_INTERVAL_MS: "" })).toEqual({ intervalMs: 5000 });
    expect(healthSettingsFromEnv({ PANEL_HEALTH_INTERVAL_MS: "2000" })).toEqual({ intervalMs: 2000 });
  });

  it("refuses intervals that are not whole milliseconds in range", () => {
    for (const bad of ["fast", "10", "1.5", "-5000", "700000"]) {
      expect(() => healthSettingsFromEnv({ PANEL_HEALTH_INTERVAL_MS: bad }), bad).toThrow(/PANEL_HEALTH_INTERVAL_MS must be/);
    }
  });

  it("gives a host most of an interval, at most 4 s; a lease outlives three intervals", () => {
    expect(hostTimeoutMs(5000)).toBe(4000);
    expect(hostTimeoutMs(1000)).toBe(800);
    expect(hostTimeoutMs(500)).toBe(400);
    expect(leaseMs(5000)).toBe(15000);
    expect(leaseMs(500)).toBe(5000);
  });
});

describe("retentionCutoff", () => {
  const now = new Date("2026-11-21T12:00:00Z");
  it("is the age limit while fewer snapshots than the count limit exist", () => {
    expect(retentionCutoff(now, null, DEFAULT_RETENTION)).toEqual(new Date("2026-11-20T12:00:00Z"));
  });
  it("is the Nth newest snapshot when that is younger than the age limit", () => {
    const nth = new Date("2026-11-21T11:00:00Z");
    expect(retentionCutoff(now, nth, DEFAULT_RETENTION)).toEqual(nth);
  });
  it("stays the age limit when the Nth newest is older", () => {
    expect(retentionCutoff(now, new Date("2026-11-19T00:00:00Z"), DEFAULT_RETENTION)).toEqual(new Date("2026-11-20T12:00:00Z"));
  });
});
