import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { proxmoxFormats } from "./formats";

// Inputs that are none of our formats must end in a ParseError (never a TypeError or a hang).
// Section-config files are the exception for empty input: an empty replication.cfg or
// storage.cfg is a valid file with no entries.
const EMPTY_IS_VALID = new Set([
  "pve-storage-cfg",
  "pve-ha-resources-cfg",
  "pve-ha-groups-cfg",
  "pve-ha-rules-cfg",
  "pve-replication-cfg",
  "ha-manager-config",
]);

const garbage: Record<string, string> = {
  binary: "\u0000\u0001\u0002\u00ff\ufffd".repeat(2000),
  parens: "(".repeat(200_000),
  "long token line": `${"x".repeat(300_000)} ${"(y ---> ".repeat(20_000)}`,
  "colons": "a:".repeat(150_000),
  "blank-padded lines": `JobID x\n100-0 Yes${" ".repeat(200_000)}\n  key${" ".repeat(200_000)}x\nquorum${" ".repeat(200_000)}`,
  html: "<html><body>502 Bad Gateway</body></html>\n",
  "json of another kind": '{"version": "8.4.2", "resources": []}',
};

describe("every Proxmox format", () => {
  for (const [format, parse] of Object.entries(proxmoxFormats)) {
    it(`${format}: empty input`, () => {
      if (EMPTY_IS_VALID.has(format)) expect(() => parse("")).not.toThrow();
      else expect(() => parse("")).toThrow(ParseError);
    });
    for (const [kind, text] of Object.entries(garbage)) {
      it(`${format}: ${kind} → ParseError`, () => {
        expect(() => parse(text)).toThrow(ParseError);
      });
    }
  }
});
