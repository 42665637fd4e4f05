import { createHash } from "node:crypto";
import type { ServerHostKeyAlgorithm } from "ssh2";

// OpenSSH's fingerprint format: "SHA256:" + unpadded base64 of sha256(raw key blob),
// the same string `ssh-keygen -lf` prints, so admins can compare it by eye.
export function fingerprintOf(keyBlob: Buffer): string {
  return "SHA256:" + createHash("sha256").update(keyBlob).digest("base64").replace(/=+$/, "");
}

// The key type is the first SSH string in the blob (uint32 length + bytes), e.g. "ssh-ed25519".
export function keyTypeOf(keyBlob: Buffer): string {
  if (keyBlob.length < 4) throw new Error("host key blob is too short");
  const length = keyBlob.readUInt32BE(0);
  if (length === 0 || length > 64 || keyBlob.length < 4 + length) throw new Error("host key blob has no valid key type");
  return keyBlob.subarray(4, 4 + length).toString("latin1");
}

// The algorithms ssh2 may negotiate for a pinned key type. Restricting the handshake to them
// makes a host that merely offers another of its keys show up as a mismatch we can explain,
// not as a silent switch. RSA keys sign with SHA-2 (OpenSSH ≥ 8.8 refuses ssh-rsa/SHA-1).
// Unknown types return null: the fingerprint comparison still protects the connection.
export function hostKeyAlgorithmsFor(keyType: string): ServerHostKeyAlgorithm[] | null {
  switch (keyType) {
    case "ssh-ed25519":
    case "ecdsa-sha2-nistp256":
    case "ecdsa-sha2-nistp384":
    case "ecdsa-sha2-nistp521":
      return [keyType];
    case "ssh-rsa":
      return ["rsa-sha2-512", "rsa-sha2-256"];
    default:
      return null;
  }
}

// What to run on the host (console or an existing session) to see the same fingerprint.
export function verifyCommandFor(keyType: string): string {
  const file = keyType === "ssh-ed25519" ? "ed25519" : keyType.startsWith("ecdsa-") ? "ecdsa" : keyType === "ssh-rsa" ? "rsa" : null;
  return file ? `ssh-keygen -lf /etc/ssh/ssh_host_${file}_key.pub` : "for f in /etc/ssh/ssh_host_*_key.pub; do ssh-keygen -lf \"$f\"; done";
}
