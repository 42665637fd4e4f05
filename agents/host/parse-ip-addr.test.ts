import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseIpAddrJson } from "./parse-ip-addr";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("parseIpAddrJson", () => {
  const ifs = parseIpAddrJson(fixture("ip-addr-pve-bond-bridge.json"));
  const byName = (name: string) => ifs.find((i) => i.name === name);

  it("reads every interface of a Proxmox host with a bond under a bridge", () => {
    expect(ifs.map((i) => i.name)).toEqual(["lo", "eno1", "eno2", "ens1f0", "bond0", "vmbr0", "tap100i0", "wg0"]);
    expect(byName("vmbr0")).toEqual({
      index: 6,
      name: "vmbr0",
      state: "UP",
      up: true,
      carrier: true,
      mtu: 1500,
      mac: "3c:ec:ef:10:20:30",
      linkType: "ether",
      kind: "bridge",
      master: null,
      addresses: [
        { family: "inet", address: "192.168.1.11", prefixLength: 24, scope: "global", broadcast: "192.168.1.255", dynamic: false },
        { family: "inet6", address: "2001:db8::11", prefixLength: 64, scope: "global", broadcast: null, dynamic: true },
        { family: "inet6", address: "fe80::3eec:efff:fe10:2030", prefixLength: 64, scope: "link", broadcast: null, dynamic: false },
      ],
    });
  });

  it("keeps masters, kinds, carrier and jumbo MTU", () => {
    expect(byName("bond0")).toMatchObject({ kind: "bond", master: "vmbr0" });
    expect(byName("eno2")).toMatchObject({ master: "bond0", up: true, carrier: false, state: "DOWN", kind: null });
    expect(byName("ens1f0")).toMatchObject({ mtu: 9000, addresses: [{ address: "10.10.10.11", prefixLength: 24 }] });
    expect(byName("wg0")).toMatchObject({ mac: null, linkType: "none", kind: "wireguard" });
  });

  it("skips the empty objects old iproute2 printed and reads `ip -j link` without addresses", () => {
    const r = parseIpAddrJson('[{},{"ifindex":2,"ifname":"eth0","flags":["UP"],"mtu":1500,"operstate":"UP"}]');
    expect(r).toEqual([
      { index: 2, name: "eth0", state: "UP", up: true, carrier: false, mtu: 1500, mac: null, linkType: null, kind: null, master: null, addresses: [] },
    ]);
  });

  it("throws ParseError on empty, truncated and non-array JSON", () => {
    expect(() => parseIpAddrJson("")).toThrow(ParseError);
    expect(() => parseIpAddrJson('[{"ifindex":1,"ifname":"lo"')).toThrow(ParseError);
    expect(() => parseIpAddrJson('{"ifname":"lo"}')).toThrow(ParseError);
    expect(() => parseIpAddrJson('[{"ifname":"lo","mtu":"big"}]')).toThrow(ParseError);
  });
});
