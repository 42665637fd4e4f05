import "server-only";
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from "node:fs";
import path from "node:path";
import { secretError } from "./secret-error";

// Where the key that encrypts credentials comes from:
// 1. PANEL_SECRET_KEY (base64 of 32 bytes), for deployments that manage secrets themselves;
// 2. otherwise <dataDir>/secret.key, created with mode 0600 on first use.
// A key file that others can read is refused: it would make the encryption decorative.

export const KEY_BYTES = 32;
export const KEY_FILE_NAME = "secret.key";
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function parseKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  const key = BASE64.test(trimmed) ? Buffer.from(trimmed, "base64") : Buffer.alloc(0);
  if (key.length !== KEY_BYTES) {
    throw secretError(
      "SECRET_KEY_MALFORMED",
      `${source} must hold ${KEY_BYTES} random bytes in base64 (create one with: openssl rand -base64 32); ` +
        `it holds ${key.length ? `${key.length} bytes` : "no valid base64"}.`,
      { source },
    );
  }
  return key;
}

function readKeyFile(file: string): Buffer {
  const st = statSync(file);
  if ((st.mode & 0o077) !== 0) {
    throw secretError(
      "SECRET_KEY_FILE_INSECURE",
      `${file} is readable by other users (mode ${(st.mode & 0o777).toString(8)}); run chmod 600 ${file}. The panel will not use it until then.`,
      { file, mode: (st.mode & 0o777).toString(8) },
    );
  }
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) {
    throw secretError("SECRET_KEY_FILE_INSECURE", `${file} belongs to uid ${st.uid}, not to the panel's user (uid ${uid}).`, { file });
  }
  return parseKey(readFileSync(file, "utf8"), file);
}

function createKeyFile(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // "wx": if another process created it a moment ago, keep theirs; mode is set at creation,
  // so the key is never readable by others, not even for an instant.
  let fd: number;
  try {
    fd = openSync(file, "wx", 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return;
    throw err;
  }
  try {
    writeSync(fd, randomBytes(KEY_BYTES).toString("base64") + "\n");
  } finally {
    closeSync(fd);
  }
}

export function loadSecretKey(opts: { env: Record<string, string | undefined>; dataDir: string | null }): Buffer {
  const fromEnv = opts.env.PANEL_SECRET_KEY;
  if (fromEnv !== undefined && fromEnv !== "") return parseKey(fromEnv, "PANEL_SECRET_KEY");
  if (!opts.dataDir) {
    throw secretError("SECRET_KEY_MISSING", "No encryption key: set PANEL_SECRET_KEY or give the panel a data directory for secret.key.", {});
  }
  const file = path.join(opts.dataDir, KEY_FILE_NAME);
  try {
    return readKeyFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  createKeyFile(file);
  return readKeyFile(file);
}
