import { describe, expect, it } from "vitest";
import { dataAge, formatAgeMs } from "./age";

describe("dataAge", () => {
  const snap = { takenAt: "2026-11-21T12:00:00.000Z", intervalMs: 5000 };
  const t = (ms: number) => Date.parse(snap.takenAt) + ms;
  it("is fresh up to three intervals, stale after", () => {
    expect(dataAge(snap, t(2000))).toEqual({ ageMs: 2000, stale: false });
    expect(dataAge(snap, t(15000))).toEqual({ ageMs: 15000, stale: false });
    expect(dataAge(snap, t(15001))).toEqual({ ageMs: 15001, stale: true });
  });
  it("never goes negative when the browser clock is behind the server's", () => {
    expect(dataAge(snap, t(-3000))).toEqual({ ageMs: 0, stale: false });
  });
});

describe("formatAgeMs", () => {
  it("says seconds, minutes or hours", () => {
    expect([formatAgeMs(400), formatAgeMs(59_000), formatAgeMs(61_000), formatAgeMs(7_300_000)]).toEqual(["0s ago", "59s ago", "1m ago", "2h ago"]);
  });
});
