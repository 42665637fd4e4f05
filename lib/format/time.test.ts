import { describe, expect, it } from "vitest";
import { formatAge, formatTimestamp } from "./time";

describe("formatTimestamp", () => {
  it("prints UTC to the second", () => {
    expect(formatTimestamp(new Date("2026-11-21T14:03:05.987Z"))).toBe("2026-11-21 14:03:05 UTC");
  });
  it("prints a dash for no date", () => {
    expect(formatTimestamp(null)).toBe("—");
  });
});

describe("formatAge", () => {
  const now = new Date("2026-11-21T12:00:00Z");
  it.each([
    ["2026-11-21T11:59:55Z", "5s ago"],
    ["2026-11-21T11:58:00Z", "2m ago"],
    ["2026-11-21T09:00:00Z", "3h ago"],
    ["2026-11-19T12:00:00Z", "2d ago"],
    ["2026-11-21T12:00:05Z", "0s ago"],
  ])("%s → %s", (from, want) => {
    expect(formatAge(new Date(from), now)).toBe(want);
  });
});
