import { isIP } from "node:net";
import { errorReport, warningReport, type TReport } from "@/lib/reports/report";
import { ZPacemakerDesired, type TPacemakerDesired, type TPcmkOp } from "./desired";
import { parseAgent } from "./render-cib";

// Checks on a desired Pacemaker configuration before anything is planned or written. Pure.
// Every report names its field in params.field (a dotted path into the desired config).

export type TPacemakerValidateContext = {
  // Cluster node names (CIB <nodes>); null: not known, node references are not checked.
  nodes?: readonly string[] | null;
  // Resource ids in the CIB that this configuration does not manage but may reference.
  existingResourceIds?: readonly string[];
  // Installed agents ("ocf:heartbeat:IPaddr2", "stonith:fence_dummy"); null: not checked.
  agents?: readonly string[] | null;
  // stonith-enabled as the cluster has it, for when the desired config leaves it alone.
  stonithEnabled?: boolean | null;
  // Fencing devices already in the CIB and not managed here.
  existingStonithDevices?: number;
};

// xsd:ID as Pacemaker's schema needs it, kept to ASCII so every id is also safe in an XPath
// literal and a file name.
export const XML_ID = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;
const ATTR_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;
const PROPERTY_NAME = /^[a-z][a-z0-9-]{0,63}$/;
const SCORE = /^[-+]?(?:INFINITY|\d{1,9})$/;
const INTERVAL = /^\d{1,9}(?:ms|s|m|min|h)?$/;
const OCF_AGENT = /^ocf:[A-Za-z0-9_.-]+:[A-Za-z0-9_.+-]+$/;
const OTHER_AGENT = /^(?:systemd|lsb|service):[A-Za-z0-9_.@+-]+$/;
const FENCE_AGENT = /^fence_[A-Za-z0-9_]+$/;
// Control characters cannot be typed into crmsh or pcs either and only hide mistakes.
const CONTROL = /[\u0000-\u001f\u007f]/;

const OP_NAMES = new Set(["monitor", "start", "stop", "promote", "demote", "notify", "migrate_to", "migrate_from", "reload", "reload-agent"]);
const ROLES = new Set(["Started", "Stopped", "Promoted", "Unpromoted"]);
const ORDER_ACTIONS = new Set(["start", "stop", "promote", "demote"]);
const NO_QUORUM_POLICIES = new Set(["stop", "freeze", "ignore", "demote", "suicide"]);
const BOOLEAN = /^(?:true|false|yes|no|on|off|1|0)$/i;
// Agents whose resources hold data: running them on both sides of a split corrupts it.
const DATA_AGENTS = /^ocf:(?:linbit:drbd|heartbeat:(?:Filesystem|LVM-activate|LVM|ZFS|iSCSILogicalUnit|iSCSITarget|nfsserver|mysql|pgsql|mariadb))$/;

const field = (...path: (string | number)[]) => path.join(".");
const isTrue = (v: string | undefined) => v !== undefined && /^(?:true|yes|on|1)$/i.test(v);

function schemaReports(desired: unknown): TReport[] {
  const parsed = ZPacemakerDesired.safeParse(desired);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const f = field(...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)));
    return errorReport("PACEMAKER_CONFIG_INVALID", `${f || "config"}: ${issue.message}`, { field: f });
  });
}

function idReports(d: TPacemakerDesired): TReport[] {
  const out: TReport[] = [];
  const seen = new Map<string, string>();
  const check = (id: string, f: string, what: string) => {
    if (!XML_ID.test(id)) {
      out.push(
        errorReport("PACEMAKER_INVALID_ID", `${what} id ${JSON.stringify(id)} is not a valid XML id: start with a letter or "_", then letters, digits, "_", "-" or ".".`, {
          field: f,
          id,
        }),
      );
      return;
    }
    const other = seen.get(id);
    if (other !== undefined) out.push(errorReport("PACEMAKER_DUPLICATE_ID", `${f} uses the id ${id}, which ${other} already has; ids are unique across the CIB.`, { field: f, id }));
    else seen.set(id, f);
  };
  d.stonith.forEach((s, i) => check(s.id, field("stonith", i, "id"), "Fencing device"));
  d.primitives.forEach((p, i) => check(p.id, field("primitives", i, "id"), "Resource"));
  d.groups.forEach((g, i) => check(g.id, field("groups", i, "id"), "Group"));
  d.clones.forEach((c, i) => check(c.id, field("clones", i, "id"), "Clone"));
  d.locations.forEach((c, i) => check(c.id, field("locations", i, "id"), "Location constraint"));
  d.colocations.forEach((c, i) => check(c.id, field("colocations", i, "id"), "Colocation constraint"));
  d.orders.forEach((c, i) => check(c.id, field("orders", i, "id"), "Order constraint"));
  return out;
}

