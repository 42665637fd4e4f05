// Shared JSON helpers, plus the ways Ceph writes its numbers.
export { isObject, readJson, validated, type JsonObject } from "../common/json";

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

