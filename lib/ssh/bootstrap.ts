import "server-only";
import { errorReport, ReportError } from "@/lib/reports/report";
import { shScript } from "./argv";
import type { TCommandListener } from "./command-event";
import { SshPool } from "./pool";
import type { TPoolSettingsInput } from "./pool-settings";
import { createSshRunner } from "./ssh-runner";

// One-time onboarding: the admin types the host's root password once, we log in with it,
// add the panel's public key to authorized_keys, and forget the password. From then on the
// panel uses its key. The password lives only in this call's memory: it is not stored, not
// part of any argv and not in audit events.

const PUBLIC_KEY = /^(ssh-ed25519|ecdsa-sha2-nistp(?:256|384|521)|ssh-rsa) ([A-Za-z0-9+/]+={0,2})(?: [^\r\n]*)?$/;

// $1 "type base64" (what identifies the key), $2 the full line to append.
// Idempotent: a line that already carries the same key (with any options or comment) counts.
const INSTALL_SCRIPT = [
  "set -e",
  "umask 077",
  'dir="$HOME/.ssh"',
  'file="$dir/authorized_keys"',
  'mkdir -p -- "$dir"',
  'chmod 700 -- "$dir"',
  '[ -e "$file" ] || : > "$file"',
  'chmod 600 -- "$file"',
  `if awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i " " $(i + 1) == k) found = 1 } END { exit !found }' "$file"; then echo present; exit 0; fi`,
  // Appending to a file whose last line lacks a newline would glue two keys together.
  'if [ -s "$file" ] && [ -n "$(tail -c 1 -- "$file")" ]; then echo >> "$file"; fi',
  "printf '%s\\n' \"$2\" >> \"$file\"",
  "echo installed",
].join("\n");

export type TInstallKeyRequest = {
  address: string;
  port?: number;
  username?: string;
  password: string;
  // Bootstrap happens after the admin pinned the host key, never before.
  hostKey: { algorithm: string; fingerprint: string };
  publicKey: string;
  settings?: TPoolSettingsInput;
  onCommand?: TCommandListener;
};

export async function installPanelKey(req: TInstallKeyRequest): Promise<{ installed: boolean }> {
  const line = req.publicKey.trim();
  const match = PUBLIC_KEY.exec(line);
  if (!match) {
    throw new ReportError(errorReport("SSH_PUBLIC_KEY_INVALID", "the panel's public key is not an OpenSSH public key line", {}));
  }
  const pool = new SshPool({ ...req.settings, onCommand: req.onCommand });
  try {
    const runner = createSshRunner(pool, {
      address: req.address,
      port: req.port,
      username: req.username,
      hostKey: req.hostKey,
      auth: { kind: "password", password: req.password },
    });
    const r = await runner.run(shScript(INSTALL_SCRIPT, [`${match[1]} ${match[2]}`, line]));
    return { installed: r.stdout.trim() === "installed" };
  } finally {
    pool.closeAll();
  }
}
