import { z } from "zod";

// A DRBD resource as the panel writes it to /etc/drbd.d/NAME.res. The same model renders to
// 8.4 and 9 syntax; options the model does not name survive in the sections' `extra` maps.

// Option values as drbd.conf writes them: a number with an optional k/M/G unit.
const ZSizeValue = z.string().regex(/^\d+[kKmMgGsS]?$/, "a number with an optional k/M/G unit");

const ZExtra = z.record(z.string(), z.string()).default({});

export const ZDrbdResAddress = z.object({
  family: z.enum(["ipv4", "ipv6", "ssocks", "sdp", "sci"]).default("ipv4"),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
});
export type TDrbdResAddress = z.infer<typeof ZDrbdResAddress>;

export const ZDrbdResVolume = z.object({
  volume: z.number().int().nonnegative(),
  device: z.string().min(1),
  minor: z.number().int().nonnegative(),
  // null: no backing disk (`disk none;`, a diskless client).
  disk: z.string().min(1).nullable(),
  metaDisk: z.string().min(1).default("internal"),
});
export type TDrbdResVolume = z.infer<typeof ZDrbdResVolume>;

// What one host does differently from the resource-wide volume (absent field = inherited).
export const ZDrbdResVolumeOverride = z.object({
  volume: z.number().int().nonnegative(),
  device: z.string().min(1).optional(),
  minor: z.number().int().nonnegative().optional(),
  disk: z.string().min(1).nullable().optional(),
  metaDisk: z.string().min(1).optional(),
});
export type TDrbdResVolumeOverride = z.infer<typeof ZDrbdResVolumeOverride>;

export const ZDrbdResHost = z.object({
  name: z.string().min(1),
  nodeId: z.number().int().nonnegative().nullable().default(null),
  address: ZDrbdResAddress.nullable(),
  volumes: z.array(ZDrbdResVolumeOverride).default([]),
});
export type TDrbdResHost = z.infer<typeof ZDrbdResHost>;

export const ZDrbdResNet = z
  .object({
    cramHmacAlg: z.string().min(1).nullable().default(null),
    sharedSecret: z.string().min(1).nullable().default(null),
    allowTwoPrimaries: z.boolean().nullable().default(null),
    afterSb0pri: z.string().min(1).nullable().default(null),
    afterSb1pri: z.string().min(1).nullable().default(null),
    afterSb2pri: z.string().min(1).nullable().default(null),
    extra: ZExtra,
  })
  .prefault({});
export type TDrbdResNet = z.infer<typeof ZDrbdResNet>;

export const ZDrbdResDisk = z
  .object({
    resyncRate: ZSizeValue.nullable().default(null),
    cPlanAhead: z.number().int().nonnegative().nullable().default(null),
    cFillTarget: ZSizeValue.nullable().default(null),
    cMaxRate: ZSizeValue.nullable().default(null),
    cMinRate: ZSizeValue.nullable().default(null),
    extra: ZExtra,
  })
  .prefault({});
export type TDrbdResDisk = z.infer<typeof ZDrbdResDisk>;

// DRBD 9 resource options (quorum lives here); 8.4 has no quorum.
export const ZDrbdResOptions = z
  .object({
    autoPromote: z.boolean().nullable().default(null),
    quorum: z.string().min(1).nullable().default(null),
    onNoQuorum: z.enum(["io-error", "suspend-io"]).nullable().default(null),
    extra: ZExtra,
  })
  .prefault({});
export type TDrbdResOptions = z.infer<typeof ZDrbdResOptions>;

export const ZDrbdFencing = z.enum(["dont-care", "resource-only", "resource-and-stonith"]);

export const ZDrbdResourceConfig = z.object({
  name: z.string().min(1),
  protocol: z.enum(["A", "B", "C"]).nullable().default(null),
  // A net option in 9, a disk option in 8.4: the renderers put it where each version wants it.
  fencing: ZDrbdFencing.nullable().default(null),
  net: ZDrbdResNet,
  disk: ZDrbdResDisk,
  options: ZDrbdResOptions,
  startup: ZExtra,
  handlers: ZExtra,
  volumes: z.array(ZDrbdResVolume).min(1),
  hosts: z.array(ZDrbdResHost),
  connectionMesh: z.array(z.string().min(1)).nullable().default(null),
});
export type TDrbdResourceConfig = z.infer<typeof ZDrbdResourceConfig>;
export type TDrbdResourceConfigInput = z.input<typeof ZDrbdResourceConfig>;

export const ZDrbdResFile = z.object({ resources: z.array(ZDrbdResourceConfig) });
export type TDrbdResFile = z.infer<typeof ZDrbdResFile>;
