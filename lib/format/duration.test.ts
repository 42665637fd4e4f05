import { describe, expect, it } from "vitest";
import { formatDuration } from "./duration";

describe("formatDuration", () => {
  it("reads like an admin says it", () => {
    expect(formatDuration(0)).toBe("0s");
    expect(formatDuration(44_600)).toBe("45s");
    expect(formatDuration(61_000)).toBe("1m 1s");
    expect(formatDuration(3 * 3600_000 + 12 * 60_000)).toBe("3h 12m");
    expect(formatDuration(50 * 3600_000)).toBe("2d 2h");
    expect(formatDuration(-5)).toBe("0s");
  });
});