function nameValueReports(values: Record<string, string>, f: string, nameRule: RegExp): TReport[] {
  return Object.entries(values).flatMap(([name, value]) => {
    if (!nameRule.test(name)) {
      return [errorReport("PACEMAKER_INVALID_NAME", `${JSON.stringify(name)} in ${f} is not a valid attribute name.`, { field: field(f, name), name })];
    }
    if (CONTROL.test(value)) {
      return [errorReport("PACEMAKER_INVALID_VALUE", `The value of ${name} in ${f} contains control characters (newline, tab, ...).`, { field: field(f, name) })];
    }
    return [];
  });
}

function opReports(ops: TPcmkOp[], f: string): TReport[] {
  const out: TReport[] = [];
  const monitors = new Map<string, number>();
  ops.forEach((op, i) => {
    const of = field(f, i);
    if (!OP_NAMES.has(op.name)) out.push(errorReport("PACEMAKER_INVALID_OP", `${JSON.stringify(op.name)} is not a resource operation (monitor, start, stop, promote, ...).`, { field: field(of, "name") }));
    if (!INTERVAL.test(op.interval)) out.push(errorReport("PACEMAKER_INVALID_INTERVAL", `Interval ${JSON.stringify(op.interval)} is not a duration like 10s or 1m.`, { field: field(of, "interval") }));
    if (op.timeout !== null && !INTERVAL.test(op.timeout)) out.push(errorReport("PACEMAKER_INVALID_INTERVAL", `Timeout ${JSON.stringify(op.timeout)} is not a duration like 20s.`, { field: field(of, "timeout") }));
    if (op.role !== null && !ROLES.has(op.role)) out.push(errorReport("PACEMAKER_INVALID_ROLE", `Role ${JSON.stringify(op.role)} is not one of ${[...ROLES].join(", ")}.`, { field: field(of, "role") }));
    if (op.name === "monitor") {
      const before = monitors.get(op.interval);
      // Pacemaker tells recurring operations apart by name and interval only.
      if (before !== undefined) out.push(errorReport("PACEMAKER_DUPLICATE_MONITOR", `Monitors ${before + 1} and ${i + 1} both run every ${op.interval}; give each role its own interval.`, { field: field(of, "interval") }));
      else monitors.set(op.interval, i);
    }
  });
  return out;
}

function ipParamReports(params: Record<string, string>, f: string): TReport[] {
  const out: TReport[] = [];
  const ip = params.ip;
  if (ip === undefined || isIP(ip) === 0) {
    out.push(errorReport("PACEMAKER_BAD_IP", `IPaddr2 needs ip=<address>; ${ip === undefined ? "none is given" : JSON.stringify(ip) + " is not an IP address"}.`, { field: field(f, "ip"), value: ip ?? null }));
    return out;
  }
  const mask = params.cidr_netmask;
  const max = isIP(ip) === 4 ? 32 : 128;
  if (mask !== undefined && (!/^\d{1,3}$/.test(mask) || Number(mask) > max)) {
    out.push(errorReport("PACEMAKER_BAD_NETMASK", `cidr_netmask ${JSON.stringify(mask)} is not a prefix length from 0 to ${max}.`, { field: field(f, "cidr_netmask"), value: mask }));
  }
  return out;
}

function required(params: Record<string, string>, f: string, agent: string, names: string[]): TReport[] {
  return names
    .filter((n) => !params[n])
    .map((n) => errorReport("PACEMAKER_PARAM_MISSING", `${agent} needs the parameter ${n}.`, { field: field(f, n) }));
}

