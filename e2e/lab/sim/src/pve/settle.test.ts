import { describe, expect, it } from "vitest";
import { nextSync } from "./settle";

const fresh = { lastSync: null, lastTry: null, duration: null, failCount: 0, error: null, forcedError: null, syncingUntil: null };

describe("nextSync", () => {
  it("runs a new job at the first event after it was created, never before", () => {
    const created = new Date(2026, 10, 21, 16, 45, 30).getTime();
    expect(nextSync(fresh, "*/15", created)).toBe(new Date(2026, 10, 21, 17, 0, 0).getTime());
  });
  it("counts from the last sync once there is one", () => {
    const last = new Date(2026, 10, 21, 17, 0, 0).getTime();
    expect(nextSync({ ...fresh, lastSync: last }, "*/15", 0)).toBe(new Date(2026, 10, 21, 17, 15, 0).getTime());
  });
});
