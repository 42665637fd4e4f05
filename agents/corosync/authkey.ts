import { createHash, randomBytes } from "node:crypto";
import { commandStep } from "@/lib/plan/build";
import type { TPlanStep } from "@/lib/plan/plan";
import { shScript } from "@/lib/ssh/argv";

// The corosync authkey: 256 random bytes (what corosync-keygen makes), the same on every node,
// mode 0400. It is binary, so it travels as base64 on stdin and the host decodes it; a plain
// file write would pass it through a UTF-8 string and corrupt it.

export const AUTHKEY_PATH = "/etc/corosync/authkey";
export const AUTHKEY_BYTES = 256;

export function generateAuthkey(): string {
  return randomBytes(AUTHKEY_BYTES).toString("base64");
}

export function authkeySha256(base64: string): string {
  return createHash("sha256").update(Buffer.from(base64, "base64")).digest("hex");
}

export function isValidAuthkey(base64: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(base64) && Buffer.from(base64, "base64").length === AUTHKEY_BYTES;
}

// The previous key (a node joining with a different one) is kept beside it so undo can put it back.
const BACKUP = `${AUTHKEY_PATH}.panel-previous`;

// $1 target, $2 backup. stdin: the key in base64.
export const AUTHKEY_SCRIPTS = {
  write: [
    "set -e",
    "umask 077",
    'tmp=$(mktemp "$1.panel-XXXXXX")',
    "trap 'rm -f -- \"$tmp\"' EXIT",
    'base64 -d > "$tmp"',
    'chmod 0400 "$tmp"',
    'if [ -e "$1" ]; then cp -p -- "$1" "$2"; fi',
    'mv -f -- "$tmp" "$1"',
    "trap - EXIT",
  ].join("\n"),
  // Done when the key on the host hashes to $2 and nobody but root can read it.
  check: '[ -e "$1" ] && [ "$(stat -c %a -- "$1")" = 400 ] && [ "$(sha256sum < "$1" | cut -d" " -f1)" = "$2" ]',
  undo: 'if [ -e "$2" ]; then mv -f -- "$2" "$1"; else rm -f -- "$1"; fi',
} as const;

export function authkeyStep(host: string, keyBase64: string, replacing: boolean): TPlanStep {
  return commandStep({
    id: `corosync-authkey-${host}`,
    title: replacing ? `Replace the corosync authkey on ${host} (mode 0400)` : `Install the corosync authkey on ${host} (mode 0400)`,
    host,
    argv: shScript(AUTHKEY_SCRIPTS.write, [AUTHKEY_PATH, BACKUP]),
    stdin: keyBase64,
    check: { kind: "command", argv: shScript(AUTHKEY_SCRIPTS.check, [AUTHKEY_PATH, authkeySha256(keyBase64)]) },
    undo: { kind: "command", argv: shScript(AUTHKEY_SCRIPTS.undo, [AUTHKEY_PATH, BACKUP]) },
    destructive: replacing,
    sensitive: true,
  });
}
