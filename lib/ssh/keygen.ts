import "server-only";
import ssh2 from "ssh2";
import { fingerprintOf } from "./fingerprint";

export type TPanelKeyPair = {
  // OpenSSH private key, unencrypted: it is stored encrypted by lib/secrets instead, so the
  // panel needs no passphrase to start.
  privateKey: string;
  // One authorized_keys line: "ssh-ed25519 AAAA... comment".
  publicKey: string;
  fingerprint: string;
};

// The panel's own identity on the hosts. ed25519: short keys, fast, supported by every
// OpenSSH a Proxmox VE host ships.
export function generatePanelKeyPair(comment = "cluster-panel"): TPanelKeyPair {
  if (/[\r\n]/.test(comment)) throw new Error("a key comment cannot contain line breaks");
  for (;;) {
    const pair = ssh2.utils.generateKeyPairSync("ed25519", { comment });
    // About 1 in 270 pairs comes out with its public half cut to 31 bytes (a leading zero byte
    // dropped), which ssh2's own parser then refuses: the panel could not use its own key.
    if (ssh2.utils.parseKey(pair.private) instanceof Error) continue;
    return { privateKey: pair.private, publicKey: pair.public.trim(), fingerprint: publicKeyFingerprint(pair.public) };
  }
}

// Fingerprint of an authorized_keys-style line, as `ssh-keygen -lf` prints it.
export function publicKeyFingerprint(publicKeyLine: string): string {
  const blob = publicKeyLine.trim().split(/\s+/)[1];
  if (!blob || !/^[A-Za-z0-9+/]+=*$/.test(blob)) throw new Error("not an OpenSSH public key line");
  return fingerprintOf(Buffer.from(blob, "base64"));
}
