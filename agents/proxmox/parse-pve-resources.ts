import { ParseError } from "../common/parse-error";
import { ZPveResources, type TPveResources } from "./model-status";
import { isJsonObject, jsonBool, jsonInt, jsonNum, jsonStr, readPveJson, type TJsonObject } from "./pve-json";

const FORMAT = "pve-resources-json";

function usage(r: TJsonObject) {
  return {
    cpu: jsonNum(r.cpu),
    maxcpu: jsonNum(r.maxcpu),
    mem: jsonNum(r.mem),
    maxmem: jsonNum(r.maxmem),
    disk: jsonNum(r.disk),
    maxdisk: jsonNum(r.maxdisk),
    uptime: jsonNum(r.uptime),
  };
}

// The part of "type/a/b" ids after the type, for entries that lack their own name field.
function idTail(id: string | null, index: number): string | null {
  return id?.split("/")[index] ?? null;
}

function splitList(value: unknown, separator: RegExp): string[] {
  const raw = jsonStr(value);
  return raw === null ? [] : raw.split(separator).filter((x) => x !== "");
}

// `pvesh get /cluster/resources --output-format json` or the REST body {"data": [...]}.
export function parsePveResourcesJson(text: string): TPveResources {
  const data = readPveJson(text, FORMAT);
  if (!Array.isArray(data)) throw new ParseError(FORMAT, "expected an array of cluster resources");
  const result: TPveResources = { nodes: [], guests: [], storages: [], pools: [], sdn: [], others: [] };

  data.forEach((entry, index) => {
    if (!isJsonObject(entry)) throw new ParseError(FORMAT, `resource #${index} is not an object`);
    const type = jsonStr(entry.type);
    if (type === null) throw new ParseError(FORMAT, `resource #${index} has no type`);
    const id = jsonStr(entry.id);
    const resourceId = id ?? `${type}/${index}`;
    switch (type) {
      case "node": {
        const name = jsonStr(entry.node) ?? jsonStr(entry.name) ?? idTail(id, 1);
        if (name === null) throw new ParseError(FORMAT, `node resource #${index} has no name`);
        result.nodes.push({
          name,
          status: jsonStr(entry.status) ?? "unknown",
          resourceId,
          level: jsonStr(entry.level),
          ...usage(entry),
        });
        return;
      }
      case "qemu":
      case "lxc":
      case "openvz": {
        const vmid = jsonInt(entry.vmid) ?? jsonInt(idTail(id, 1));
        if (vmid === null) throw new ParseError(FORMAT, `${type} resource #${index} has no vmid`);
        result.guests.push({
          vmid,
          name: jsonStr(entry.name),
          type,
          node: jsonStr(entry.node),
          status: jsonStr(entry.status) ?? "unknown",
          hastate: jsonStr(entry.hastate),
          resourceId,
          template: jsonBool(entry.template) ?? false,
          tags: splitList(entry.tags, /[;,+\s]+/),
          pool: jsonStr(entry.pool),
          lock: jsonStr(entry.lock),
          ...usage(entry),
        });
        return;
      }
      case "storage": {
        const storage = jsonStr(entry.storage) ?? idTail(id, 2);
        if (storage === null) throw new ParseError(FORMAT, `storage resource #${index} has no storage id`);
        result.storages.push({
          id: storage,
          node: jsonStr(entry.node) ?? idTail(id, 1),
          status: jsonStr(entry.status) ?? "unknown",
          shared: jsonBool(entry.shared) ?? false,
          plugintype: jsonStr(entry.plugintype),
          content: splitList(entry.content, /[,;\s]+/),
          resourceId,
          disk: jsonNum(entry.disk),
          maxdisk: jsonNum(entry.maxdisk),
        });
        return;
      }
      case "pool": {
        const pool = jsonStr(entry.pool) ?? idTail(id, 2);
        if (pool === null) throw new ParseError(FORMAT, `pool resource #${index} has no pool name`);
        result.pools.push({ pool, resourceId });
        return;
      }
      case "sdn": {
        const sdn = jsonStr(entry.sdn) ?? idTail(id, 2);
        if (sdn === null) throw new ParseError(FORMAT, `sdn resource #${index} has no name`);
        result.sdn.push({ sdn, node: jsonStr(entry.node), status: jsonStr(entry.status), resourceId });
        return;
      }
      default:
        result.others.push({ type, resourceId });
    }
  });
  return ZPveResources.parse(result);
}
