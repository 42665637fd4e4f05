import "server-only";
import { dataDirFromEnv } from "@/lib/config/database-url";
import { decryptWithKey, encryptWithKey } from "./envelope";
import { loadSecretKey } from "./secret-key";

// The panel's entry points: the key is loaded (or created) once per process from
// PANEL_SECRET_KEY or <PANEL_DATA_DIR>/secret.key.
let cachedKey: Buffer | null = null;

function panelKey(): Buffer {
  cachedKey ??= loadSecretKey({ env: process.env, dataDir: dataDirFromEnv(process.env) });
  return cachedKey;
}

export const encryptSecret = (plaintext: string, context = ""): string => encryptWithKey(plaintext, panelKey(), context);
export const decryptSecret = (envelope: string, context = ""): string => decryptWithKey(envelope, panelKey(), context);
