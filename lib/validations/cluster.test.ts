import { describe, expect, it } from "vitest";
import { ZClusterName } from "./cluster";

describe("ZClusterName", () => {
  it.each(["prod", "pve-a", "C1", "abcdefghijklmno"])("accepts %s", (name) => {
    expect(ZClusterName.parse(name)).toBe(name);
  });
  it.each(["", "1prod", "-x", "has space", "a;reboot", "$(id)", "x\nmore", "abcdefghijklmnop", "clüster", "a`b`"])(
    "refuses %j",
    (name) => {
      expect(ZClusterName.safeParse(name).success).toBe(false);
    },
  );
});
