import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { credentialSecretContext } from "@/lib/jobs/runner-for-host";
import { encryptSecret } from "@/lib/secrets/secrets";
import { generatePanelKeyPair, publicKeyFingerprint } from "@/lib/ssh/keygen";

// The panel's own key pair lives in one Credential row with a fixed id, so that two panel
// instances starting at once cannot create two: the second insert fails on the primary key
// and reads the winner's row. Its kind is "private-key" because that is what runnerForHost
// logs in with; the id is what marks it as the panel's.
export const PANEL_KEY_CREDENTIAL_ID = "panel-key";

export type TPanelPublicKey = { credentialId: string; publicKey: string; fingerprint: string };

const PUBLIC_FIELDS = { id: true, publicKey: true } as const;

function toPublic(row: { id: string; publicKey: string | null }): TPanelPublicKey {
  if (!row.publicKey) throw new Error("the panel's key row has no public key");
  return { credentialId: row.id, publicKey: row.publicKey, fingerprint: publicKeyFingerprint(row.publicKey) };
}

// Only the public half ever leaves this module: the select never reads the ciphertext.
export async function ensurePanelKey(db: PrismaClient): Promise<TPanelPublicKey> {
  const existing = await db.credential.findUnique({ where: { id: PANEL_KEY_CREDENTIAL_ID }, select: PUBLIC_FIELDS });
  if (existing) return toPublic(existing);
  const pair = generatePanelKeyPair("cluster-panel");
  try {
    const row = await db.credential.create({
      data: {
        id: PANEL_KEY_CREDENTIAL_ID,
        kind: "private-key",
        label: "The panel's own key",
        ciphertext: encryptSecret(pair.privateKey, credentialSecretContext(PANEL_KEY_CREDENTIAL_ID)),
        publicKey: pair.publicKey,
      },
      select: PUBLIC_FIELDS,
    });
    return toPublic(row);
  } catch (err) {
    if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")) throw err;
    return toPublic(await db.credential.findUniqueOrThrow({ where: { id: PANEL_KEY_CREDENTIAL_ID }, select: PUBLIC_FIELDS }));
  }
}