function agentReports(d: TPacemakerDesired, ctx: TPacemakerValidateContext): TReport[] {
  const out: TReport[] = [];
  const installed = ctx.agents ? new Set(ctx.agents) : null;
  d.primitives.forEach((p, i) => {
    const f = field("primitives", i);
    const ref = parseAgent(p.agent);
    if (!ref || !(OCF_AGENT.test(p.agent) || OTHER_AGENT.test(p.agent))) {
      out.push(errorReport("PACEMAKER_INVALID_AGENT", `${JSON.stringify(p.agent)} is not an agent like ocf:heartbeat:IPaddr2 or systemd:nginx.`, { field: field(f, "agent") }));
    } else if (installed && ref.standard === "ocf" && !installed.has(p.agent)) {
      out.push(errorReport("PACEMAKER_UNKNOWN_AGENT", `Resource ${p.id}: the agent ${p.agent} is not installed on the cluster nodes.`, { field: field(f, "agent"), agent: p.agent }));
    }
    out.push(...nameValueReports(p.params, field(f, "params"), ATTR_NAME), ...nameValueReports(p.meta, field(f, "meta"), ATTR_NAME), ...opReports(p.ops, field(f, "ops")));
    const pf = field(f, "params");
    if (p.agent === "ocf:heartbeat:IPaddr2") out.push(...ipParamReports(p.params, pf));
    if (p.agent === "ocf:heartbeat:Filesystem") {
      out.push(...required(p.params, pf, p.agent, ["device", "directory", "fstype"]));
      const dir = p.params.directory;
      if (dir && !dir.startsWith("/")) out.push(errorReport("PACEMAKER_BAD_PATH", `directory ${JSON.stringify(dir)} must be an absolute path.`, { field: field(pf, "directory") }));
    }
    if (p.agent === "ocf:heartbeat:LVM-activate") out.push(...required(p.params, pf, p.agent, ["vgname", "vg_access_mode"]));
    if (p.agent === "ocf:linbit:drbd") {
      out.push(...required(p.params, pf, p.agent, ["drbd_resource"]));
      if (!d.clones.some((c) => c.child === p.id && c.promotable)) {
        out.push(errorReport("PACEMAKER_DRBD_NOT_PROMOTABLE", `${p.id} runs ocf:linbit:drbd, which must be the child of a promotable clone.`, { field: field(f, "id") }));
      }
    }
  });
  d.stonith.forEach((s, i) => {
    const f = field("stonith", i);
    if (!FENCE_AGENT.test(s.agent)) {
      out.push(errorReport("PACEMAKER_INVALID_AGENT", `${JSON.stringify(s.agent)} is not a fence agent like fence_ipmilan.`, { field: field(f, "agent") }));
    } else if (installed && !installed.has(`stonith:${s.agent}`)) {
      out.push(errorReport("PACEMAKER_UNKNOWN_AGENT", `Fencing device ${s.id}: the agent ${s.agent} is not installed on the cluster nodes.`, { field: field(f, "agent"), agent: s.agent }));
    }
    out.push(...nameValueReports(s.params, field(f, "params"), ATTR_NAME), ...nameValueReports(s.meta, field(f, "meta"), ATTR_NAME), ...opReports(s.ops, field(f, "ops")));
  });
  return out;
}

