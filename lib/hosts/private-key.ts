import ssh2 from "ssh2";
import { errorReport, ReportError } from "@/lib/reports/report";
import { fingerprintOf } from "@/lib/ssh/fingerprint";

export type TPrivateKeyInfo = { algorithm: string; publicKey: string; fingerprint: string };

const invalid = (message: string) => new ReportError(errorReport("SSH_KEY_INVALID", message, {}));

// Checks a pasted private key with ssh2's own parser (the one that will use it), and derives
// its public half so the page can show which key is attached without ever showing the key.
// Keys with a passphrase are refused: the panel logs in unattended and has nowhere to keep
// one but next to the key, which would protect nothing.
export function readPrivateKey(text: string): TPrivateKeyInfo {
  const parsed = ssh2.utils.parseKey(text.trim());
  if (parsed instanceof Error) {
    if (/passphrase/i.test(parsed.message)) {
      throw invalid("This key is protected by a passphrase. Remove it for the panel's copy (ssh-keygen -p -N '' -f <copy of the key>) and paste that.");
    }
    throw invalid(`This is not an OpenSSH or PEM private key ssh2 can read (${parsed.message}).`);
  }
  if (!parsed.isPrivateKey()) throw invalid("This is a public key; paste the private key (the file without .pub).");
  const blob = parsed.getPublicSSH();
  return {
    algorithm: parsed.type,
    publicKey: `${parsed.type} ${blob.toString("base64")}`,
    fingerprint: fingerprintOf(blob),
  };
}
