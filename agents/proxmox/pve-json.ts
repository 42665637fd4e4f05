import { ParseError } from "../common/parse-error";
import { parseLenientJson } from "../common/text";

// Proxmox JSON comes two ways: `pvesh ... --output-format json` prints the bare value, the REST
// API wraps it as {"data": ...}. Perl serialises booleans as 0/1 and sometimes numbers as strings.

export type TJsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is TJsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function readPveJson(text: string, format: string): unknown {
  if (text.trim() === "") throw new ParseError(format, "empty input");
  let value: unknown;
  try {
    value = parseLenientJson(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ParseError(format, `not valid JSON (${reason})`);
  }
  if (isJsonObject(value) && "data" in value) return value.data;
  return value;
}

export function jsonNum(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value.trim())) return Number(value);
  return null;
}

export function jsonInt(value: unknown): number | null {
  const n = jsonNum(value);
  return n !== null && Number.isInteger(n) ? n : null;
}

export function jsonBool(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (value === 1 || value === "1" || value === "true") return true;
  if (value === 0 || value === "0" || value === "false") return false;
  return null;
}

export function jsonStr(value: unknown): string | null {
  if (typeof value === "string") return value === "" ? null : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}
