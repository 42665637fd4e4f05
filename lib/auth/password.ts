import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's defaults (19 MiB, t=2), OWASP's recommended floor.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A hash to verify against when the user does not exist, so a login for an unknown
// name costs the same time as one for a known name.
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash("not-a-real-password-but-same-cost");
  return dummyHash;
}
