import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { isLoopbackAddress, nameResolution, parseGetentHosts, parseHostname } from "./parse-hostname";

describe("parseHostname", () => {
  it("keeps the printed name, its first label and the FQDN", () => {
    expect(parseHostname("pve1\n", "pve1.example.com\n")).toEqual({ name: "pve1", short: "pve1", fqdn: "pve1.example.com" });
    expect(parseHostname("pve2.example.com\n", null)).toEqual({ name: "pve2.example.com", short: "pve2", fqdn: null });
  });

  it("throws ParseError on empty output or more than a name", () => {
    expect(() => parseHostname("", null)).toThrow(ParseError);
    expect(() => parseHostname("pve1\nextra\n", null)).toThrow(ParseError);
    expect(() => parseHostname("pve1", "hostname: Name or service not known")).toThrow(ParseError);
  });
});

describe("parseGetentHosts / nameResolution", () => {
  it("reads Debian's installer line 127.0.1.1 as a loopback resolution", () => {
    const entries = parseGetentHosts("127.0.1.1       pve1.example.com pve1\n");
    expect(entries).toEqual([{ address: "127.0.1.1", names: ["pve1.example.com", "pve1"] }]);
    expect(nameResolution("pve1", entries)).toEqual({ name: "pve1", addresses: ["127.0.1.1"], loopback: true });
  });

  it("reads several addresses, IPv6 included, and an unknown name as no addresses", () => {
    const entries = parseGetentHosts("10.0.0.11      pve1.example.com pve1\nfd00::11       pve1.example.com pve1\n");
    expect(nameResolution("pve1", entries)).toEqual({ name: "pve1", addresses: ["10.0.0.11", "fd00::11"], loopback: false });
    expect(nameResolution("pve1", parseGetentHosts(""))).toEqual({ name: "pve1", addresses: [], loopback: false });
  });

  it("throws ParseError on lines that are not hosts entries", () => {
    expect(() => parseGetentHosts("getent: unknown database\n")).toThrow(ParseError);
    expect(() => parseGetentHosts("10.0.0.1\n")).toThrow(ParseError);
  });

  it("knows the loopback forms", () => {
    expect(["127.0.0.1", "127.0.1.1", "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1"].map(isLoopbackAddress)).toEqual([true, true, true, true, true]);
    expect(["10.0.0.1", "::11", "fe80::1", "128.0.0.1"].map(isLoopbackAddress)).toEqual([false, false, false, false]);
  });
});
