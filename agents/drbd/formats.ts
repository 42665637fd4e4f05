import { parseDrbdEvents2 } from "./parse-drbd-events2";
import { parseDrbdStatusText } from "./parse-drbd-status";
import { parseDrbdStatusJson } from "./parse-drbd-status-json";
import { parseDrbdRes } from "./parse-res";
import { parseProcDrbd } from "./parse-proc-drbd";

export const drbdFormats = {
  "proc-drbd": parseProcDrbd,
  "drbd-status": parseDrbdStatusText,
  "drbd-status-json": parseDrbdStatusJson,
  "drbd-events2": parseDrbdEvents2,
  // Not in the contract: a .res file read into the resource model the panel renders from.
  "drbd-res": parseDrbdRes,
} satisfies Record<string, (text: string) => unknown>;
