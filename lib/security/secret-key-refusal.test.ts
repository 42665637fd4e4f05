import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ReportError } from "@/lib/reports/report";

// The key that encrypts credentials is lost (secret.key deleted, so a new one is made), replaced
// by another, or mistyped: the panel says which in words, returns no plaintext and no garbage,
// and an admin sees the message, not a stack trace.

const SECRET = `smtp-${randomBytes(6).toString("hex")}`;
const settings = vi.hoisted(() => ({ value: null as unknown }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => ({ id: "u-ad", username: "ada", role: "admin" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/db", () => ({
  db: {
    setting: { findUnique: async () => ({ key: "notifications", value: settings.value }) },
    auditEvent: { create: async () => ({}) },
  },
}));

let dataDir = "";
const savedEnv = { key: process.env.PANEL_SECRET_KEY, dir: process.env.PANEL_DATA_DIR };
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "panel-key-refusal-"));
  process.env.PANEL_DATA_DIR = dataDir;
  delete process.env.PANEL_SECRET_KEY;
  vi.resetModules();
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
  for (const [name, value] of [["PANEL_SECRET_KEY", savedEnv.key], ["PANEL_DATA_DIR", savedEnv.dir]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

// Each "panel start" is a fresh module graph: the key is read once per process.
const freshSecrets = async () => import("@/lib/secrets/secrets");

async function encryptedByAnEarlierStart(context: string): Promise<string> {
  const { encryptSecret } = await freshSecrets();
  const envelope = encryptSecret(SECRET, context);
  vi.resetModules();
  return envelope;
}

function refusal(work: () => unknown): { code: string; message: string } {
  try {
    const value = work();
    throw new Error(`decrypted to ${JSON.stringify(value)} instead of refusing`);
  } catch (err) {
    // A fresh module graph has its own ReportError class: check the shape, not the class.
    if (!(err instanceof Error) || err.name !== ReportError.name || !("report" in err)) throw err;
    return { code: (err as ReportError).report.code, message: err.message };
  }
}

const MISMATCH = /^The encryption key does not match the one these secrets were written with .*Restore the original PANEL_SECRET_KEY or secret\.key; a new key cannot read old secrets\.$/;

describe("encryption key missing or wrong", () => {
  it("secret.key deleted: a new key is made, and old secrets are refused with words, not garbage", async () => {
    const envelope = await encryptedByAnEarlierStart("credential:c1");
    rmSync(path.join(dataDir, "secret.key"));
    const { decryptSecret } = await freshSecrets();
    const r = refusal(() => decryptSecret(envelope, "credential:c1"));
    expect(r.code).toBe("SECRET_KEY_MISMATCH");
    expect(r.message).toMatch(MISMATCH);
  });

  it("another PANEL_SECRET_KEY: refused the same way", async () => {
    process.env.PANEL_SECRET_KEY = randomBytes(32).toString("base64");
    const envelope = await encryptedByAnEarlierStart("credential:c1");
    process.env.PANEL_SECRET_KEY = randomBytes(32).toString("base64");
    const { decryptSecret } = await freshSecrets();
    expect(refusal(() => decryptSecret(envelope, "credential:c1"))).toMatchObject({ code: "SECRET_KEY_MISMATCH" });
  });

  it("a mistyped PANEL_SECRET_KEY: says what the variable must hold, and refuses to encrypt or decrypt", async () => {
    const envelope = await encryptedByAnEarlierStart("credential:c1");
    process.env.PANEL_SECRET_KEY = "my-password";
    const { decryptSecret, encryptSecret } = await freshSecrets();
    const r = refusal(() => decryptSecret(envelope, "credential:c1"));
    expect(r).toEqual({
      code: "SECRET_KEY_MALFORMED",
      message: "PANEL_SECRET_KEY must hold 32 random bytes in base64 (create one with: openssl rand -base64 32); it holds no valid base64.",
    });
    expect(refusal(() => encryptSecret("x")).code).toBe("SECRET_KEY_MALFORMED");
  });

  it("an admin's action shows the message, never a stack trace or the secret", async () => {
    const envelope = await encryptedByAnEarlierStart("credential:c1");
    process.env.PANEL_SECRET_KEY = randomBytes(32).toString("base64");
    const { adminAction } = await import("@/lib/actions/safe-action");
    const { decryptSecret } = await freshSecrets();
    const useCredential = adminAction.action(async () => ({ length: decryptSecret(envelope, "credential:c1").length }));
    const result = await useCredential();
    expect(result.data).toBeUndefined();
    expect(result.serverError).toMatch(MISMATCH);
    expect(JSON.stringify(result)).not.toMatch(/\n\s+at |node_modules|secrets\.ts/);
  });

  it("the test notification reports the key problem for email instead of sending or crashing", async () => {
    const { SMTP_PASSWORD_CONTEXT } = await import("@/lib/health/notify-settings");
    const passwordEnvelope = await encryptedByAnEarlierStart(SMTP_PASSWORD_CONTEXT);
    settings.value = {
      webhookUrl: null,
      panelUrl: null,
      smtp: { host: "127.0.0.1", port: 9, security: "none", username: "alerts", passwordEnvelope, from: "panel@example.org", to: ["ops@example.org"] },
    };
    rmSync(path.join(dataDir, "secret.key"));
    const { sendTestNotification } = await import("@/lib/actions/alerts");
    const result = await sendTestNotification();
    expect(result.serverError).toBeUndefined();
    expect(result.data?.results).toHaveLength(1);
    expect(result.data?.results[0]).toMatchObject({ channel: "email", ok: false });
    expect(result.data?.results[0]?.detail).toMatch(MISMATCH);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });
});
