import { inputLines } from "../common/text";

// `drbdadm get-gi RES` (8.4 and 9): one line per volume (and peer in 9) of
// CURRENT:BITMAP:HISTORY1:HISTORY2:flags..., 16 hex digits per UUID. The flags differ between
// versions, so only the UUIDs are read. Lines that are not UUID lines (drbdadm's notes) are skipped.

export type TDrbdGi = {
  current: string;
  bitmap: string;
  history: [string, string];
};

const GI = /^([0-9A-Fa-f]{16}):([0-9A-Fa-f]{16}):([0-9A-Fa-f]{16}):([0-9A-Fa-f]{16})(?::|$)/;

export const NO_UUID = "0000000000000000";

export function parseDrbdGi(input: string): TDrbdGi[] {
  return inputLines(input).flatMap((l) => {
    const m = GI.exec(l.trim());
    if (!m) return [];
    const [, current, bitmap, h1, h2] = m as unknown as [string, string, string, string, string];
    return [{ current: current.toUpperCase(), bitmap: bitmap.toUpperCase(), history: [h1.toUpperCase(), h2.toUpperCase()] as [string, string] }];
  });
}
