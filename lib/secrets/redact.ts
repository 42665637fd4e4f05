// Replaces secret fields anywhere in a value before it goes to a browser or a log.
// Redacted fields keep their key (so it is visible that a secret exists) with a marker.

export const REDACTED = "[redacted]";

// Field names that hold secrets across the panel's models.
export const SECRET_FIELDS = ["password", "privateKey", "passphrase", "ciphertext", "secret", "token"] as const;

export type Redacted<T, K extends string> = T extends Date | Uint8Array
  ? T
  : T extends readonly (infer U)[]
    ? Redacted<U, K>[]
    : T extends object
      ? { [P in keyof T]: P extends K ? typeof REDACTED : Redacted<T[P], K> }
      : T;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

export function redact<T, K extends string>(value: T, keys: readonly K[]): Redacted<T, K> {
  const hidden = new Set<string>(keys);
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!isPlainObject(v)) return v;
    return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, hidden.has(k) ? REDACTED : walk(inner)]));
  };
  return walk(value) as Redacted<T, K>;
}
