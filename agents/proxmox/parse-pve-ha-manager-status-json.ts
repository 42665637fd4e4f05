import { ParseError } from "../common/parse-error";
import { ZPveHaManagerStatusJson, type TPveHaManagerStatusJson } from "./model-status";
import { isJsonObject, jsonBool, jsonNum, jsonStr, readPveJson, type TJsonObject } from "./pve-json";

const FORMAT = "pve-ha-manager-status-json";

function entries(value: unknown): Array<[string, unknown]> {
  return isJsonObject(value) ? Object.entries(value) : [];
}

// Reads the manager_status object itself, or the `pvesh get /cluster/ha/status/manager_status`
// wrapper {manager_status, lrm_status, quorum} that `ha-manager status --verbose` also prints.
export function haManagerStatusFromJson(value: unknown, format: string): TPveHaManagerStatusJson {
  if (!isJsonObject(value)) throw new ParseError(format, "expected a JSON object");
  const wrapped = isJsonObject(value.manager_status);
  const status: TJsonObject = wrapped ? (value.manager_status as TJsonObject) : value;
  const known = ["master_node", "node_status", "service_status", "timestamp"];
  if (!known.some((key) => key in status) && !wrapped) {
    throw new ParseError(format, "no master_node, node_status or service_status keys");
  }
  const result: TPveHaManagerStatusJson = {
    masterNode: jsonStr(status.master_node),
    timestamp: jsonNum(status.timestamp),
    nodes: entries(status.node_status).map(([node, state]) => ({ node, state: jsonStr(state) ?? "unknown" })),
    services: entries(status.service_status).map(([sid, raw]) => {
      const s: TJsonObject = isJsonObject(raw) ? raw : {};
      const failed = s.failed_nodes;
      return {
        sid,
        node: jsonStr(s.node),
        state: jsonStr(s.state),
        uid: jsonStr(s.uid),
        running: s.running === undefined ? null : jsonBool(s.running),
        target: jsonStr(s.target),
        failedNodes: Array.isArray(failed) ? failed.flatMap((n) => (typeof n === "string" ? [n] : [])) : null,
      };
    }),
    lrms: entries(value.lrm_status).map(([node, raw]) => {
      const l: TJsonObject = isJsonObject(raw) ? raw : {};
      return { node, mode: jsonStr(l.mode), state: jsonStr(l.state), timestamp: jsonNum(l.timestamp) };
    }),
    quorate: isJsonObject(value.quorum) ? jsonBool(value.quorum.quorate) : null,
  };
  return ZPveHaManagerStatusJson.parse(result);
}

export function parsePveHaManagerStatusJson(text: string): TPveHaManagerStatusJson {
  return haManagerStatusFromJson(readPveJson(text, FORMAT), FORMAT);
}
