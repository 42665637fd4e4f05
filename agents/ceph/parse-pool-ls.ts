import { z } from "zod";
import { ParseError } from "../common/parse-error";
import { counter, isObject, readJson, text, validated } from "./json";

const FORMAT = "ceph-osd-pool-ls-detail-json";

export const ZCephPool = z.object({
  id: z.number().int().nonnegative().nullable(),
  name: z.string(),
  size: z.number().int().nonnegative().nullable(),
  minSize: z.number().int().nonnegative().nullable(),
  pgNum: z.number().int().nonnegative().nullable(),
  // on / warn / off; null before Nautilus, which had no autoscaler.
  autoscaleMode: z.string().nullable(),
  applications: z.array(z.string()),
});
export type TCephPool = z.infer<typeof ZCephPool>;

// `ceph osd pool ls detail -f json`: one object per pool (pool_id, pool_name, size, min_size,
// pg_num, pg_autoscale_mode, application_metadata{rbd:{}}). Plain `ceph osd pool ls -f json`
// (a list of names) is read too, with the settings unknown.
export function parseCephPoolLsJson(input: string): TCephPool[] {
  const data = readJson(FORMAT, input);
  if (!Array.isArray(data)) throw new ParseError(FORMAT, "expected a JSON list of pools");
  const pools = data.map((p, i) => {
    if (typeof p === "string") return { id: null, name: p, size: null, minSize: null, pgNum: null, autoscaleMode: null, applications: [] };
    const name = isObject(p) ? text(p.pool_name) : null;
    if (!isObject(p) || name === null) throw new ParseError(FORMAT, `entry ${i} has no pool_name: not a pool list`);
    return {
      id: counter(p.pool_id),
      name,
      size: counter(p.size),
      minSize: counter(p.min_size),
      pgNum: counter(p.pg_num),
      autoscaleMode: text(p.pg_autoscale_mode),
      applications: isObject(p.application_metadata) ? Object.keys(p.application_metadata) : [],
    };
  });
  return validated(FORMAT, z.array(ZCephPool), pools);
}
