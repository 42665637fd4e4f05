import { ParseError } from "../common/parse-error";
import { normalizeText } from "../common/text";
import {
  ZPacemakerStatus,
  emptyStatus,
  type TPacemakerFailure,
  type TPacemakerNode,
  type TPacemakerParentKind,
  type TPacemakerResource,
  type TPacemakerStatus,
} from "./model";
import {
  PENDING_ROLES,
  nonEmpty,
  normalizeAgent,
  normalizeRole,
  parseBool,
  parseIntOrNull,
  parseOpKey,
} from "./normalize";
import { child, childrenNamed, parseXmlRoot, type XEl } from "./xml-tree";

const FORMAT = "crm-mon-xml";

type TParentContext = { parent: string | null; parentKind: TPacemakerParentKind | null; cloneId: string | null };

function readSummary(summary: XEl | undefined, status: TPacemakerStatus): boolean | null {
  if (summary === undefined) return null;
  status.stack = nonEmpty(child(summary, "stack")?.attrs.type);
  const dc = child(summary, "current_dc");
  let dcPresent: boolean | null = null;
  if (dc !== undefined) {
    dcPresent = parseBool(dc.attrs.present);
    status.quorate = dcPresent === false ? null : parseBool(dc.attrs.with_quorum);
    status.dcVersion = nonEmpty(dc.attrs.version);
    if (dcPresent !== false) status.dc = nonEmpty(dc.attrs.name);
  }
  status.lastUpdated = nonEmpty(child(summary, "last_update")?.attrs.time);
  status.lastChange = nonEmpty(child(summary, "last_change")?.attrs.time);
  status.nodesConfigured = parseIntOrNull(child(summary, "nodes_configured")?.attrs.number);
  const rc = child(summary, "resources_configured");
  status.resourcesConfigured = parseIntOrNull(rc?.attrs.number);
  status.resourcesDisabled = parseIntOrNull(rc?.attrs.disabled);
  status.resourcesBlocked = parseIntOrNull(rc?.attrs.blocked);
  const options = child(summary, "cluster_options")?.attrs ?? {};
  status.stonithEnabled = parseBool(options["stonith-enabled"] ?? options["fencing-enabled"]);
  status.maintenanceMode = parseBool(options["maintenance-mode"]);
  status.stopAllResources = parseBool(options["stop-all-resources"]);
  // current_dc name/id are absent in some 2.0.x output; the caller falls back to is_dc.
  return dcPresent;
}

function readNode(el: XEl): TPacemakerNode | null {
  const a = el.attrs;
  const name = nonEmpty(a.name);
  if (name === null) return null;
  return {
    name,
    online: parseBool(a.online) ?? false,
    standby: parseBool(a.standby) === true || parseBool(a.standby_onfail) === true,
    maintenance: parseBool(a.maintenance) ?? false,
    unclean: parseBool(a.unclean) ?? false,
    remote: a.type === "remote",
    id: nonEmpty(a.id),
    isDc: parseBool(a.is_dc) ?? false,
    pending: parseBool(a.pending) ?? false,
    host: null,
    resourcesRunning: parseIntOrNull(a.resources_running),
  };
}

function readPrimitive(el: XEl, ctx: TParentContext): TPacemakerResource | null {
  const a = el.attrs;
  const id = nonEmpty(a.id);
  if (id === null) return null;
  const role = normalizeRole(nonEmpty(a.role) ?? "Unknown");
  const agent = nonEmpty(a.resource_agent);
  const targetRole = nonEmpty(a.target_role);
  return {
    id,
    agent: agent === null ? null : normalizeAgent(agent),
    role,
    nodes: childrenNamed(el, "node").flatMap((n) => nonEmpty(n.attrs.name) ?? []),
    failed: parseBool(a.failed) ?? false,
    managed: parseBool(a.managed) ?? true,
    parent: ctx.parent,
    parentKind: ctx.parentKind,
    cloneId: ctx.cloneId,
    targetRole: targetRole === null ? null : normalizeRole(targetRole),
    blocked: parseBool(a.blocked) ?? false,
    orphaned: parseBool(a.orphaned) === true || parseBool(a.removed) === true,
    maintenance: parseBool(a.maintenance) ?? false,
    failureIgnored: parseBool(a.failure_ignored) ?? false,
    pending: nonEmpty(a.pending) ?? (PENDING_ROLES.has(role) ? role : null),
  };
}

// One entry per primitive instance. Members of a cloned group get the group's configured id
// ("mysql-group", not the instance "mysql-group:0") as parent and the clone as cloneId: the
// instance numbers are not stable across failovers and text output mostly omits them, so the
// configured id is what both formats can agree on.
function collectResources(elements: XEl[], ctx: TParentContext, out: TPacemakerResource[]): void {
  for (const el of elements) {
    const id = nonEmpty(el.attrs.id);
    switch (el.name) {
      case "resource": {
        const rsc = readPrimitive(el, ctx);
        if (rsc !== null) out.push(rsc);
        break;
      }
      case "group": {
        const groupId = id === null ? null : ctx.cloneId !== null ? id.replace(/:\d+$/, "") : id;
        collectResources(el.children, { parent: groupId, parentKind: "group", cloneId: ctx.cloneId }, out);
        break;
      }
      case "clone":
        collectResources(el.children, { parent: id, parentKind: "clone", cloneId: id }, out);
        break;
      case "bundle":
        collectResources(el.children, { parent: id, parentKind: "bundle", cloneId: null }, out);
        break;
      case "replica":
        collectResources(el.children, ctx, out);
        break;
      default:
        break;
    }
  }
}

