import { chmodSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSshd, type TTestSshd } from "@/lib/testing/sshd";
import { installPanelKey } from "./bootstrap";
import type { TCommandEvent } from "./command-event";
import { generatePanelKeyPair } from "./keygen";
import { SshPool } from "./pool";
import { createSshRunner } from "./ssh-runner";

// The one-time password login that installs the panel's key, against a real sshd whose root
// has a known password (in the test sshd's private /etc/shadow) and an empty authorized_keys.

let sshd: TTestSshd;
beforeAll(async () => {
  sshd = await startSshd({ passwordAuthentication: true, authorizeClientKey: false });
});
afterAll(async () => {
  await sshd?.stop();
});

describe("installPanelKey", () => {
  it("installs the key once, with safe modes, and the key then works", { timeout: 30_000 }, async () => {
    const panel = generatePanelKeyPair("cluster-panel@test");
    const events: TCommandEvent[] = [];
    // An existing key without a trailing newline must not get glued to ours.
    writeFileSync(sshd.authorizedKeysPath, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKUvcQf/bfI9h6bk0h+Pp0NwQZPewuKcQjT7Q7Sc9fYk admin");
    chmodSync(sshd.authorizedKeysPath, 0o644);
    const request = {
      address: sshd.address,
      port: sshd.port,
      password: sshd.password,
      hostKey: sshd.hostKey,
      publicKey: panel.publicKey,
      onCommand: (e: TCommandEvent) => void events.push(e),
    };

    expect(await installPanelKey(request)).toEqual({ installed: true });
    expect(await installPanelKey(request)).toEqual({ installed: false });

    const lines = readFileSync(sshd.authorizedKeysPath, "utf8").split("\n");
    expect(lines).toEqual([expect.stringMatching(/ admin$/), panel.publicKey, ""]);
    expect(statSync(sshd.authorizedKeysPath).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(sshd.authorizedKeysPath)).mode & 0o777).toBe(0o700);

    await new Promise((r) => setTimeout(r, 50));
    expect(events).toHaveLength(2);
    expect(JSON.stringify(events)).not.toContain(sshd.password);

    const pool = new SshPool();
    try {
      const runner = createSshRunner(pool, sshd.target({ auth: { kind: "key", privateKey: panel.privateKey } }));
      expect((await runner.run(["id", "-un"])).stdout).toBe("root\n");
    } finally {
      pool.closeAll();
    }
  });

  it("recognises the key when it is already there with options and another comment", { timeout: 30_000 }, async () => {
    const panel = generatePanelKeyPair("panel");
    const [type, blob] = panel.publicKey.split(" ");
    writeFileSync(sshd.authorizedKeysPath, `from="10.0.0.0/8" ${type} ${blob} renamed-by-admin\n`, { mode: 0o600 });
    const result = await installPanelKey({ address: sshd.address, port: sshd.port, password: sshd.password, hostKey: sshd.hostKey, publicKey: panel.publicKey });
    expect(result).toEqual({ installed: false });
    expect(readFileSync(sshd.authorizedKeysPath, "utf8").split("\n").filter(Boolean)).toHaveLength(1);
  });

  it("reports a wrong password as SSH_AUTH_FAILED without retrying", { timeout: 30_000 }, async () => {
    const before = sshd.connectionCount();
    const panel = generatePanelKeyPair();
    await expect(
      installPanelKey({ address: sshd.address, port: sshd.port, password: "wrong", hostKey: sshd.hostKey, publicKey: panel.publicKey }),
    ).rejects.toMatchObject({ report: { code: "SSH_AUTH_FAILED" }, retryable: false });
    expect(sshd.connectionCount() - before).toBe(1);
  });

  it("refuses to log in with the password before the host key is confirmed", { timeout: 30_000 }, async () => {
    const logBefore = sshd.log().length;
    const panel = generatePanelKeyPair();
    const otherKey = { algorithm: "ssh-ed25519", fingerprint: "SHA256:" + "A".repeat(43) };
    await expect(
      installPanelKey({ address: sshd.address, port: sshd.port, password: sshd.password, hostKey: otherKey, publicKey: panel.publicKey }),
    ).rejects.toMatchObject({ report: { code: "SSH_HOST_KEY_CHANGED" } });
    // The key exchange failed first: the password was never sent.
    expect(sshd.log().slice(logBefore)).not.toMatch(/password for root/);
  });

  it("rejects something that is not a public key line before connecting", { timeout: 10_000 }, async () => {
    const before = sshd.connectionCount();
    await expect(
      installPanelKey({ address: sshd.address, port: sshd.port, password: sshd.password, hostKey: sshd.hostKey, publicKey: "ssh-ed25519 AAAA\nssh-rsa evil" }),
    ).rejects.toMatchObject({ report: { code: "SSH_PUBLIC_KEY_INVALID" } });
    expect(sshd.connectionCount() - before).toBe(0);
  });
});
