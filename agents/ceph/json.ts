import type { z } from "zod";
import { ParseError } from "../common/parse-error";
import { inputLines, parseLenientJson } from "../common/text";

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function readJson(format: string, input: string): unknown {
  const text = inputLines(input).join("\n").trim();
  if (text === "") throw new ParseError(format, "empty input");
  try {
    return parseLenientJson(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ParseError(format, `not valid JSON (${reason})`);
  }
}

// Ceph prints its counters as unsigned 64-bit numbers: a counter that went below zero shows up as
// something near 2^64, and a few fields print "-0". A wrapped counter carries no information, so
// it reads as null; -0 reads as 0. Old releases quote some numbers, which are read too.
const WRAPPED = 2 ** 63;

export function counter(value: unknown): number | null {
  const n = typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) return null;
  if (n < 0 || n >= WRAPPED) return null;
  return Math.round(n) + 0;
}

export function decimal(value: unknown): number | null {
  const n = typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) return null;
  return n + 0;
}

export function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

// The model's schema is the last check: a value the parser read but the model cannot hold (a
// negative OSD id, a fractional count) is input this format cannot read, not a crash.
export function validated<T>(format: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue ? issue.path.join(".") : "";
  throw new ParseError(format, `unexpected value${where ? ` at ${where}` : ""}: ${issue?.message ?? "invalid"}`);
}
