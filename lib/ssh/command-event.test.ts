import { describe, expect, it } from "vitest";
import { boundText, stdinLength } from "./command-event";

describe("boundText", () => {
  it("keeps short text and cuts long text", () => {
    expect(boundText("abc", 5)).toEqual({ text: "abc", truncated: false });
    expect(boundText("abcdef", 3)).toEqual({ text: "abc", truncated: true });
  });

  it("does not split a surrogate pair", () => {
    expect(boundText("ab😀c", 3)).toEqual({ text: "ab", truncated: true });
  });
});

describe("stdinLength", () => {
  it("counts bytes, not characters", () => {
    expect(stdinLength("é")).toBe(2);
    expect(stdinLength(Buffer.from([1, 2, 3]))).toBe(3);
    expect(stdinLength(undefined)).toBe(0);
  });
});
