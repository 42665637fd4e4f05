import { z } from "zod";

// The desired Pacemaker configuration the panel manages: cluster properties, resource
// defaults, primitives (with their agent, parameters and operations), groups, clones
// (promotable or not), constraints and fencing devices. Shapes are loose on purpose (plain
// strings): validate.ts turns every bad value into a report that names its field, which a
// schema error could not do as clearly.

const ZNameValues = z.record(z.string(), z.string());

export const ZPcmkOp = z.object({
  name: z.string(),
  interval: z.string().default("0s"),
  timeout: z.string().nullable().default(null),
  // Promoted/Unpromoted for the two monitors of a promotable resource.
  role: z.string().nullable().default(null),
});
export type TPcmkOp = z.infer<typeof ZPcmkOp>;

export const ZPcmkPrimitive = z.object({
  id: z.string(),
  // class:provider:type for OCF ("ocf:heartbeat:IPaddr2"), class:type otherwise ("systemd:nginx").
  agent: z.string(),
  params: ZNameValues.default({}),
  meta: ZNameValues.default({}),
  ops: z.array(ZPcmkOp).default([]),
});
export type TPcmkPrimitive = z.infer<typeof ZPcmkPrimitive>;

export const ZPcmkGroup = z.object({
  id: z.string(),
  // Primitive ids in start order.
  members: z.array(z.string()),
  meta: ZNameValues.default({}),
});
export type TPcmkGroup = z.infer<typeof ZPcmkGroup>;

export const ZPcmkClone = z.object({
  id: z.string(),
  // A primitive or a group.
  child: z.string(),
  promotable: z.boolean().default(false),
  meta: ZNameValues.default({}),
});
export type TPcmkClone = z.infer<typeof ZPcmkClone>;

// A score is an integer or ±INFINITY, as Pacemaker writes it.
export const ZPcmkColocation = z.object({
  id: z.string(),
  rsc: z.string(),
  withRsc: z.string(),
  score: z.string().default("INFINITY"),
  rscRole: z.string().nullable().default(null),
  withRscRole: z.string().nullable().default(null),
});
export type TPcmkColocation = z.infer<typeof ZPcmkColocation>;

export const ZPcmkOrder = z.object({
  id: z.string(),
  first: z.string(),
  then: z.string(),
  firstAction: z.string().nullable().default(null),
  thenAction: z.string().nullable().default(null),
  kind: z.enum(["Mandatory", "Optional", "Serialize"]).default("Mandatory"),
});
export type TPcmkOrder = z.infer<typeof ZPcmkOrder>;

export const ZPcmkLocation = z.object({
  id: z.string(),
  rsc: z.string(),
  node: z.string(),
  score: z.string(),
});
export type TPcmkLocation = z.infer<typeof ZPcmkLocation>;

// A fencing device: rendered as a primitive of class stonith.
export const ZPcmkStonith = z.object({
  id: z.string(),
  // fence_ipmilan, fence_virsh, fence_dummy, ...
  agent: z.string(),
  params: ZNameValues.default({}),
  meta: ZNameValues.default({}),
  ops: z.array(ZPcmkOp).default([]),
});
export type TPcmkStonith = z.infer<typeof ZPcmkStonith>;

export const ZPacemakerDesired = z.object({
  // cib-bootstrap-options; only the names listed here are managed, the rest are left alone.
  properties: ZNameValues.default({}),
  rscDefaults: ZNameValues.default({}),
  primitives: z.array(ZPcmkPrimitive).default([]),
  groups: z.array(ZPcmkGroup).default([]),
  clones: z.array(ZPcmkClone).default([]),
  colocations: z.array(ZPcmkColocation).default([]),
  orders: z.array(ZPcmkOrder).default([]),
  locations: z.array(ZPcmkLocation).default([]),
  stonith: z.array(ZPcmkStonith).default([]),
});
export type TPacemakerDesired = z.infer<typeof ZPacemakerDesired>;
export type TPacemakerDesiredInput = z.input<typeof ZPacemakerDesired>;
