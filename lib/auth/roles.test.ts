import { describe, expect, it } from "vitest";
import { hasRole } from "./roles";

describe("hasRole", () => {
  it.each([
    ["admin", "admin", true],
    ["admin", "viewer", true],
    ["operator", "operator", true],
    ["operator", "admin", false],
    ["viewer", "operator", false],
    ["viewer", "viewer", true],
    ["superuser", "viewer", false],
    ["", "viewer", false],
  ] as const)("%s has %s: %s", (actual, required, expected) => {
    expect(hasRole(actual, required)).toBe(expected);
  });
});