function structureReports(d: TPacemakerDesired, ctx: TPacemakerValidateContext): TReport[] {
  const out: TReport[] = [];
  const primitives = new Set(d.primitives.map((p) => p.id));
  const groups = new Set(d.groups.map((g) => g.id));
  const promotable = new Set(d.clones.filter((c) => c.promotable).map((c) => c.id));
  const inGroup = new Map<string, string>();
  d.groups.forEach((g, i) => {
    if (g.members.length === 0) out.push(errorReport("PACEMAKER_EMPTY_GROUP", `Group ${g.id} has no members.`, { field: field("groups", i, "members") }));
    g.members.forEach((m, j) => {
      const f = field("groups", i, "members", j);
      if (!primitives.has(m)) out.push(errorReport("PACEMAKER_UNKNOWN_RESOURCE", `Group ${g.id} lists ${m}, which is not a primitive of this configuration.`, { field: f, id: m }));
      const other = inGroup.get(m);
      if (other !== undefined) out.push(errorReport("PACEMAKER_RESOURCE_IN_TWO_GROUPS", `${m} is a member of both ${other} and ${g.id}.`, { field: f, id: m }));
      else inGroup.set(m, g.id);
    });
    out.push(...nameValueReports(g.meta, field("groups", i, "meta"), ATTR_NAME));
  });
  const clonedBy = new Map<string, string>();
  d.clones.forEach((c, i) => {
    const f = field("clones", i, "child");
    if (!primitives.has(c.child) && !groups.has(c.child)) {
      out.push(errorReport("PACEMAKER_UNKNOWN_RESOURCE", `Clone ${c.id} clones ${c.child}, which is not a primitive or group of this configuration.`, { field: f, id: c.child }));
    }
    if (inGroup.has(c.child)) out.push(errorReport("PACEMAKER_CLONE_OF_GROUP_MEMBER", `Clone ${c.id} clones ${c.child}, a member of group ${inGroup.get(c.child)}; clone the group instead.`, { field: f }));
    const other = clonedBy.get(c.child);
    if (other !== undefined) out.push(errorReport("PACEMAKER_CLONED_TWICE", `${c.child} is cloned by both ${other} and ${c.id}.`, { field: f }));
    else clonedBy.set(c.child, c.id);
    out.push(...nameValueReports(c.meta, field("clones", i, "meta"), ATTR_NAME));
  });

  const known = new Set([...primitives, ...groups, ...d.clones.map((c) => c.id), ...d.stonith.map((s) => s.id), ...(ctx.existingResourceIds ?? [])]);
  const ref = (id: string, f: string, what: string) => {
    if (!known.has(id)) out.push(errorReport("PACEMAKER_UNKNOWN_RESOURCE", `${what} refers to ${id}, which is neither in this configuration nor in the cluster.`, { field: f, id }));
  };
  const score = (s: string, f: string) => {
    if (!SCORE.test(s)) out.push(errorReport("PACEMAKER_INVALID_SCORE", `Score ${JSON.stringify(s)} is not an integer or INFINITY/-INFINITY.`, { field: f }));
  };
  const role = (r: string | null, rsc: string, f: string) => {
    if (r === null) return;
    if (!ROLES.has(r)) out.push(errorReport("PACEMAKER_INVALID_ROLE", `Role ${JSON.stringify(r)} is not one of ${[...ROLES].join(", ")}.`, { field: f }));
    else if ((r === "Promoted" || r === "Unpromoted") && !promotable.has(rsc) && known.has(rsc) && !ctx.existingResourceIds?.includes(rsc)) {
      out.push(errorReport("PACEMAKER_ROLE_NOT_PROMOTABLE", `${rsc} is not a promotable clone, so it has no ${r} role.`, { field: f }));
    }
  };
  const nodes = ctx.nodes ? new Set(ctx.nodes) : null;
  d.locations.forEach((l, i) => {
    ref(l.rsc, field("locations", i, "rsc"), `Location ${l.id}`);
    score(l.score, field("locations", i, "score"));
    if (nodes && !nodes.has(l.node)) out.push(errorReport("PACEMAKER_UNKNOWN_NODE", `Location ${l.id} names node ${l.node}, which is not a cluster node (${[...nodes].join(", ")}).`, { field: field("locations", i, "node") }));
  });
  d.colocations.forEach((c, i) => {
    ref(c.rsc, field("colocations", i, "rsc"), `Colocation ${c.id}`);
    ref(c.withRsc, field("colocations", i, "withRsc"), `Colocation ${c.id}`);
    score(c.score, field("colocations", i, "score"));
    role(c.rscRole, c.rsc, field("colocations", i, "rscRole"));
    role(c.withRscRole, c.withRsc, field("colocations", i, "withRscRole"));
    if (c.rsc === c.withRsc) out.push(errorReport("PACEMAKER_SELF_CONSTRAINT", `Colocation ${c.id} ties ${c.rsc} to itself.`, { field: field("colocations", i, "withRsc") }));
  });
  d.orders.forEach((o, i) => {
    ref(o.first, field("orders", i, "first"), `Order ${o.id}`);
    ref(o.then, field("orders", i, "then"), `Order ${o.id}`);
    for (const [a, k] of [[o.firstAction, "firstAction"], [o.thenAction, "thenAction"]] as const) {
      if (a !== null && !ORDER_ACTIONS.has(a)) out.push(errorReport("PACEMAKER_INVALID_ACTION", `Order action ${JSON.stringify(a)} is not start, stop, promote or demote.`, { field: field("orders", i, k) }));
    }
    if (o.first === o.then) out.push(errorReport("PACEMAKER_SELF_CONSTRAINT", `Order ${o.id} orders ${o.first} after itself.`, { field: field("orders", i, "then") }));
  });
  return out;
}

// Order constraints (and the start order inside groups) form a graph; a cycle means nothing
// on it can ever start. The report names the constraint that closes the loop.
export function orderCycleReports(d: TPacemakerDesired): TReport[] {
  const edges = new Map<string, { to: string; via: number | null }[]>();
  const add = (from: string, to: string, via: number | null) => edges.set(from, [...(edges.get(from) ?? []), { to, via }]);
  d.orders.forEach((o, i) => add(o.first, o.then, i));
  for (const g of d.groups) g.members.slice(1).forEach((m, j) => add(g.members[j] ?? "", m, null));
  const state = new Map<string, "open" | "done">();
  const out: TReport[] = [];
  const path: string[] = [];
  const visit = (node: string): void => {
    state.set(node, "open");
    path.push(node);
    for (const e of edges.get(node) ?? []) {
      const s = state.get(e.to);
      if (s === "open") {
        const cycle = [...path.slice(path.indexOf(e.to)), e.to];
        const closing = e.via ?? d.orders.findIndex((o) => cycle.includes(o.first) && cycle.includes(o.then));
        out.push(
          errorReport("PACEMAKER_ORDER_CYCLE", `The order constraints form a cycle (${cycle.join(" → ")}): none of these resources could ever start.`, {
            field: field("orders", closing, "then"),
            cycle,
          }),
        );
      } else if (s === undefined) visit(e.to);
    }
    path.pop();
    state.set(node, "done");
  };
  for (const node of edges.keys()) if (!state.has(node)) visit(node);
  return out;
}

