import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { KEY_BYTES } from "./secret-key";
import { secretError } from "./secret-error";

// AES-256-GCM in a versioned envelope: "v1:<iv>:<tag>:<ciphertext>" (base64 parts).
// The version lets a later format or key scheme coexist with rows written by this one.
// `context` (e.g. "credential:<id>") is bound as additional authenticated data, so a
// ciphertext copied into another row does not decrypt there.

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error(`an encryption key must be ${KEY_BYTES} bytes`);
}

export function encryptWithKey(plaintext: string, key: Buffer, context = ""): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(":");
}

export function decryptWithKey(envelope: string, key: Buffer, context = ""): string {
  assertKey(key);
  const parts = envelope.split(":");
  if (parts[0] !== VERSION) {
    throw secretError("SECRET_ENVELOPE_MALFORMED", `unknown secret format ${JSON.stringify(parts[0] ?? "")} (expected ${VERSION})`, {});
  }
  const [, ivText, tagText, dataText] = parts;
  if (parts.length !== 4 || ivText === undefined || tagText === undefined || dataText === undefined || ![ivText, tagText, dataText].every((p) => B64.test(p))) {
    throw secretError("SECRET_ENVELOPE_MALFORMED", "the stored secret is not a valid v1 envelope (damaged or truncated)", {});
  }
  const iv = Buffer.from(ivText, "base64");
  const tag = Buffer.from(tagText, "base64");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw secretError("SECRET_ENVELOPE_MALFORMED", "the stored secret is not a valid v1 envelope (damaged or truncated)", {});
  }
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(Buffer.from(dataText, "base64")), decipher.final()]).toString("utf8");
  } catch {
    // GCM cannot tell a wrong key from tampered data; the wrong key is by far the likelier cause.
    throw secretError(
      "SECRET_KEY_MISMATCH",
      "The encryption key does not match the one these secrets were written with (or the stored secret was altered). " +
        "Restore the original PANEL_SECRET_KEY or secret.key; a new key cannot read old secrets.",
      {},
    );
  }
}
