import { validated } from "./json";
import { ZCephOsdTree, type TCephOsd, type TCephOsdHost, type TCephOsdTree } from "./model";

// One CRUSH tree node as both osd-tree parsers see it, in output order.
export type CrushNode = { id: number; name: string; type: string; parent: number | null; osd: TCephOsd | null };

// Every OSD goes to its nearest host ancestor, or failing that to its direct bucket (marked by
// that bucket's type); an OSD with no bucket at all is stray. Host buckets are listed in tree order
// even when empty, so a host whose OSDs were all removed still shows.
export function groupOsdsByHost(format: string, nodes: CrushNode[], stray: TCephOsd[]): TCephOsdTree {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const groups = new Map<number, TCephOsdHost>();
  for (const n of nodes) {
    if (n.osd === null && n.type === "host") groups.set(n.id, { name: n.name, bucketType: "host", osds: [] });
  }
  const strays = [...stray];
  for (const n of nodes) {
    if (n.osd === null) continue;
    const bucket = owningBucket(n, byId);
    if (!bucket) {
      strays.push(n.osd);
      continue;
    }
    let group = groups.get(bucket.id);
    if (!group) {
      group = { name: bucket.name, bucketType: bucket.type, osds: [] };
      groups.set(bucket.id, group);
    }
    group.osds.push(n.osd);
  }
  return validated(format, ZCephOsdTree, { hosts: [...groups.values()], stray: strays });
}

function owningBucket(osd: CrushNode, byId: Map<number, CrushNode>): CrushNode | null {
  const direct = osd.parent === null ? undefined : byId.get(osd.parent);
  if (!direct) return null;
  const seen = new Set<number>();
  for (let n: CrushNode | undefined = direct; n && !seen.has(n.id); n = n.parent === null ? undefined : byId.get(n.parent)) {
    if (n.type === "host") return n;
    seen.add(n.id);
  }
  return direct;
}
