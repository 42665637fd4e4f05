import { ParseError } from "../common/parse-error";
import { decimal, isObject, readJson, text, type JsonObject } from "./json";
import type { TCephOsd, TCephOsdTree } from "./model";
import { groupOsdsByHost, type CrushNode } from "./osd-tree-grouping";

const FORMAT = "ceph-osd-tree-json";

// `ceph osd tree -f json`: nodes[] (buckets list their children's ids; OSDs carry status,
// crush_weight, reweight, device_class from Luminous on, exists) and stray[] (OSDs in no bucket).
export function parseCephOsdTreeJson(input: string): TCephOsdTree {
  const data = readJson(FORMAT, input);
  if (!isObject(data) || !Array.isArray(data.nodes)) {
    throw new ParseError(FORMAT, "no nodes array: not `ceph osd tree -f json` output");
  }
  const objects = data.nodes.filter(isObject);
  const parents = new Map<number, number>();
  for (const n of objects) {
    const id = integer(n.id);
    if (id === null || !Array.isArray(n.children)) continue;
    for (const child of n.children) {
      const c = integer(child);
      if (c !== null && !parents.has(c)) parents.set(c, id);
    }
  }
  const nodes: CrushNode[] = objects.map((n, i) => {
    const id = integer(n.id);
    if (id === null) throw new ParseError(FORMAT, `node ${i} has no numeric id`);
    const type = text(n.type) ?? (id >= 0 ? "osd" : "bucket");
    return {
      id,
      name: text(n.name) ?? `${type}.${id}`,
      type,
      parent: parents.get(id) ?? null,
      osd: type === "osd" ? osdFromJson(id, n) : null,
    };
  });
  const stray = (Array.isArray(data.stray) ? data.stray : [])
    .filter(isObject)
    .flatMap((n) => {
      const id = integer(n.id);
      return id === null || id < 0 ? [] : [osdFromJson(id, n)];
    });
  return groupOsdsByHost(FORMAT, nodes, stray);
}

function integer(value: unknown): number | null {
  return typeof value === "number" && Number.isInteger(value) ? value + 0 : null;
}

// Pre-Firefly trees named the CRUSH weight "weight"; "exists" is 0/1.
function osdFromJson(id: number, n: JsonObject): TCephOsd {
  const exists = n.exists === 1 || n.exists === true ? true : n.exists === 0 || n.exists === false ? false : null;
  return {
    id,
    name: text(n.name) ?? `osd.${id}`,
    status: text(n.status) ?? "unknown",
    class: text(n.device_class),
    weight: decimal(n.crush_weight) ?? decimal(n.weight) ?? 0,
    reweight: decimal(n.reweight),
    exists,
  };
}
