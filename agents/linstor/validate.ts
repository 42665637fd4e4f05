import { errorReport, warningReport, type TReport } from "@/lib/reports/report";
import { ZLinstorDesired, type TLinstorDesired } from "./desired";
import { haDbStoragePool } from "./ha-controller";

// Guard rails on a desired LINSTOR cluster, before anything is probed or planned. Pure. Every
// report names the field (a dotted path into the input) in params.field. Errors block a plan;
// warnings need "force".

const field = (...path: (string | number)[]) => path.join(".");

export function parseLinstorDesired(input: unknown): { desired: TLinstorDesired | null; reports: TReport[] } {
  const r = ZLinstorDesired.safeParse(input);
  if (r.success) return { desired: r.data, reports: [] };
  return {
    desired: null,
    reports: r.error.issues.map((issue) => {
      const f = field(...issue.path.map(String));
      return errorReport("LINSTOR_DESIRED_INVALID", `${f || "input"}: ${issue.message}`, { field: f });
    }),
  };
}

function duplicates<T>(list: readonly T[], key: (t: T) => string): number[] {
  const seen = new Set<string>();
  return list.flatMap((t, i) => {
    const k = key(t);
    if (seen.has(k)) return [i];
    seen.add(k);
    return [];
  });
}

export function validateLinstorDesired(d: TLinstorDesired): TReport[] {
  const out: TReport[] = [];
  const names = new Set(d.nodes.map((n) => n.name));
  const count = d.nodes.length;
  for (const i of duplicates(d.nodes, (n) => n.name)) out.push(errorReport("LINSTOR_DUPLICATE_NODE", `${d.nodes[i]?.name} is listed twice.`, { field: field("nodes", i, "name") }));
  for (const i of duplicates(d.nodes, (n) => n.address)) {
    out.push(errorReport("LINSTOR_DUPLICATE_ADDRESS", `${d.nodes[i]?.address} is given to two nodes.`, { field: field("nodes", i, "address") }));
  }
  d.nodes.forEach((n, i) => {
    if (n.dataAddress !== null && n.dataAddress === n.address) {
      out.push(
        warningReport("LINSTOR_DATA_ADDRESS_SAME", `${n.name}'s data address is its main address: DRBD traffic shares the cluster network.`, {
          field: field("nodes", i, "dataAddress"),
        }),
      );
    }
  });
  const withData = d.nodes.filter((n) => n.dataAddress !== null).length;
  if (withData > 0 && withData < count) {
    const i = d.nodes.findIndex((n) => n.dataAddress === null);
    out.push(errorReport("LINSTOR_DATA_ADDRESS_MISSING", `Either every node has a data address or none: ${d.nodes[i]?.name} has none.`, { field: field("nodes", i, "dataAddress") }));
  }
  if (count < 2 || count > 3) out.push(errorReport("LINSTOR_NODE_COUNT", `The panel builds LINSTOR on 2 or 3 nodes; this cluster has ${count}.`, { field: "nodes", count }));
  if (!names.has(d.controller.host)) {
    out.push(errorReport("LINSTOR_HOST_NOT_IN_CLUSTER", `The controller host ${d.controller.host} is not one of the nodes.`, { field: "controller.host" }));
  }
  if (d.controller.ha === "drbd-reactor" && count < 3) {
    out.push(
      errorReport("LINSTOR_HA_NEEDS_THREE", "drbd-reactor keeps the controller's database safe through DRBD quorum, which needs three nodes.", {
        field: "controller.ha",
        count,
      }),
    );
  }
  if (d.controller.ha === "drbd-reactor") {
    const dbPool = haDbStoragePool(d);
    const pool = d.storagePools.find((p) => p.name === dbPool);
    if (!pool || (pool.nodes !== null && pool.nodes.length < count)) {
      out.push(
        errorReport(
          "LINSTOR_HA_NO_POOL",
          dbPool === null
            ? "The highly available controller keeps its database on every node: add a storage pool that every node gets, or name one in dbStoragePool."
            : `The controller's database needs storage pool ${dbPool} on every node; it is ${pool ? `only on ${pool.nodes?.join(", ")}` : "not among the desired pools"}.`,
          { field: "controller.dbStoragePool" },
        ),
      );
    }
  }
  d.storagePools.forEach((p, i) => {
    (p.nodes ?? []).forEach((n, j) => {
      if (!names.has(n)) out.push(errorReport("LINSTOR_HOST_NOT_IN_CLUSTER", `Storage pool ${p.name}: ${n} is not one of the nodes.`, { field: field("storagePools", i, "nodes", j) }));
    });
  });
  for (const i of duplicates(d.storagePools, (p) => p.name)) {
    out.push(errorReport("LINSTOR_DUPLICATE_STORAGE_POOL", `Storage pool ${d.storagePools[i]?.name} is listed twice.`, { field: field("storagePools", i, "name") }));
  }
  for (const i of duplicates(d.resourceGroups, (g) => g.name)) {
    out.push(errorReport("LINSTOR_DUPLICATE_RESOURCE_GROUP", `Resource group ${d.resourceGroups[i]?.name} is listed twice.`, { field: field("resourceGroups", i, "name") }));
  }
  for (const i of duplicates(d.resources, (r) => r.name)) {
    out.push(errorReport("LINSTOR_DUPLICATE_RESOURCE", `Resource ${d.resources[i]?.name} is listed twice.`, { field: field("resources", i, "name") }));
  }
  d.resourceGroups.forEach((g, i) => {
    const pool = d.storagePools.find((p) => p.name === g.storagePool);
    const poolNodes = pool ? (pool.nodes ?? [...names]).length : 0;
    if (g.placeCount > count) {
      out.push(
        errorReport("LINSTOR_REDUNDANCY_EXCEEDS_NODES", `Resource group ${g.name} wants ${g.placeCount} replicas, but the cluster has ${count} nodes.`, {
          field: field("resourceGroups", i, "placeCount"),
          placeCount: g.placeCount,
          nodes: count,
        }),
      );
    } else if (!pool) {
      out.push(errorReport("LINSTOR_UNKNOWN_STORAGE_POOL", `Resource group ${g.name} uses storage pool ${g.storagePool}, which is not in the desired pools.`, { field: field("resourceGroups", i, "storagePool") }));
    } else if (g.placeCount > poolNodes) {
      out.push(
        errorReport("LINSTOR_REDUNDANCY_EXCEEDS_NODES", `Resource group ${g.name} wants ${g.placeCount} replicas, but storage pool ${pool.name} is on ${poolNodes} node(s).`, {
          field: field("resourceGroups", i, "placeCount"),
          placeCount: g.placeCount,
          nodes: poolNodes,
        }),
      );
    } else if (g.placeCount === 1) {
      out.push(warningReport("LINSTOR_SINGLE_REPLICA", `Resource group ${g.name} keeps one copy: a node failure loses its volumes.`, { field: field("resourceGroups", i, "placeCount") }));
    } else if (g.placeCount === 2 && count === 2) {
      out.push(
        warningReport("LINSTOR_TWO_REPLICAS_NO_TIEBREAKER", `Resource group ${g.name}: two replicas on two nodes have no DRBD tie-breaker; a network split can leave both sides unable to decide.`, {
          field: field("resourceGroups", i, "placeCount"),
        }),
      );
    }
  });
  const groups = new Set(d.resourceGroups.map((g) => g.name));
  d.resources.forEach((r, i) => {
    if (!groups.has(r.resourceGroup)) out.push(errorReport("LINSTOR_UNKNOWN_RESOURCE_GROUP", `Resource ${r.name} uses resource group ${r.resourceGroup}, which is not desired.`, { field: field("resources", i, "resourceGroup") }));
  });
  if (d.storage && !groups.has(d.storage.resourceGroup)) {
    out.push(errorReport("LINSTOR_UNKNOWN_RESOURCE_GROUP", `The Proxmox storage uses resource group ${d.storage.resourceGroup}, which is not desired.`, { field: "storage.resourceGroup" }));
  }
  return out;
}
