import { ParseError } from "../common/parse-error";
import { checkCodeFromSummary } from "./health-codes";
import { counter, decimal, isObject, readJson, text, validated, type JsonObject } from "./json";
import { ZCephStatus, type TCephCheck, type TCephHealth, type TCephStatus } from "./model";

const FORMAT = "ceph-status-json";
const STATUS_KEYS = ["health", "osdmap", "pgmap", "monmap", "quorum_names"];

// `ceph status -f json` from Jewel to Squid. Monitoring fixtures (Datadog's) bundle several
// commands in one object keyed by command; its "status" member is the status document.
export function parseCephStatusJson(input: string): TCephStatus {
  const data = readJson(FORMAT, input);
  if (!isObject(data)) throw new ParseError(FORMAT, "expected a JSON object");
  const doc = looksLikeStatus(data) ? data : isObject(data.status) && looksLikeStatus(data.status) ? data.status : null;
  if (!doc) throw new ParseError(FORMAT, "no health, osdmap, pgmap or monmap: not `ceph status -f json` output");

  const pgmap = isObject(doc.pgmap) ? doc.pgmap : {};
  const byState = pgsByState(pgmap.pgs_by_state);
  const stateSum = Object.values(byState).reduce((a, b) => a + b, 0);
  return validated(FORMAT, ZCephStatus, {
    ...readHealthJson(doc.health),
    fsid: text(doc.fsid),
    mons: readMons(doc),
    mgr: readMgr(doc.mgrmap),
    osds: readOsds(doc.osdmap),
    pgs: {
      total: counter(pgmap.num_pgs) ?? (isObject(doc.pgmap) ? stateSum : null),
      byState,
      degraded: objectRatio(pgmap, "degraded"),
      misplaced: objectRatio(pgmap, "misplaced"),
    },
    pools: counter(pgmap.num_pools),
    objects: counter(pgmap.num_objects),
    bytes: {
      used: counter(pgmap.bytes_used),
      avail: counter(pgmap.bytes_avail),
      total: counter(pgmap.bytes_total),
      data: counter(pgmap.data_bytes),
    },
    io: readIo(pgmap),
  });
}

function looksLikeStatus(o: JsonObject): boolean {
  return STATUS_KEYS.some((k) => k in o);
}

// Luminous+: status + checks{CODE:{severity, summary:{message}, detail:[{message}]}} (overall_status
// is a deprecated leftover there and may disagree). Jewel and older: overall_status + summary[] +
// per-monitor health in health.health.health_services. Shared with `ceph health -f json`.
export function readHealthJson(health: unknown): TCephHealth {
  if (!isObject(health)) return { health: null, checks: [] };
  const status = text(health.status) ?? text(health.overall_status);
  if (isObject(health.checks)) {
    const checks = Object.entries(health.checks).map(([code, c]): TCephCheck => {
      const check = isObject(c) ? c : {};
      const summary = isObject(check.summary) ? text(check.summary.message) : text(check.summary);
      return {
        code,
        severity: text(check.severity),
        summary: summary ?? code,
        detail: Array.isArray(check.detail) ? check.detail.map(detailMessage).filter((d) => d !== null) : [],
      };
    });
    return { health: status, checks };
  }
  const checks: TCephCheck[] = [];
  if (Array.isArray(health.summary)) {
    for (const s of health.summary) {
      if (!isObject(s)) continue;
      const summary = text(s.summary);
      if (summary) checks.push({ code: checkCodeFromSummary(summary), severity: text(s.severity), summary, detail: [] });
    }
  }
  for (const mon of jewelMonHealth(health)) {
    if (!checks.some((c) => c.summary === mon.summary)) checks.push(mon);
  }
  return { health: status, checks };
}

function detailMessage(d: unknown): string | null {
  return isObject(d) ? text(d.message) : text(d);
}

