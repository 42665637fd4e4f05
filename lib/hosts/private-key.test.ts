import { generateKeyPairSync } from "node:crypto";
import ssh2 from "ssh2";
import { describe, expect, it } from "vitest";
import { ReportError } from "@/lib/reports/report";
import { fingerprintOf } from "@/lib/ssh/fingerprint";
import { readPrivateKey } from "./private-key";

function reportCode(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof ReportError) return { code: err.report.code, message: err.message };
    throw err;
  }
  throw new Error("expected a report");
}

describe("readPrivateKey", () => {
  it("reads an OpenSSH ed25519 key and derives its public half", () => {
    const pair = ssh2.utils.generateKeyPairSync("ed25519", { comment: "t" });
    const info = readPrivateKey(`\n${pair.private}\n`);
    const [type, blob] = pair.public.trim().split(" ");
    expect(info).toEqual({ algorithm: type, publicKey: `${type} ${blob}`, fingerprint: fingerprintOf(Buffer.from(blob!, "base64")) });
  });

  it("reads a PEM RSA key", () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
    expect(readPrivateKey(privateKey).algorithm).toBe("ssh-rsa");
  });

  it("refuses a key with a passphrase, saying how to remove it", () => {
    const pair = ssh2.utils.generateKeyPairSync("ed25519", { passphrase: "secret", cipher: "aes256-ctr", rounds: 4 });
    const r = reportCode(() => readPrivateKey(pair.private));
    expect(r.code).toBe("SSH_KEY_INVALID");
    expect(r.message).toContain("ssh-keygen -p");
  });

  it("refuses a public key and garbage", () => {
    const pair = ssh2.utils.generateKeyPairSync("ed25519");
    expect(reportCode(() => readPrivateKey(pair.public)).message).toContain("This is a public key");
    expect(reportCode(() => readPrivateKey("hello")).code).toBe("SSH_KEY_INVALID");
    expect(reportCode(() => readPrivateKey("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----")).code).toBe("SSH_KEY_INVALID");
  });
});
