import "server-only";
import { dataDirFromEnv } from "@/lib/config/database-url";
import { decryptWithKey, encryptWithKey } from "./envelope";
import { loadSecretKey } from "./secret-key";
import { replaceSealedTokens, SEALED_PREFIX } from "./sealed-token";

// The panel's entry points: the key is loaded (or created) once per process from
// PANEL_SECRET_KEY or <PANEL_DATA_DIR>/secret.key.
let cachedKey: Buffer | null = null;

function panelKey(): Buffer {
  cachedKey ??= loadSecretKey({ env: process.env, dataDir: dataDirFromEnv(process.env) });
  return cachedKey;
}

export const encryptSecret = (plaintext: string, context = ""): string => encryptWithKey(plaintext, panelKey(), context);
export const decryptSecret = (envelope: string, context = ""): string => decryptWithKey(envelope, panelKey(), context);

// Sealed tokens (lib/secrets/sealed-token.ts): one context for all, since a token moves from
// the wizard's draft into a job's input and plan.
const TOKEN_CONTEXT = "sealed-token";

export const sealSecret = (plaintext: string): string =>
  SEALED_PREFIX + Buffer.from(encryptSecret(plaintext, TOKEN_CONTEXT), "utf8").toString("base64url");

export const openSealedTokens = (text: string): string =>
  replaceSealedTokens(text, (token) => decryptSecret(Buffer.from(token.slice(SEALED_PREFIX.length), "base64url").toString("utf8"), TOKEN_CONTEXT));
