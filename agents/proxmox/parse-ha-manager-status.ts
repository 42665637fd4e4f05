import { ParseError } from "../common/parse-error";
import { inputLines, parseLenientJson } from "../common/text";
import { ZHaManagerStatus, type THaManagerStatus } from "./model-status";
import { haManagerStatusFromJson } from "./parse-pve-ha-manager-status-json";

const FORMAT = "ha-manager-status";

// Lines are "<type> <status>" from PVE::API2::HA::Status: the status of master and lrm is
// "NODE (STATE, CTIME)" (STATE can be "old timestamp - dead?", "maintenance mode", ...), an lrm
// may be "NODE (unable to read lrm status)", the master line may end with " - static load CRS",
// and a service is "SID (NODE, STATE)" with NODE "---" when unknown. Anything after the closing
// parenthesis is ignored so annotated captures still read.
const QUORUM = /^quorum\s+(.+)$/;
const MASTER = /^master\s+(\S+)\s+\(([^)]*)\)(.*)$/;
const LRM = /^lrm\s+(\S+)\s+\(([^)]*)\)/;
const SERVICE = /^service\s+(\S+)\s+\(([^,)]*),\s*([^)]*)\)/;
const FULL_STATE = /^full cluster state:\s*$/;

function stateAndTime(inner: string): { state: string; time: string | null } {
  const comma = inner.indexOf(",");
  if (comma < 0) return { state: inner.trim(), time: null };
  const time = inner.slice(comma + 1).trim();
  return { state: inner.slice(0, comma).trim(), time: time === "" ? null : time };
}

export function parseHaManagerStatus(text: string): THaManagerStatus {
  const lines = inputLines(text);
  const result: THaManagerStatus = { quorum: "", quorate: false, master: null, lrms: [], services: [], full: null };
  let sawQuorum = false;
  let recognised = 0;

  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (line === "") continue;
    if (FULL_STATE.test(line)) {
      const json = lines.slice(i + 1).join("\n");
      if (json.trim() === "") throw new ParseError(FORMAT, "full cluster state: is followed by nothing", i + 1);
      let value: unknown;
      try {
        value = parseLenientJson(json);
      } catch {
        throw new ParseError(FORMAT, "the full cluster state JSON is incomplete or invalid", i + 2);
      }
      result.full = haManagerStatusFromJson(value, FORMAT);
      break;
    }
    const quorum = QUORUM.exec(line);
    if (quorum) {
      result.quorum = quorum[1] ?? "";
      result.quorate = result.quorum === "OK";
      sawQuorum = true;
      recognised++;
      continue;
    }
    const master = MASTER.exec(line);
    if (master) {
      const crs = /^\s*-\s*(\S+)\s+load CRS/.exec(master[3] ?? "");
      result.master = { node: master[1] ?? "", ...stateAndTime(master[2] ?? ""), crs: crs?.[1] ?? null };
      recognised++;
      continue;
    }
    const lrm = LRM.exec(line);
    if (lrm) {
      result.lrms.push({ node: lrm[1] ?? "", ...stateAndTime(lrm[2] ?? "") });
      recognised++;
      continue;
    }
    const service = SERVICE.exec(line);
    if (service) {
      const sid = service[1] ?? "";
      const colon = sid.indexOf(":");
      const id = colon < 0 ? sid : sid.slice(colon + 1);
      const node = (service[2] ?? "").trim();
      result.services.push({
        sid,
        type: colon < 0 ? "" : sid.slice(0, colon),
        id,
        vmid: /^\d+$/.test(id) ? Number(id) : null,
        node: node === "" || node === "---" ? null : node,
        state: (service[3] ?? "").trim(),
      });
      recognised++;
      continue;
    }
    // Anything else (stderr warnings, notes) is tolerated; a text with none of our lines is not.
  }

  if (recognised === 0) throw new ParseError(FORMAT, "no quorum, master, lrm or service lines found");
  if (!sawQuorum) throw new ParseError(FORMAT, 'missing the "quorum" line ha-manager always prints first');
  return ZHaManagerStatus.parse(result);
}
