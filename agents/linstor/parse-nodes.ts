import { ParseError } from "../common/parse-error";
import { bool, int, isObject, listObjects, readJson, str, strings, validated, type JsonObject } from "./json";
import { ZLinstorNodes, type TLinstorNode, type TLinstorNodes } from "./model";

const FORMAT = "linstor-nodes-json";

// `linstor -m node list` ([[Node...]]), REST /v1/nodes (Node[]), pre-1.0 client [{nodes[]}].
export function parseLinstorNodesJson(input: string): TLinstorNodes {
  const { items, legacy } = listObjects(FORMAT, readJson(FORMAT, input), "nodes");
  const objects = [...items, ...legacy.flatMap((e) => (Array.isArray(e.nodes) ? e.nodes.filter(isObject) : []))];
  return validated(FORMAT, ZLinstorNodes, { nodes: objects.map(readNode) });
}

function readNode(o: JsonObject, index: number): TLinstorNode {
  const name = str(o.name);
  // Node requires name and type; other JSON lists of named objects (drbdsetup status) are not nodes.
  if (!name || !("type" in o || "connection_status" in o || "net_interfaces" in o)) {
    throw new ParseError(FORMAT, `entry ${index} has no name and type: not a LINSTOR node`);
  }
  // connection_status is an enum string in REST; the protobuf-era client printed it as a number.
  const status = str(o.connection_status) ?? (typeof o.connection_status === "number" ? String(o.connection_status) : null);
  const interfaces = Array.isArray(o.net_interfaces) ? o.net_interfaces : Array.isArray(o.net_ifs) ? o.net_ifs : [];
  return {
    name,
    type: str(o.type),
    connectionStatus: status,
    online: status === "ONLINE",
    flags: strings(o.flags),
    netInterfaces: interfaces.filter(isObject).flatMap((n) => {
      const ifName = str(n.name);
      const address = str(n.address);
      if (!ifName || !address) return [];
      return [
        {
          name: ifName,
          address,
          port: int(n.satellite_port) ?? int(n.stlt_port),
          encryption: str(n.satellite_encryption_type) ?? str(n.stlt_encryption_type),
          active: bool(n.is_active),
        },
      ];
    }),
  };
}
