import { errorReport, report, warningReport, type TReport } from "@/lib/reports/report";
import { ZCephDesired, type TCephDesired, type TCephPoolDesired } from "./desired";

// Guard rails on a desired Ceph cluster, before anything is probed or planned. Pure. Every
// report names the field (a dotted path into the desired input) in params.field. Errors block
// a plan; warnings need "force".

const field = (...path: (string | number)[]) => path.join(".");

export function parseCephDesired(input: unknown): { desired: TCephDesired | null; reports: TReport[] } {
  const r = ZCephDesired.safeParse(input);
  if (r.success) return { desired: r.data, reports: [] };
  return {
    desired: null,
    reports: r.error.issues.map((issue) => {
      const f = field(...issue.path.map(String));
      return errorReport("CEPH_DESIRED_INVALID", `${f || "input"}: ${issue.message}`, { field: f });
    }),
  };
}

// min_size 1 lets a placement group accept writes with a single copy: the next failure of that
// one disk loses those writes for good, even when the other copies come back.
export function poolReports(pool: TCephPoolDesired, index: number): TReport[] {
  const out: TReport[] = [];
  const at = (name: string) => ({ field: field("pools", index, name), pool: pool.name });
  if (pool.size <= pool.minSize) {
    out.push(
      errorReport(
        "CEPH_POOL_SIZE_NOT_ABOVE_MIN_SIZE",
        `Pool ${pool.name}: size ${pool.size} must be larger than min_size ${pool.minSize}. With size = min_size, any one OSD down blocks I/O on ` +
          "its placement groups, and with data spread over every OSD that freezes nearly the whole pool. Use size 3 / min_size 2.",
        { ...at("size"), size: pool.size, minSize: pool.minSize },
      ),
    );
  }
  if (pool.minSize === 1) {
    const reason = pool.forceReason?.trim() ?? "";
    if (!pool.force || reason === "") {
      out.push(
        errorReport(
          "CEPH_POOL_MIN_SIZE_ONE",
          `Pool ${pool.name}: min_size 1 is refused. Ceph then acknowledges writes stored on a single OSD; if that disk fails before the ` +
            "other copies are rebuilt, those writes are lost for good. Use min_size 2, or set force and write down why this pool may lose data.",
          { ...at("minSize"), minSize: 1, forced: pool.force, reasonGiven: reason !== "" },
        ),
      );
    } else {
      out.push(
        report("info", "CEPH_POOL_MIN_SIZE_ONE_FORCED", `Pool ${pool.name} gets min_size 1, forced by the admin: "${reason}". A single disk failure can lose acknowledged writes.`, {
          ...at("minSize"),
          reason,
        }),
      );
    }
  }
  return out;
}

function hostReports(d: TCephDesired): TReport[] {
  const out: TReport[] = [];
  const nodes = new Set(d.nodes);
  const unknown = (list: string, host: string, i: number, sub?: string) =>
    errorReport("CEPH_HOST_NOT_IN_CLUSTER", `${host} (${list}) is not one of the cluster's nodes ${d.nodes.join(", ")}.`, {
      field: sub ? field(list, i, sub) : field(list, i),
      host,
    });
  d.monitors.forEach((h, i) => nodes.has(h) || out.push(unknown("monitors", h, i)));
  d.managers.forEach((h, i) => nodes.has(h) || out.push(unknown("managers", h, i)));
  d.osds.forEach((o, i) => nodes.has(o.host) || out.push(unknown("osds", o.host, i, "host")));
  const twice = (list: readonly string[]) => list.findIndex((h, i) => list.indexOf(h) !== i);
  for (const [name, list] of [["nodes", d.nodes], ["monitors", d.monitors], ["managers", d.managers]] as const) {
    const i = twice(list);
    if (i >= 0) out.push(errorReport("CEPH_DUPLICATE_HOST", `${list[i]} is listed twice in ${name}.`, { field: field(name, i), host: list[i] }));
  }
  const osdKeys = d.osds.map((o) => `${o.host}:${o.disk}`);
  const dup = twice(osdKeys);
  if (dup >= 0) out.push(errorReport("CEPH_DUPLICATE_OSD", `${d.osds[dup]?.disk} on ${d.osds[dup]?.host} is listed twice.`, { field: field("osds", dup, "disk") }));
  return out;
}

function clusterReports(d: TCephDesired): TReport[] {
  const out: TReport[] = [];
  if (d.nodes.length < 2 || d.nodes.length > 3) {
    out.push(errorReport("CEPH_NODE_COUNT", `The panel builds Ceph on 2 or 3 nodes; this cluster has ${d.nodes.length}.`, { field: "nodes", count: d.nodes.length }));
  } else if (d.nodes.length === 2) {
    out.push(
      warningReport(
        "CEPH_TWO_NODES",
        "Ceph on two nodes cannot keep three copies on separate hosts, and two monitors cannot lose one and keep quorum: " +
          "one node down stops the cluster. Add a third node (a monitor is enough) before relying on it.",
        { field: "nodes", count: 2 },
      ),
    );
  }
  if (d.monitors.length === 0) {
    out.push(errorReport("CEPH_NO_MONITOR", "At least one monitor is needed; put one on every node.", { field: "monitors" }));
  } else if (d.monitors.length % 2 === 0) {
    out.push(
      warningReport("CEPH_EVEN_MONITORS", `${d.monitors.length} monitors survive no more failures than ${d.monitors.length - 1}; use an odd number.`, {
        field: "monitors",
        count: d.monitors.length,
      }),
    );
  }
  if (d.managers.length === 0) {
    out.push(errorReport("CEPH_NO_MANAGER", "At least one manager is needed (Ceph reports no usage or health details without one).", { field: "managers" }));
  } else if (d.managers.length === 1 && d.nodes.length > 1) {
    out.push(warningReport("CEPH_SINGLE_MANAGER", "One manager is a single point of failure for statistics and the PG autoscaler; add a standby.", { field: "managers" }));
  }
  return out;
}

function poolListReports(d: TCephDesired): TReport[] {
  const out: TReport[] = [];
  const names = new Set<string>();
  const ids = new Set<string>();
  d.pools.forEach((p, i) => {
    if (names.has(p.name)) out.push(errorReport("CEPH_DUPLICATE_POOL", `Pool ${p.name} is listed twice.`, { field: field("pools", i, "name"), pool: p.name }));
    names.add(p.name);
    if (p.storage) {
      if (ids.has(p.storage.id)) {
        out.push(errorReport("CEPH_DUPLICATE_STORAGE_ID", `Storage id ${p.storage.id} is used by two pools.`, { field: field("pools", i, "storage", "id") }));
      }
      ids.add(p.storage.id);
    }
    out.push(...poolReports(p, i));
  });
  return out;
}

export function validateCephDesired(d: TCephDesired): TReport[] {
  return [...clusterReports(d), ...hostReports(d), ...poolListReports(d)];
}
