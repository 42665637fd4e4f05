import { isObject, readJson, validated, type JsonObject } from "../common/json";
import { ParseError } from "../common/parse-error";

export { isObject, readJson, validated, type JsonObject };

export function str(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

// LINSTOR reports "unlimited" as Long.MAX_VALUE (the diskless pool's capacities), which no JS
// number holds exactly: integers past 2^53 read as null.
export function int(value: unknown): number | null {
  return typeof value === "number" && Number.isSafeInteger(value) ? value + 0 : null;
}

export function bool(value: unknown): boolean | null {
  return typeof value === "boolean" ? value : null;
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

// The objects of one `linstor -m ... list` / REST list answer, whichever wrapping it came in:
// the REST array itself, the client's list of per-answer lists ([[{...}]]), or the pre-1.0
// client's [{<legacyKey>: [...]}] (returned as is, for the caller to read the legacy fields).
// An answer made of ApiCallRc entries is LINSTOR reporting an error, not a list.
export function listObjects(format: string, data: unknown, legacyKey: string): { items: JsonObject[]; legacy: JsonObject[] } {
  const top = Array.isArray(data) ? data : isObject(data) && Array.isArray(data[legacyKey]) ? [data] : null;
  if (top === null) throw new ParseError(format, "expected a JSON list");
  const items: JsonObject[] = [];
  const legacy: JsonObject[] = [];
  for (const entry of top) {
    if (Array.isArray(entry)) items.push(...entry.filter(isObject));
    else if (isObject(entry) && Array.isArray(entry[legacyKey])) legacy.push(entry);
    else if (isObject(entry)) items.push(entry);
  }
  const error = items.find((o) => "ret_code" in o && "message" in o);
  if (error) throw new ParseError(format, `LINSTOR answered with a message instead of a list: ${str(error.message) ?? "?"}`);
  return { items, legacy };
}

