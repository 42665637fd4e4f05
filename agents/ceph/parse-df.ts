import { z } from "zod";
import { ParseError } from "../common/parse-error";
import { counter, decimal, isObject, readJson, text, validated } from "./json";

const FORMAT = "ceph-df-json";

// Per-pool usage from `ceph df -f json`: pools[].{name, id, stats{stored, bytes_used,
// percent_used, max_avail, objects}}. "stored" (user data before replication) exists since
// Nautilus; older releases only have bytes_used, which then is the user data too. percent_used
// is a ratio 0..1 since Nautilus and a percentage 0..100 before it: it is recomputed from
// bytes_used and max_avail instead of trusting either.
export const ZCephPoolUsage = z.object({
  name: z.string(),
  id: z.number().int().nonnegative().nullable(),
  storedBytes: z.number().int().nonnegative().nullable(),
  usedBytes: z.number().int().nonnegative().nullable(),
  maxAvailBytes: z.number().int().nonnegative().nullable(),
  objects: z.number().int().nonnegative().nullable(),
  // Share of the pool's reachable space in use, 0..1 (Ceph's own formula: used / (used + max_avail)).
  usedRatio: z.number().min(0).max(1).nullable(),
});
export type TCephPoolUsage = z.infer<typeof ZCephPoolUsage>;

export function parseCephDfJson(input: string): TCephPoolUsage[] {
  const data = readJson(FORMAT, input);
  if (!isObject(data) || !Array.isArray(data.pools)) throw new ParseError(FORMAT, "expected an object with a pools list: not `ceph df -f json`");
  const pools = data.pools.map((p: unknown, i) => {
    const name = isObject(p) ? text(p.name) : null;
    if (!isObject(p) || name === null) throw new ParseError(FORMAT, `pool entry ${i} has no name`);
    const s = isObject(p.stats) ? p.stats : {};
    const used = counter(s.bytes_used);
    const avail = counter(s.max_avail);
    const ratio = used !== null && avail !== null ? (used + avail === 0 ? 0 : used / (used + avail)) : decimal(s.percent_used);
    return {
      name,
      id: counter(p.id),
      storedBytes: counter(s.stored) ?? used,
      usedBytes: used,
      maxAvailBytes: avail,
      objects: counter(s.objects),
      usedRatio: ratio === null ? null : Math.min(1, Math.max(0, ratio > 1 ? ratio / 100 : ratio)),
    };
  });
  return validated(FORMAT, z.array(ZCephPoolUsage), pools);
}
