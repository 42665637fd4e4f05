import { ParseError } from "../common/parse-error";
import { ZPveClusterStatus, type TPveClusterStatus } from "./model-status";
import { isJsonObject, jsonBool, jsonInt, jsonNum, jsonStr, readPveJson } from "./pve-json";

const FORMAT = "pve-cluster-status-json";

// `pvesh get /cluster/status --output-format json` or the REST body: one `cluster` entry (absent
// on a standalone node) and one `node` entry per member; Perl booleans are 0/1.
export function parsePveClusterStatusJson(text: string): TPveClusterStatus {
  const data = readPveJson(text, FORMAT);
  if (!Array.isArray(data)) throw new ParseError(FORMAT, "expected an array of cluster status entries");
  const result: TPveClusterStatus = { cluster: null, nodes: [] };
  data.forEach((entry, index) => {
    if (!isJsonObject(entry)) throw new ParseError(FORMAT, `entry #${index} is not an object`);
    const type = jsonStr(entry.type);
    if (type === "cluster") {
      result.cluster = {
        name: jsonStr(entry.name) ?? "",
        version: jsonNum(entry.version),
        quorate: jsonBool(entry.quorate),
        nodes: jsonNum(entry.nodes),
      };
    } else if (type === "node") {
      const name = jsonStr(entry.name) ?? jsonStr(entry.id)?.replace(/^node\//, "") ?? null;
      if (name === null) throw new ParseError(FORMAT, `node entry #${index} has no name`);
      result.nodes.push({
        name,
        nodeid: jsonInt(entry.nodeid),
        online: jsonBool(entry.online),
        local: jsonBool(entry.local),
        ip: jsonStr(entry.ip),
        level: jsonStr(entry.level),
      });
    } else if (type === null) {
      throw new ParseError(FORMAT, `entry #${index} has no type`);
    }
  });
  if (result.cluster === null && result.nodes.length === 0) {
    throw new ParseError(FORMAT, "no cluster or node entries");
  }
  return ZPveClusterStatus.parse(result);
}