function propertyReports(d: TPacemakerDesired, ctx: TPacemakerValidateContext): TReport[] {
  const out: TReport[] = [];
  for (const [set, values] of [["properties", d.properties], ["rscDefaults", d.rscDefaults]] as const) {
    out.push(...nameValueReports(values, set, PROPERTY_NAME));
  }
  const p = d.properties;
  const stonithValue = p["stonith-enabled"];
  if (stonithValue !== undefined && !BOOLEAN.test(stonithValue)) out.push(errorReport("PACEMAKER_INVALID_VALUE", `stonith-enabled must be true or false, not ${JSON.stringify(stonithValue)}.`, { field: "properties.stonith-enabled" }));
  const stickiness = d.rscDefaults["resource-stickiness"];
  if (stickiness !== undefined && !SCORE.test(stickiness)) out.push(errorReport("PACEMAKER_INVALID_SCORE", `resource-stickiness ${JSON.stringify(stickiness)} is not an integer or INFINITY.`, { field: "rscDefaults.resource-stickiness" }));
  const stonithOn = stonithValue !== undefined ? isTrue(stonithValue) : (ctx.stonithEnabled ?? true);
  const devices = d.stonith.length + (ctx.existingStonithDevices ?? 0);
  const dataResources = d.primitives.filter((r) => DATA_AGENTS.test(r.agent)).map((r) => r.id);
  if (!stonithOn && dataResources.length > 0) {
    out.push(
      warningReport(
        "PACEMAKER_STONITH_OFF_WITH_DATA",
        `STONITH IS OFF while ${dataResources.join(", ")} hold data. When a node stops answering, Pacemaker will assume it is dead and start the data on another node ` +
          "while the lost node may still write to it: split brain and corrupted data. Configure a fencing device (fence_ipmilan, fence_ilo, a PDU) and set stonith-enabled=true.",
        { field: "properties.stonith-enabled", resources: dataResources },
      ),
    );
  }
  if (stonithOn && devices === 0) {
    out.push(
      errorReport("PACEMAKER_STONITH_NO_DEVICE", "stonith-enabled is true but no fencing device is configured: Pacemaker will not start any resource. Add a fencing device or turn stonith off.", {
        field: "stonith",
      }),
    );
  }
  const policy = p["no-quorum-policy"];
  if (policy !== undefined) {
    if (!NO_QUORUM_POLICIES.has(policy)) {
      out.push(errorReport("PACEMAKER_INVALID_VALUE", `no-quorum-policy must be one of ${[...NO_QUORUM_POLICIES].join(", ")}, not ${JSON.stringify(policy)}.`, { field: "properties.no-quorum-policy" }));
    } else if (policy === "ignore") {
      const count = ctx.nodes?.length ?? null;
      out.push(
        warningReport(
          "PACEMAKER_NO_QUORUM_IGNORE",
          count === 2
            ? "no-quorum-policy=ignore is the old advice for two nodes. With corosync's two_node (or a QDevice) the survivor keeps quorum anyway; ignore only lets both halves of a split run the resources. Leave it at stop."
            : "no-quorum-policy=ignore lets a node that lost contact with the majority keep running its resources while the majority starts them too. Use stop (the default) or freeze.",
          { field: "properties.no-quorum-policy", nodes: count },
        ),
      );
    } else if (policy === "suicide" && !stonithOn) {
      out.push(errorReport("PACEMAKER_SUICIDE_WITHOUT_STONITH", "no-quorum-policy=suicide needs fencing, and stonith is off.", { field: "properties.no-quorum-policy" }));
    }
  }
  return out;
}

export function validatePacemakerDesired(desired: TPacemakerDesired, ctx: TPacemakerValidateContext = {}): TReport[] {
  const schema = schemaReports(desired);
  if (schema.length > 0) return schema;
  return [...idReports(desired), ...agentReports(desired, ctx), ...structureReports(desired, ctx), ...orderCycleReports(desired), ...propertyReports(desired, ctx)];
}
