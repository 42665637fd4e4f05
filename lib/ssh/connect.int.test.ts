import { execFileSync } from "node:child_process";
import { createServer, type Server } from "node:net";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startSshd, type TTestSshd } from "@/lib/testing/sshd";
import { generatePanelKeyPair } from "./keygen";
import { fetchHostKey } from "./host-key";
import { SshPool, type TPoolOptions } from "./pool";
import { createSshRunner } from "./ssh-runner";
import { ZSshTarget, type TSshTargetInput } from "./target";

// Connecting to a real sshd: host key pinning, credentials, unreachable and silent hosts.
// None of these failures may be retried except the network ones, and those only a bounded
// number of times.

let sshd: TTestSshd;
const pools: SshPool[] = [];

beforeAll(async () => {
  sshd = await startSshd();
});
afterEach(() => {
  for (const p of pools.splice(0)) p.closeAll();
});
afterAll(async () => {
  await sshd?.stop();
});

function attempt(target: TSshTargetInput, options: TPoolOptions = {}) {
  const pool = new SshPool({ connectTimeoutMs: 3_000, connectAttempts: 3, backoffBaseMs: 100, ...options });
  pools.push(pool);
  const runner = createSshRunner(pool, target);
  const result = runner.run(["true"]).then(
    () => null,
    (e: unknown) => e as { report: { code: string; message: string; params: Record<string, unknown> }; retryable: boolean },
  );
  return { result, stats: () => pool.stats(ZSshTarget.parse(target)), runner };
}

describe("fetchHostKey", () => {
  it("returns the fingerprint ssh-keygen shows for the host's key, without logging in", { timeout: 15_000 }, async () => {
    const before = sshd.log();
    const info = await fetchHostKey({ address: sshd.address, port: sshd.port });
    const keyFile = path.join(path.dirname(sshd.home), "ssh_host_ed25519_key.pub");
    const keygen = execFileSync("ssh-keygen", ["-lf", keyFile], { encoding: "utf8" });
    expect(info).toEqual({
      algorithm: "ssh-ed25519",
      fingerprint: sshd.hostKey.fingerprint,
      verifyCommand: "ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub",
    });
    expect(keygen).toContain(info.fingerprint);
    expect(sshd.log().slice(before.length)).not.toMatch(/Accepted|Failed|Invalid user/);
  });

  it("reports an unreachable address", { timeout: 15_000 }, async () => {
    await expect(fetchHostKey({ address: "127.0.0.1", port: await closedPort() })).rejects.toMatchObject({ report: { code: "SSH_UNREACHABLE" } });
  });
});

describe("host key pinning", () => {
  it("refuses a host whose key is not pinned yet, showing the presented fingerprint", { timeout: 15_000 }, async () => {
    const { result, stats } = attempt(sshd.target({ hostKey: null }));
    const e = await result;
    expect(e?.report).toMatchObject({
      code: "SSH_HOST_KEY_UNKNOWN",
      params: { presented: sshd.hostKey.fingerprint, algorithm: "ssh-ed25519" },
    });
    expect(e?.retryable).toBe(false);
    expect(stats()?.connectAttempts).toBe(1);
  });

  it("refuses a changed host key with both fingerprints and does not retry", { timeout: 30_000 }, async () => {
    const own = await startSshd();
    try {
      const pool = new SshPool({ connectAttempts: 5, backoffBaseMs: 50 });
      pools.push(pool);
      const target = own.target();
      const runner = createSshRunner(pool, target);
      await runner.run(["true"]);
      const oldFingerprint = own.hostKey.fingerprint;
      await own.restart({ newHostKey: true });
      expect(own.hostKey.fingerprint).not.toBe(oldFingerprint);

      const e = await runner.run(["true"]).then(
        () => null,
        (err: unknown) => err as { report: { code: string; message: string; params: Record<string, unknown> }; retryable: boolean },
      );
      expect(e?.report).toMatchObject({
        code: "SSH_HOST_KEY_CHANGED",
        params: { expected: oldFingerprint, presented: own.hostKey.fingerprint, attempts: 1 },
      });
      expect(e?.report.message).toContain(oldFingerprint);
      expect(e?.report.message).toContain(own.hostKey.fingerprint);
      expect(e?.report.message).toContain("re-pin the key deliberately");
      expect(e?.retryable).toBe(false);
      // One TCP connection since the restart: ours, refused once, never retried.
      expect(own.connectionCount()).toBe(1);
      expect(pool.stats(ZSshTarget.parse(target))?.connectAttempts).toBe(2);
    } finally {
      await own.stop();
    }
  });
});

