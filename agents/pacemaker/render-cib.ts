import type { TCibElement } from "./cib-xml";
import type { TPacemakerDesired, TPcmkClone, TPcmkGroup, TPcmkOp, TPcmkPrimitive, TPcmkStonith } from "./desired";

// Desired state → CIB elements, the way pcs names nested ids (`<rsc>-instance_attributes-<name>`,
// `<rsc>-monitor-interval-10s`), so a configuration the panel wrote reads naturally in
// `crm configure show` and `pcs resource config`. Pure; validate.ts has already refused
// anything these ids could not carry.

export type TAgentRef = { standard: string; provider: string | null; type: string };

// "ocf:heartbeat:IPaddr2" → ocf/heartbeat/IPaddr2; "systemd:nginx" → systemd/null/nginx.
export function parseAgent(agent: string): TAgentRef | null {
  const parts = agent.split(":");
  if (parts[0] === "ocf") {
    if (parts.length !== 3 || !parts[1] || !parts[2]) return null;
    return { standard: "ocf", provider: parts[1], type: parts[2] };
  }
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  return { standard: parts[0], provider: null, type: parts[1] };
}

const el = (name: string, attrs: Record<string, string | null>, children: TCibElement[] = []): TCibElement => ({
  name,
  attrs: Object.fromEntries(Object.entries(attrs).filter((e): e is [string, string] => e[1] !== null)),
  children,
});

function attributeSet(kind: "instance_attributes" | "meta_attributes", owner: string, values: Record<string, string>): TCibElement[] {
  const entries = Object.entries(values);
  if (entries.length === 0) return [];
  const setId = `${owner}-${kind}`;
  return [el(kind, { id: setId }, entries.map(([name, value]) => el("nvpair", { id: `${setId}-${name}`, name, value })))];
}

export function opId(owner: string, op: TPcmkOp): string {
  return `${owner}-${op.name}-interval-${op.interval}${op.role ? `-${op.role}` : ""}`;
}

function operations(owner: string, ops: TPcmkOp[]): TCibElement[] {
  if (ops.length === 0) return [];
  return [el("operations", {}, ops.map((op) => el("op", { id: opId(owner, op), name: op.name, interval: op.interval, timeout: op.timeout, role: op.role })))];
}

function primitiveElement(p: TPcmkPrimitive): TCibElement {
  const agent = parseAgent(p.agent) ?? { standard: p.agent, provider: null, type: p.agent };
  return el("primitive", { id: p.id, class: agent.standard, provider: agent.provider, type: agent.type }, [
    ...attributeSet("instance_attributes", p.id, p.params),
    ...attributeSet("meta_attributes", p.id, p.meta),
    ...operations(p.id, p.ops),
  ]);
}

export function stonithElement(s: TPcmkStonith): TCibElement {
  return el("primitive", { id: s.id, class: "stonith", type: s.agent }, [
    ...attributeSet("instance_attributes", s.id, s.params),
    ...attributeSet("meta_attributes", s.id, s.meta),
    ...operations(s.id, s.ops),
  ]);
}

function groupElement(g: TPcmkGroup, primitives: Map<string, TPcmkPrimitive>): TCibElement {
  const members = g.members.flatMap((m) => {
    const p = primitives.get(m);
    return p ? [primitiveElement(p)] : [];
  });
  return el("group", { id: g.id }, [...attributeSet("meta_attributes", g.id, g.meta), ...members]);
}

function cloneElement(c: TPcmkClone, inner: TCibElement | null): TCibElement {
  const meta = c.promotable ? { promotable: "true", ...c.meta } : c.meta;
  return el("clone", { id: c.id }, [...attributeSet("meta_attributes", c.id, meta), ...(inner ? [inner] : [])]);
}

// The top-level children of <resources>: fencing devices, then each primitive, group and clone
// that is not nested in another.
export function renderResources(d: TPacemakerDesired): TCibElement[] {
  const primitives = new Map(d.primitives.map((p) => [p.id, p]));
  const groups = new Map(d.groups.map((g) => [g.id, g]));
  const grouped = new Set(d.groups.flatMap((g) => g.members));
  const cloned = new Set(d.clones.map((c) => c.child));
  const inner = (id: string): TCibElement | null => {
    const g = groups.get(id);
    if (g) return groupElement(g, primitives);
    const p = primitives.get(id);
    return p ? primitiveElement(p) : null;
  };
  return [
    ...d.stonith.map(stonithElement),
    ...d.primitives.filter((p) => !grouped.has(p.id) && !cloned.has(p.id)).map(primitiveElement),
    ...d.groups.filter((g) => !cloned.has(g.id)).map((g) => groupElement(g, primitives)),
    ...d.clones.map((c) => cloneElement(c, inner(c.child))),
  ];
}

export function renderConstraints(d: TPacemakerDesired): TCibElement[] {
  return [
    ...d.locations.map((l) => el("rsc_location", { id: l.id, rsc: l.rsc, node: l.node, score: l.score })),
    ...d.colocations.map((c) =>
      el("rsc_colocation", { id: c.id, rsc: c.rsc, "with-rsc": c.withRsc, score: c.score, "rsc-role": c.rscRole, "with-rsc-role": c.withRscRole }),
    ),
    ...d.orders.map((o) =>
      el("rsc_order", { id: o.id, first: o.first, "first-action": o.firstAction, then: o.then, "then-action": o.thenAction, kind: o.kind }),
    ),
  ];
}
