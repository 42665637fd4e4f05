// LINSTOR's answers to changes: ApiCallRc entries. The client prints them as
//   SUCCESS:            (or ERROR: / WARNING: / INFO:)
//   Description:
//       <message>
//   Cause: / Correction: / Details:
//       <text, every line indented four spaces>
// and, when an entry has only a message, "SUCCESS:\n    <message>". With -m it prints the
// entries as JSON and exits 0 even for errors; otherwise an ERROR entry makes it exit 10
// (ExitCode.API_ERROR).
export type TReply = {
  level: "SUCCESS" | "INFO" | "WARNING" | "ERROR";
  message: string;
  cause?: string;
  correction?: string;
  details?: string;
  objRefs: Record<string, string>;
  // ApiConsts object/operation bits (low bits of ret_code). Reconstructed, see DIFFERENCES.
  code: number;
};

export const API_ERROR_EXIT = 10;

const LEVEL_MASK: Record<TReply["level"], bigint> = {
  SUCCESS: 0n,
  INFO: 0x4000000000000000n,
  WARNING: 0x8000000000000000n,
  ERROR: 0xc000000000000000n,
};

// ret_code is a signed 64-bit integer: severity in the top two bits.
export function retCode(r: TReply): bigint {
  return BigInt.asIntN(64, LEVEL_MASK[r.level] | BigInt(r.code));
}

export function replyJson(r: TReply, now: Date): Record<string, unknown> {
  const out: Record<string, unknown> = { ret_code: retCode(r), message: r.message };
  if (r.cause) out.cause = r.cause;
  if (r.correction) out.correction = r.correction;
  if (r.details) out.details = r.details;
  out.obj_refs = r.objRefs;
  out.created_at = isoWithOffset(now);
  return out;
}

const indent = (text: string) =>
  text
    .split("\n")
    .map((l) => (l === "" ? "" : `    ${l}`))
    .join("\n");

export function replyText(r: TReply): string {
  const extra: Array<[string, string | undefined]> = [
    ["Cause", r.cause],
    ["Correction", r.correction],
    ["Details", r.details],
  ];
  if (extra.every(([, v]) => !v)) return `${r.level}:\n${indent(r.message)}\n`;
  let text = `${r.level}:\nDescription:\n${indent(r.message)}\n`;
  for (const [title, value] of extra) if (value) text += `${title}:\n${indent(value)}\n`;
  return text;
}

// LINSTOR prints created_at as local ISO time with offset, e.g. 2024-06-01T12:00:00.123+00:00.
function isoWithOffset(d: Date): string {
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? "+" : "-";
  const hh = String(Math.floor(Math.abs(off) / 60)).padStart(2, "0");
  const mm = String(Math.abs(off) % 60).padStart(2, "0");
  const local = new Date(d.getTime() + off * 60_000).toISOString().replace("Z", "");
  return `${local}${sign}${hh}:${mm}`;
}

// Codes: object mask | operation mask | result. Values chosen in ApiConsts' layout.
export const RC = {
  nodeCreated: 0x3c0000 | 0x4000000 | 1,
  nodeModified: 0x3c0000 | 0x8000000 | 3,
  netIfCreated: 0x300000 | 0x4000000 | 1,
  poolCreated: 0x340000 | 0x4000000 | 1,
  groupCreated: 0x4c0000 | 0x4000000 | 1,
  rdCreated: 0x280000 | 0x4000000 | 1,
  rdModified: 0x280000 | 0x8000000 | 3,
  rdDeleted: 0x280000 | 0xc000000 | 2,
  vdCreated: 0x2c0000 | 0x4000000 | 1,
  rscCreated: 0x240000 | 0x4000000 | 1,
  rscDeleted: 0x240000 | 0xc000000 | 2,
  ctrlModified: 0x1c0000 | 0x8000000 | 3,
  notFoundNode: 0x3c0000 | 0x4000000 | 1001,
  notFoundRd: 0x280000 | 0x4000000 | 1002,
  notFoundPool: 0x340000 | 0x4000000 | 1003,
  notFoundGroup: 0x4c0000 | 0x4000000 | 1004,
  notFoundRsc: 0x240000 | 0xc000000 | 1005,
  exists: 0x4000000 | 1006,
  notEnoughNodes: 0x240000 | 0x4000000 | 1007,
  invalid: 0x4000000 | 1008,
} as const;
