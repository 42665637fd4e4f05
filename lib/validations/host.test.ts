import { describe, expect, it } from "vitest";
import { isHostAddress, ZAddHostInput, ZHostName, ZSshUser, ZTrustHostKeyInput } from "./host";

describe("host addresses", () => {
  it.each(["10.99.0.11", "192.168.1.254", "fd00::5", "2001:db8::1", "::1", "pve1", "pve1.example.org", "pve1.example.org.", "a-b.c-d.de"])(
    "accepts %s",
    (address) => expect(isHostAddress(address)).toBe(true),
  );

  it.each([
    "",
    "10.0.0.300",
    "10.0.0",
    "1.2.3.4.5",
    "[fd00::5]",
    "fe80::1%eth0",
    "root@pve1",
    "pve1:22",
    "pve1 ; rm -rf /",
    "$(reboot)",
    "-oProxyCommand=x",
    "pve_1.example.org",
    "-pve1",
    "pve1-.example.org",
    "a..b",
    "ünïcode.example",
    `${"a".repeat(64)}.example.org`,
    `${"abcdefghi.".repeat(26)}org`,
  ])("refuses %j", (address) => expect(isHostAddress(address)).toBe(false));

  it("explains what an address may be", () => {
    const r = ZAddHostInput.safeParse({ name: "pve1", address: "10.0.0.300" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["address"]);
    expect(r.error?.issues[0]?.message).toBe(
      "not an address: enter an IPv4 address (10.0.0.5), an IPv6 address (fd00::5) or a DNS name (pve1.example.org)",
    );
  });
});

describe("add host input", () => {
  it("fills port 22, user root and no cluster", () => {
    expect(ZAddHostInput.parse({ name: " pve1 ", address: " 10.0.0.5 ", clusterId: "" })).toEqual({
      name: "pve1",
      address: "10.0.0.5",
      sshPort: 22,
      sshUser: "root",
      clusterId: null,
    });
  });

  it("reads the port from a form string and refuses 0 and 65536", () => {
    expect(ZAddHostInput.parse({ name: "a", address: "a", sshPort: "2222" }).sshPort).toBe(2222);
    expect(ZAddHostInput.safeParse({ name: "a", address: "a", sshPort: 0 }).success).toBe(false);
    expect(ZAddHostInput.safeParse({ name: "a", address: "a", sshPort: 65536 }).success).toBe(false);
    expect(ZAddHostInput.safeParse({ name: "a", address: "a", sshPort: 22.5 }).success).toBe(false);
  });

  it("takes one DNS label as the host name", () => {
    expect(ZHostName.safeParse("pve-1").success).toBe(true);
    expect(ZHostName.safeParse("a".repeat(63)).success).toBe(true);
    for (const bad of ["pve1.example.org", "-pve", "pve-", "pve 1", "a".repeat(64), "pve;1", ""]) {
      expect(ZHostName.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("takes Unix user names only", () => {
    expect(ZSshUser.safeParse("admin_1").success).toBe(true);
    for (const bad of ["Root", "1root", "ro ot", "root;id", "a".repeat(33)]) expect(ZSshUser.safeParse(bad).success, bad).toBe(false);
  });

  it("needs an OpenSSH SHA256 fingerprint to trust", () => {
    const fp = `SHA256:${"A".repeat(43)}`;
    expect(ZTrustHostKeyInput.safeParse({ hostId: "h1", fingerprint: fp }).success).toBe(true);
    expect(ZTrustHostKeyInput.safeParse({ hostId: "h1", fingerprint: "MD5:aa:bb" }).success).toBe(false);
  });
});
