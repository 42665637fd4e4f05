import { z } from "zod";

// Tunables of the SSH pool. Defaults suit a handful of hosts on a LAN; every value is
// overridable so tests can use short timeouts.
export const ZPoolSettings = z.object({
  // OpenSSH's default MaxSessions is 10; staying below leaves room for an admin's own session.
  maxChannelsPerHost: z.number().int().min(1).default(8),
  // Long-lived shell sessions per host that run stdin-less commands without a new sshd
  // session each (lib/ssh/shell-session.ts); part of maxChannelsPerHost. 0 = one exec channel
  // per command.
  shellsPerHost: z.number().int().min(0).default(4),
  connectTimeoutMs: z.number().int().positive().default(10_000),
  // Total attempts for network failures (1 = no retry). Auth and host-key failures never retry.
  connectAttempts: z.number().int().min(1).default(4),
  backoffBaseMs: z.number().int().nonnegative().default(250),
  backoffMaxMs: z.number().int().nonnegative().default(5_000),
  keepaliveIntervalMs: z.number().int().positive().default(15_000),
  keepaliveCountMax: z.number().int().min(1).default(3),
  idleCloseMs: z.number().int().positive().default(60_000),
  commandTimeoutMs: z.number().int().positive().default(120_000),
  maxOutputBytes: z.number().int().positive().default(16 * 1024 * 1024),
  // Must exceed the remote timeout's TERM→KILL delay (1 s) so a stopped command is confirmed in time.
  closeGraceMs: z.number().int().positive().default(3_000),
  // Size of stdout/stderr kept in each audit event.
  auditOutputChars: z.number().int().nonnegative().default(8 * 1024),
});
export type TPoolSettings = z.infer<typeof ZPoolSettings>;
export type TPoolSettingsInput = z.input<typeof ZPoolSettings>;