function jewelMonHealth(health: JsonObject): TCephCheck[] {
  const inner = isObject(health.health) ? health.health : {};
  const services = Array.isArray(inner.health_services) ? inner.health_services : [];
  const checks: TCephCheck[] = [];
  for (const service of services) {
    const mons = isObject(service) && Array.isArray(service.mons) ? service.mons : [];
    for (const mon of mons) {
      if (!isObject(mon)) continue;
      const state = text(mon.health);
      const detail = text(mon.health_detail);
      if (!state || state === "HEALTH_OK" || !detail) continue;
      const summary = `mon.${text(mon.name) ?? "?"} ${detail}`;
      checks.push({ code: checkCodeFromSummary(summary), severity: state, summary, detail: [] });
    }
  }
  return checks;
}

// Pacific+ prints monmap.num_mons instead of the mons list.
function readMons(doc: JsonObject): TCephStatus["mons"] {
  const monmap = isObject(doc.monmap) ? doc.monmap : {};
  const total = Array.isArray(monmap.mons) ? monmap.mons.length : counter(monmap.num_mons);
  const inQuorum = Array.isArray(doc.quorum_names) ? doc.quorum_names.filter((n) => typeof n === "string") : [];
  return { total, inQuorum };
}

// Pacific+ status carries only a summary of the mgrmap (no names): null then.
function readMgr(mgrmap: unknown): TCephStatus["mgr"] {
  if (!isObject(mgrmap) || !("active_name" in mgrmap)) return null;
  const standbys = Array.isArray(mgrmap.standbys)
    ? mgrmap.standbys.map((s) => (isObject(s) ? text(s.name) : null)).filter((s) => s !== null)
    : [];
  return { active: text(mgrmap.active_name), standbys };
}

// Jewel to Nautilus nest the counters in osdmap.osdmap; Octopus+ (and Rook's edited sample) are flat.
function readOsds(osdmap: unknown): TCephStatus["osds"] {
  const outer = isObject(osdmap) ? osdmap : {};
  const om = isObject(outer.osdmap) ? outer.osdmap : outer;
  return {
    total: counter(om.num_osds),
    up: counter(om.num_up_osds),
    in: counter(om.num_in_osds),
    remappedPgs: counter(om.num_remapped_pgs),
  };
}

function pgsByState(list: unknown): Record<string, number> {
  const byState: Record<string, number> = {};
  if (!Array.isArray(list)) return byState;
  for (const entry of list) {
    if (!isObject(entry)) continue;
    const name = text(entry.state_name);
    const n = counter(entry.count);
    if (name && n !== null) byState[name] = (byState[name] ?? 0) + n;
  }
  return byState;
}

function objectRatio(pgmap: JsonObject, kind: "degraded" | "misplaced") {
  const objects = counter(pgmap[`${kind}_objects`]);
  const total = counter(pgmap[`${kind}_total`]);
  if (objects === null || total === null) return null;
  const ratio = decimal(pgmap[`${kind}_ratio`]) ?? (total === 0 ? 0 : objects / total);
  return { objects, total, percent: Math.round(ratio * 100_000) / 1000 };
}

// Ceph omits the io rates while they are zero; none at all means the cluster was idle.
function readIo(pgmap: JsonObject): TCephStatus["io"] {
  const keys = ["read_bytes_sec", "write_bytes_sec", "read_op_per_sec", "write_op_per_sec"] as const;
  if (!keys.some((k) => k in pgmap) && !("op_per_sec" in pgmap)) return null;
  const rate = (k: (typeof keys)[number]) => (k in pgmap ? counter(pgmap[k]) : 0);
  // Before Jewel's split counters, op_per_sec was a read+write total: the split is unknown.
  const opsUnsplit = "op_per_sec" in pgmap && !("read_op_per_sec" in pgmap) && !("write_op_per_sec" in pgmap);
  return {
    readBytesPerSec: rate("read_bytes_sec"),
    writeBytesPerSec: rate("write_bytes_sec"),
    readOpsPerSec: opsUnsplit ? null : rate("read_op_per_sec"),
    writeOpsPerSec: opsUnsplit ? null : rate("write_op_per_sec"),
  };
}