describe("credentials", () => {
  it("reports a key the host does not accept as SSH_AUTH_FAILED and does not retry", { timeout: 15_000 }, async () => {
    const before = sshd.connectionCount();
    const stranger = generatePanelKeyPair("not-authorized");
    const { result, stats } = attempt(sshd.target({ auth: { kind: "key", privateKey: stranger.privateKey } }), { connectAttempts: 5 });
    const e = await result;
    expect(e?.report.code).toBe("SSH_AUTH_FAILED");
    expect(e?.retryable).toBe(false);
    expect(stats()?.connectAttempts).toBe(1);
    expect(sshd.connectionCount() - before).toBe(1);
  });

  it("reports a corrupt private key without connecting", { timeout: 15_000 }, async () => {
    const before = sshd.connectionCount();
    const { result } = attempt(sshd.target({ auth: { kind: "key", privateKey: "-----BEGIN OPENSSH PRIVATE KEY-----\ngarbage\n" } }));
    expect((await result)?.report.code).toBe("SSH_KEY_INVALID");
    expect(sshd.connectionCount() - before).toBe(0);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const info = server.address();
  await new Promise((r) => server.close(r));
  return typeof info === "object" && info ? info.port : 0;
}

describe("network failures", () => {
  it("reports SSH_UNREACHABLE after a bounded number of attempts with backoff", { timeout: 15_000 }, async () => {
    const port = await closedPort();
    const started = performance.now();
    const { result, stats } = attempt(sshd.target({ port }), { connectAttempts: 3, backoffBaseMs: 100 });
    const e = await result;
    expect(e?.report).toMatchObject({ code: "SSH_UNREACHABLE", params: { errno: "ECONNREFUSED", attempts: 3 } });
    expect(e?.retryable).toBe(true);
    expect(stats()?.connectAttempts).toBe(3);
    // Backoff between attempts: at least 50 ms + 100 ms (the fixed halves of 100 and 200 ms).
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
  });

  it("fails every queued command with that report instead of retrying for each", { timeout: 15_000 }, async () => {
    const port = await closedPort();
    const pool = new SshPool({ connectAttempts: 2, backoffBaseMs: 50, maxChannelsPerHost: 2 });
    pools.push(pool);
    const target = sshd.target({ port });
    const runner = createSshRunner(pool, target);
    const codes = await Promise.all(Array.from({ length: 6 }, () => runner.run(["true"]).then(() => "ok", (e: { report: { code: string } }) => e.report.code)));
    expect(codes).toEqual(Array(6).fill("SSH_UNREACHABLE"));
    expect(pool.stats(ZSshTarget.parse(target))?.connectAttempts).toBe(2);
  });

  describe("a host that accepts TCP but never speaks SSH", () => {
    let silent: Server;
    let port = 0;
    beforeAll(async () => {
      silent = createServer(() => undefined);
      await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
      const info = silent.address();
      port = typeof info === "object" && info ? info.port : 0;
    });
    afterAll(async () => {
      silent.close();
    });

    it("reports SSH_CONNECT_TIMEOUT after the bounded attempts", { timeout: 15_000 }, async () => {
      const { result, stats } = attempt(sshd.target({ port }), { connectTimeoutMs: 300, connectAttempts: 2, backoffBaseMs: 10 });
      const e = await result;
      expect(e?.report).toMatchObject({ code: "SSH_CONNECT_TIMEOUT", params: { timeoutMs: 300, attempts: 2 } });
      expect(stats()?.connectAttempts).toBe(2);
    });
  });
});