function readFailure(el: XEl): TPacemakerFailure | null {
  const a = el.attrs;
  const opKey = nonEmpty(a.op_key) ?? nonEmpty(a.id);
  const task = nonEmpty(a.task);
  const parsed = opKey === null ? null : parseOpKey(opKey, task);
  const resource = parsed?.resource ?? opKey;
  if (resource === null) return null;
  const reason = nonEmpty(a.exitreason);
  return {
    resource,
    node: nonEmpty(a.node),
    operation: task ?? parsed?.operation ?? "unknown",
    // crm_mon writes exitreason="none" when the agent gave no reason.
    exitReason: reason === "none" ? null : reason,
    opKey,
    intervalMs: parseIntOrNull(a.interval?.replace(/ms$/, "")) ?? parsed?.intervalMs ?? null,
    exitStatus: nonEmpty(a.exitstatus),
    exitCode: parseIntOrNull(a.exitcode),
    status: nonEmpty(a.status),
    call: parseIntOrNull(a.call),
    lastRcChange: nonEmpty(a["last-rc-change"]),
  };
}

function errorDetails(statusEl: XEl): string {
  const code = statusEl.attrs.code ?? "?";
  const message = nonEmpty(statusEl.attrs.message) ?? "unknown error";
  const details = childrenNamed(child(statusEl, "errors"), "error")
    .map((e) => e.text.trim())
    .filter((t) => t !== "");
  return `${message} (status code ${code})${details.length > 0 ? `: ${details.join("; ")}` : ""}`;
}

// Accepts `crm_mon --as-xml` (<crm_mon>, Pacemaker 1.1/2.0) and `crm_mon --output-as=xml`
// (<pacemaker-result>, 2.x/3.x), plus fragments whose root wraps <nodes>/<resources>/<status>.
//
// Error results (`<status code="102" message="Not connected to cluster"/>` with no cluster
// state) throw a ParseError naming the message rather than returning a model: a model with no
// nodes and quorate null would read as an empty but healthy cluster to any consumer that did
// not check an extra field, while a ParseError is always surfaced. When crm_mon reports a
// non-zero status but still printed nodes or a summary, that state is returned with `error` set.
export function parseCrmMonXml(input: string): TPacemakerStatus {
  const text = normalizeText(input);
  if (text.trim() === "") throw new ParseError(FORMAT, "empty input", null);
  const root = parseXmlRoot(FORMAT, text);
  const summary = child(root, "summary");
  const nodesEl = child(root, "nodes");
  const resourcesEl = child(root, "resources");
  // A CIB also has a <status> child, but without the result code crm_mon writes.
  const statusEl = childrenNamed(root, "status").find((s) => s.attrs.code !== undefined);
  const known = root.name === "pacemaker-result" || root.name === "crm_mon";
  if (!known && summary === undefined && nodesEl === undefined && statusEl === undefined) {
    throw new ParseError(FORMAT, `expected <pacemaker-result> or <crm_mon>, found <${root.name}>`, null);
  }

  const status = emptyStatus();
  const failedStatus = statusEl !== undefined && (statusEl.attrs.code ?? "0") !== "0";
  if (failedStatus) {
    if (summary === undefined && nodesEl === undefined) {
      throw new ParseError(FORMAT, `crm_mon reported an error: ${errorDetails(statusEl)}`, null);
    }
    status.error = errorDetails(statusEl);
  } else if (known && summary === undefined && nodesEl === undefined) {
    throw new ParseError(FORMAT, `<${root.name}> holds no <summary> or <nodes>`, null);
  }

  const dcPresent = readSummary(summary, status);
  status.nodes = childrenNamed(nodesEl, "node").flatMap((n) => readNode(n) ?? []);
  if (status.dc === null && dcPresent !== false) {
    const dcId = nonEmpty(summary === undefined ? undefined : child(summary, "current_dc")?.attrs.id);
    status.dc = status.nodes.find((n) => (dcId !== null ? n.id === dcId : n.isDc))?.name ?? null;
  }
  if (status.dc !== null) {
    for (const node of status.nodes) node.isDc = node.name === status.dc;
  }
  collectResources(resourcesEl?.children ?? [], { parent: null, parentKind: null, cloneId: null }, status.resources);
  status.failures = childrenNamed(child(root, "failures"), "failure").flatMap((f) => readFailure(f) ?? []);
  return ZPacemakerStatus.parse(status);
}
