import { z } from "zod";
import { ParseError } from "../common/parse-error";
import { isJsonObject, jsonInt, jsonNum, jsonStr, readPveJson } from "./pve-json";

const FORMAT = "pve-replication-status-json";

// `pvesh get /nodes/NODE/replication --output-format json`: the jobs whose guest is on NODE,
// with times as epoch seconds (0 = never) — unlike `pvesr status`, no time zone to guess.
export const ZPveReplicationState = z.object({
  id: z.string(),
  guest: z.number().int().nullable(),
  target: z.string().nullable(),
  source: z.string().nullable(),
  schedule: z.string().nullable(),
  lastSync: z.number().nullable(),
  lastTry: z.number().nullable(),
  nextSync: z.number().nullable(),
  duration: z.number().nullable(),
  failCount: z.number().int(),
  error: z.string().nullable(),
});
export type TPveReplicationState = z.infer<typeof ZPveReplicationState>;

const epoch = (v: unknown) => {
  const n = jsonNum(v);
  return n === null || n <= 0 ? null : n;
};

export function parsePveReplicationStatusJson(text: string): TPveReplicationState[] {
  const data = readPveJson(text, FORMAT);
  if (!Array.isArray(data)) throw new ParseError(FORMAT, "expected an array of replication jobs");
  return data.map((entry, index) => {
    if (!isJsonObject(entry)) throw new ParseError(FORMAT, `job #${index} is not an object`);
    const id = jsonStr(entry.id);
    if (id === null) throw new ParseError(FORMAT, `job #${index} has no id`);
    return ZPveReplicationState.parse({
      id,
      guest: jsonInt(entry.guest),
      target: jsonStr(entry.target),
      source: jsonStr(entry.source),
      schedule: jsonStr(entry.schedule),
      lastSync: epoch(entry.last_sync),
      lastTry: epoch(entry.last_try),
      nextSync: epoch(entry.next_sync),
      duration: jsonNum(entry.duration),
      failCount: jsonInt(entry.fail_count) ?? 0,
      error: jsonStr(entry.error),
    });
  });
}
