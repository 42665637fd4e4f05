import { z } from "zod";

// Shapes of ../shared/contracts/parse-cli.md "Ceph"; every field past the contract's is an extra
// the dashboard uses (recovery ratios, client io, mgr). Text outputs fill what they carry and leave
// the rest null, so the JSON and text parsers of one command return the same model.

// code is null where the source only has the summary (Jewel JSON, `ceph -s` text) and the summary
// matches none of the well-known checks; severity is null where the source does not say it.
export const ZCephCheck = z.object({
  code: z.string().nullable(),
  severity: z.string().nullable(),
  summary: z.string(),
  detail: z.array(z.string()),
});
export type TCephCheck = z.infer<typeof ZCephCheck>;

export const ZCephHealth = z.object({
  health: z.string().nullable(),
  checks: z.array(ZCephCheck),
});
export type TCephHealth = z.infer<typeof ZCephHealth>;

// `ceph health [detail]`: detail holds lines that belong to no check (pre-Luminous detail output,
// Jewel's JSON detail[]), which cannot be tied to a summary.
export const ZCephHealthReport = ZCephHealth.extend({ detail: z.array(z.string()) });
export type TCephHealthReport = z.infer<typeof ZCephHealthReport>;

const count = z.number().int().nonnegative();
const nullableCount = count.nullable();

export const ZCephObjectRatio = z.object({
  objects: count,
  total: count,
  percent: z.number(),
});

export const ZCephStatus = ZCephHealth.extend({
  fsid: z.string().nullable(),
  mons: z.object({ total: nullableCount, inQuorum: z.array(z.string()) }),
  mgr: z.object({ active: z.string().nullable(), standbys: z.array(z.string()) }).nullable(),
  osds: z.object({ total: nullableCount, up: nullableCount, in: nullableCount, remappedPgs: nullableCount }),
  pgs: z.object({
    total: nullableCount,
    byState: z.record(z.string(), count),
    degraded: ZCephObjectRatio.nullable(),
    misplaced: ZCephObjectRatio.nullable(),
  }),
  pools: nullableCount,
  objects: nullableCount,
  // Text outputs print rounded sizes ("3.20G", "1.3 TiB"): their byte counts are approximations.
  bytes: z.object({ used: nullableCount, avail: nullableCount, total: nullableCount, data: nullableCount }),
  io: z
    .object({
      readBytesPerSec: nullableCount,
      writeBytesPerSec: nullableCount,
      readOpsPerSec: nullableCount,
      writeOpsPerSec: nullableCount,
    })
    .nullable(),
});
export type TCephStatus = z.infer<typeof ZCephStatus>;

// status: "up" | "down" | "destroyed" (JSON and text agree; text's "DNE" becomes "down" with
// exists false, which is what the JSON says for the same OSD).
export const ZCephOsd = z.object({
  id: count,
  name: z.string(),
  status: z.string(),
  class: z.string().nullable(),
  weight: z.number(),
  reweight: z.number().nullable(),
  exists: z.boolean().nullable(),
});
export type TCephOsd = z.infer<typeof ZCephOsd>;

// An OSD belongs to its nearest `host` ancestor (a chassis between them does not matter). An OSD
// with no host above it is listed under its nearest bucket instead, and that entry's bucketType
// says it is not a host (e.g. "rack"), so failure-domain maths can tell the two apart.
export const ZCephOsdHost = z.object({
  name: z.string(),
  bucketType: z.string(),
  osds: z.array(ZCephOsd),
});
export type TCephOsdHost = z.infer<typeof ZCephOsdHost>;

// stray: OSDs that exist in the osdmap but sit in no CRUSH bucket.
export const ZCephOsdTree = z.object({
  hosts: z.array(ZCephOsdHost),
  stray: z.array(ZCephOsd),
});
export type TCephOsdTree = z.infer<typeof ZCephOsdTree>;

export const ZCephOsdUsage = z.object({
  id: count,
  class: z.string().nullable(),
  weight: z.number().nullable(),
  reweight: z.number().nullable(),
  sizeBytes: nullableCount,
  usedBytes: nullableCount,
  availBytes: nullableCount,
  utilization: z.number().nullable(),
  variance: z.number().nullable(),
  pgs: nullableCount,
  status: z.string().nullable(),
});
export type TCephOsdUsage = z.infer<typeof ZCephOsdUsage>;

export const ZCephOsdDf = z.object({
  osds: z.array(ZCephOsdUsage),
  total: z
    .object({
      sizeBytes: nullableCount,
      usedBytes: nullableCount,
      availBytes: nullableCount,
      utilization: z.number().nullable(),
    })
    .nullable(),
  minVar: z.number().nullable(),
  maxVar: z.number().nullable(),
  stddev: z.number().nullable(),
});
export type TCephOsdDf = z.infer<typeof ZCephOsdDf>;
