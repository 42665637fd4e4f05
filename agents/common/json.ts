import type { z } from "zod";
import { ParseError } from "./parse-error";
import { inputLines, parseLenientJson } from "./text";

// Helpers shared by the parsers of JSON outputs (ceph -f json, linstor -m, pvesh).
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Reads JSON as found in the wild (prompt line, CRLF, drbd-utils' nan); truncated or broken
// JSON is a ParseError naming the format.
export function readJson(format: string, input: string): unknown {
  const text = inputLines(input).join("\n").trim();
  if (text === "") throw new ParseError(format, "empty input");
  try {
    return parseLenientJson(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ParseError(format, `not valid JSON, truncated? (${reason})`);
  }
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
