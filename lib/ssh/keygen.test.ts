import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ssh2 from "ssh2";
import { describe, expect, it } from "vitest";
import { generatePanelKeyPair, publicKeyFingerprint } from "./keygen";

describe("generatePanelKeyPair", () => {
  it("makes an OpenSSH ed25519 pair whose halves belong together", () => {
    const pair = generatePanelKeyPair("panel@test");
    expect(pair.privateKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
    expect(pair.publicKey).toMatch(/^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5[A-Za-z0-9+/]+=* panel@test$/);
    const priv = ssh2.utils.parseKey(pair.privateKey);
    if (priv instanceof Error) throw priv;
    expect(priv.getPublicSSH().toString("base64")).toBe(pair.publicKey.split(" ")[1]);
  });

  it("never hands out a pair ssh2 cannot read back (a few in a thousand came out cut short)", () => {
    for (let i = 0; i < 2000; i++) {
      const pair = generatePanelKeyPair();
      const priv = ssh2.utils.parseKey(pair.privateKey);
      if (priv instanceof Error) throw new Error(`pair ${i} does not parse: ${priv.message}`);
      expect(priv.getPublicSSH().toString("base64")).toBe(pair.publicKey.split(" ")[1]);
    }
  });

  it("reports the fingerprint ssh-keygen shows", () => {
    const pair = generatePanelKeyPair();
    const dir = mkdtempSync(path.join(os.tmpdir(), "keygen-test-"));
    try {
      writeFileSync(path.join(dir, "k.pub"), pair.publicKey + "\n");
      expect(execFileSync("ssh-keygen", ["-lf", path.join(dir, "k.pub")], { encoding: "utf8" })).toContain(pair.fingerprint);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(publicKeyFingerprint(pair.publicKey)).toBe(pair.fingerprint);
  });

  it("refuses a comment that would break the authorized_keys line", () => {
    expect(() => generatePanelKeyPair("a\nssh-rsa AAAA evil")).toThrow(/line breaks/);
  });
});
