import { ParseError } from "../common/parse-error";
import { inputLines } from "../common/text";

// `qm list` ("VMID NAME STATUS MEM(MB) BOOTDISK(GB) PID") and `pct list` ("VMID Status Lock
// Name"): a header, then one row per guest; both print nothing at all when there are none.
export function countGuestList(text: string, format: "qm-list" | "pct-list"): number {
  const lines = inputLines(text)
    .map((l, i) => ({ text: l.trim(), line: i + 1 }))
    .filter((l) => l.text !== "");
  const [header, ...rows] = lines;
  if (!header) return 0;
  if (!/^VMID\s/i.test(header.text)) throw new ParseError(format, `expected a VMID header, got "${header.text.slice(0, 80)}"`, header.line);
  for (const row of rows) {
    if (!/^\d+\s/.test(`${row.text} `)) throw new ParseError(format, `not a guest row: "${row.text.slice(0, 80)}"`, row.line);
  }
  return rows.length;
}
