import { z } from "zod";

// Everything needed to reach one host. Built by the lead from the Host and Credential rows
// (credentials decrypted just before use); never sent to the browser.

export const ZFingerprint = z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, "expected an OpenSSH SHA256 fingerprint");

export const ZSshAuth = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("key"), privateKey: z.string().min(1), passphrase: z.string().optional() }),
  // Only for the one-time bootstrap that installs the panel's key.
  z.object({ kind: z.literal("password"), password: z.string().min(1) }),
]);
export type TSshAuth = z.infer<typeof ZSshAuth>;

export const ZSshTarget = z.object({
  // Pool key and audit label; falls back to user@address:port.
  hostId: z.string().min(1).optional(),
  address: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(22),
  username: z.string().min(1).default("root"),
  // null until the admin has confirmed the fingerprint; connecting is refused until then.
  hostKey: z.object({ algorithm: z.string().min(1), fingerprint: ZFingerprint }).nullable(),
  auth: ZSshAuth,
});
export type TSshTarget = z.infer<typeof ZSshTarget>;
export type TSshTargetInput = z.input<typeof ZSshTarget>;

export const targetLabel = (t: TSshTarget): string => `${t.username}@${t.address}:${t.port}`;
export const poolKeyOf = (t: TSshTarget): string => t.hostId ?? targetLabel(t);
