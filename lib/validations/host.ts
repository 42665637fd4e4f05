import { z } from "zod";
import { ZFingerprint } from "@/lib/ssh/target";

// Host names become Proxmox/corosync node names: one DNS label (letters, digits, '-', not at
// either end), at most 63 characters.
export const ZHostName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/, "1-63 characters: letters, digits and '-', not starting or ending with '-'");

const IPV4 = z.ipv4();
const IPV6 = z.ipv6();
const DNS_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export const ADDRESS_RULE = "an IPv4 address (10.0.0.5), an IPv6 address (fd00::5) or a DNS name (pve1.example.org)";

// What the panel may connect to. Anything else is refused before it reaches a socket or a
// command line: no brackets, ports, zone ids, user@ prefixes or spaces.
export function isHostAddress(value: string): boolean {
  if (IPV4.safeParse(value).success || IPV6.safeParse(value).success) return true;
  if (value.length > 253) return false;
  const labels = value.replace(/\.$/, "").split(".");
  // 10.0.0.300 is a mistyped address, not a name: a top-level label is never all digits.
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? "")) return false;
  return labels.every((l) => DNS_LABEL.test(l));
}

export const ZHostAddress = z
  .string()
  .trim()
  .min(1, "enter the host's address")
  .refine(isHostAddress, { message: `not an address: enter ${ADDRESS_RULE}` });

export const ZSshPort = z.coerce.number().int("a whole number").min(1, "1-65535").max(65535, "1-65535");

// POSIX-portable user names, as Debian's adduser accepts them by default.
export const ZSshUser = z
  .string()
  .trim()
  .regex(/^[a-z_][a-z0-9_-]{0,31}$/, "a Unix user name: lower-case letters, digits, '_' and '-', at most 32");

const ZId = z.string().min(1).max(64);

export const ZAddHostInput = z.object({
  name: ZHostName,
  address: ZHostAddress,
  sshPort: ZSshPort.default(22),
  sshUser: ZSshUser.default("root"),
  // The form sends "" for "no cluster".
  clusterId: z
    .string()
    .max(64)
    .optional()
    .transform((v) => (v ? v : null)),
});
export type TAddHostInput = z.input<typeof ZAddHostInput>;

export const ZHostIdInput = z.object({ hostId: ZId });

// The fingerprint the admin saw and compared: we pin exactly that one, never "whatever the
// host shows now".
export const ZTrustHostKeyInput = z.object({ hostId: ZId, fingerprint: ZFingerprint });

export const ZRepinHostKeyInput = z.object({ hostId: ZId, fingerprint: ZFingerprint, confirmName: z.string().max(64) });

// Private keys are a few KiB at most (RSA 4096 in OpenSSH format is ~3.4 KiB).
export const ZSetPrivateKeyInput = z.object({
  hostId: ZId,
  privateKey: z.string().trim().min(1, "paste the private key").max(16_384, "that is too long for an SSH private key"),
});

export const ZBootstrapInput = z.object({
  hostId: ZId,
  password: z.string().min(1, "enter the password").max(1024),
});
