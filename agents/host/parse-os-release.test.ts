import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseOsRelease } from "./parse-os-release";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("parseOsRelease", () => {
  it("reads Debian 13 (the base of Proxmox VE 9)", () => {
    expect(parseOsRelease(fixture("os-release-pve9-trixie.txt"))).toEqual({
      id: "debian",
      idLike: [],
      name: "Debian GNU/Linux",
      prettyName: "Debian GNU/Linux 13 (trixie)",
      version: "13 (trixie)",
      versionId: "13",
      versionCodename: "trixie",
    });
  });

  it("unquotes single quotes and backslash escapes, splits ID_LIKE, skips comments, defaults ID", () => {
    const r = parseOsRelease("# vendor file\r\nNAME='Ubuntu'\r\nID_LIKE=\"ubuntu debian\"\r\nPRETTY_NAME=\"A \\\"quoted\\\" \\$name\"\r\n");
    expect(r).toMatchObject({ id: "linux", idLike: ["ubuntu", "debian"], name: "Ubuntu", prettyName: 'A "quoted" $name', versionId: null });
  });

  it("throws ParseError on garbage, empty input and unterminated quotes", () => {
    expect(() => parseOsRelease("")).toThrow(ParseError);
    expect(() => parseOsRelease("hello world\n")).toThrow(ParseError);
    expect(() => parseOsRelease('ID="debian\n')).toThrow(/unterminated/);
    expect(() => parseOsRelease("HOME_URL=x\n")).toThrow(/not an os-release/);
  });
});
