import "server-only";
import type { Host, PrismaClient } from "@/lib/generated/prisma/client";
import { errorReport, ReportError } from "@/lib/reports/report";
import { decryptSecret } from "@/lib/secrets/secrets";
import { SshPool } from "@/lib/ssh/pool";
import type { TPoolSettingsInput } from "@/lib/ssh/pool-settings";
import type { Runner } from "@/lib/ssh/runner";
import { createSshRunner } from "@/lib/ssh/ssh-runner";
import { auditCommandListener, type TAuditContext } from "./audit";

export type TRunnerHost = Pick<Host, "id" | "name" | "address" | "sshPort" | "sshUser" | "hostKeyAlgorithm" | "hostKeyFingerprint" | "hostKeyPinnedAt" | "credentialId">;

// Credentials are encrypted with their row as context, so a ciphertext copied into another
// row does not decrypt there. Whoever stores a credential uses the same context.
export const credentialSecretContext = (credentialId: string) => `credential:${credentialId}`;

// One audited pool per database client and process: every job shares the connections.
const pools = new WeakMap<PrismaClient, SshPool>();

export function auditedPool(db: PrismaClient, settings: TPoolSettingsInput = {}): SshPool {
  let pool = pools.get(db);
  if (!pool) {
    pool = new SshPool({ ...settings, onCommand: auditCommandListener(db) });
    pools.set(db, pool);
  }
  return pool;
}

export function closeAuditedPool(db: PrismaClient): void {
  pools.get(db)?.closeAll();
  pools.delete(db);
}

function hostError(code: string, message: string, host: TRunnerHost): ReportError {
  return new ReportError(errorReport(code, message, { host: host.name }));
}

// An SSH runner for a Host row: its pinned key, its credential decrypted just for this
// connection, and the audit context (who, which job) stamped on every command.
export async function runnerForHost(
  db: PrismaClient,
  host: TRunnerHost,
  ctx: { userId?: string | null; jobId?: string | null; sensitive?: boolean },
  pool: SshPool = auditedPool(db),
): Promise<Runner> {
  // A fingerprint counts only once an admin confirmed it (hostKeyPinnedAt).
  if (!host.hostKeyAlgorithm || !host.hostKeyFingerprint || !host.hostKeyPinnedAt) {
    throw hostError("HOST_KEY_NOT_PINNED", `The host key of ${host.name} is not pinned yet; confirm its fingerprint on the host page first.`, host);
  }
  const credential = host.credentialId ? await db.credential.findUnique({ where: { id: host.credentialId } }) : null;
  if (!credential) throw hostError("HOST_NO_CREDENTIAL", `${host.name} has no SSH credential; install the panel's key on it first.`, host);
  if (credential.kind !== "private-key") {
    throw hostError("HOST_CREDENTIAL_KIND", `${host.name}'s credential is a ${credential.kind}; the panel only logs in with keys.`, host);
  }
  const context: TAuditContext = {
    hostName: host.name,
    ...(ctx.userId ? { userId: ctx.userId } : {}),
    ...(ctx.jobId ? { jobId: ctx.jobId } : {}),
    ...(ctx.sensitive ? { sensitive: "1" as const } : {}),
  };
  return createSshRunner(
    pool,
    {
      hostId: host.id,
      address: host.address,
      port: host.sshPort,
      username: host.sshUser,
      hostKey: { algorithm: host.hostKeyAlgorithm, fingerprint: host.hostKeyFingerprint },
      auth: { kind: "key", privateKey: decryptSecret(credential.ciphertext, credentialSecretContext(credential.id)) },
    },
    context,
  );
}
