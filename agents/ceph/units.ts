// Ceph's text outputs print sizes with binary multipliers whatever the suffix says: "2.19K" and
// "3.20G" (Luminous), "841 GB" / "1833 MB" / "0 bytes" (Hammer to early Luminous, prettybyte_t
// uses 1024), "1.7 GiB" (Mimic+). Object counts use decimal multipliers ("1.81 k objects").

const BINARY_POWER: Record<string, number> = { "": 0, b: 0, bytes: 0, k: 1, m: 2, g: 3, t: 4, p: 5, e: 6 };

const SIZE = /^(\d+(?:\.\d+)?)\s*([kmgtpe]?)(i?b|bytes)?$/i;

export function parseSize(text: string): number | null {
  const m = SIZE.exec(text.trim());
  if (!m) return null;
  const power = BINARY_POWER[(m[2] ?? "").toLowerCase()];
  if (power === undefined) return null;
  return Math.round(Number(m[1]) * 1024 ** power);
}

const COUNT = /^(\d+(?:\.\d+)?)\s*([kmgt]?)$/i;
const DECIMAL_POWER: Record<string, number> = { "": 0, k: 1, m: 2, g: 3, t: 4 };

export function parseCount(text: string): number | null {
  const m = COUNT.exec(text.trim());
  if (!m) return null;
  const power = DECIMAL_POWER[(m[2] ?? "").toLowerCase()] ?? 0;
  return Math.round(Number(m[1]) * 1000 ** power);
}

// "228 KiB/s wr, 0 op/s rd, 50 op/s wr" (Mimic+) or "1234 kB/s rd, 12 op/s" (Hammer). Ceph leaves
// out rates that are zero, so a field the line does not name is 0 — unless the line gives an
// undirected total ("12 op/s"), which makes the split unknown (null).
export function parseClientIo(text: string) {
  const io: Record<"readBytesPerSec" | "writeBytesPerSec" | "readOpsPerSec" | "writeOpsPerSec", number | null> = {
    readBytesPerSec: 0,
    writeBytesPerSec: 0,
    readOpsPerSec: 0,
    writeOpsPerSec: 0,
  };
  for (const part of text.split(",")) {
    const m = /^\s*(\d+(?:\.\d+)?\s*[a-z]*)\/s(?:\s+(rd|wr))?\s*$/i.exec(part);
    if (!m) continue;
    const amount = (m[1] ?? "").trim();
    const dir = m[2]?.toLowerCase();
    const isOps = /op$/i.test(amount);
    if (dir === undefined) {
      if (isOps) io.readOpsPerSec = io.writeOpsPerSec = null;
      else io.readBytesPerSec = io.writeBytesPerSec = null;
      continue;
    }
    if (isOps) {
      const ops = parseCount(amount.replace(/\s*op$/i, "")) ?? 0;
      if (dir === "wr") io.writeOpsPerSec = ops;
      else io.readOpsPerSec = ops;
    } else {
      const bytes = parseSize(amount) ?? 0;
      if (dir === "wr") io.writeBytesPerSec = bytes;
      else io.readBytesPerSec = bytes;
    }
  }
  return io;
}
