import { describe, expect, it } from "vitest";
import { inputLines, normalizeText, parseLenientJson } from "./text";

describe("inputLines", () => {
  it("drops a leading shell prompt and CRLF endings", () => {
    expect(inputLines("root@pve1:~# cat /proc/drbd\r\nversion: 8.4.2\r\n")).toEqual(["version: 8.4.2", ""]);
  });
  it("keeps a first line that is output, not a prompt", () => {
    expect(inputLines("Quorum information\n")).toEqual(["Quorum information", ""]);
  });
});

describe("normalizeText", () => {
  it("removes NUL bytes", () => {
    expect(normalizeText("r---\u0000\n")).toBe("r---\n");
  });
});

describe("parseLenientJson", () => {
  it("reads drbd-utils' nan as null", () => {
    expect(parseLenientJson('{"estimated-seconds-to-finish": nan, "x": 1}')).toEqual({
      "estimated-seconds-to-finish": null,
      x: 1,
    });
  });
  it("does not touch nan inside strings", () => {
    expect(parseLenientJson('{"name": "nanny"}')).toEqual({ name: "nanny" });
  });
});
