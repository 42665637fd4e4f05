import { describe, expect, it } from "vitest";
import { backoffDelayMs } from "./backoff";

describe("backoffDelayMs", () => {
  const opts = { baseMs: 200, maxMs: 1000 };

  it("doubles per attempt, half fixed and half jitter", () => {
    expect([1, 2, 3].map((a) => backoffDelayMs(a, opts, () => 0))).toEqual([100, 200, 400]);
    expect([1, 2, 3].map((a) => backoffDelayMs(a, opts, () => 1))).toEqual([200, 400, 800]);
  });

  it("stays under the cap", () => {
    expect(backoffDelayMs(10, opts, () => 1)).toBe(1000);
    expect(backoffDelayMs(10, opts, () => 0)).toBe(500);
  });
});
