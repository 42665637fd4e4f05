import path from "node:path";
import { z } from "zod";
import { hostStateDir, readJson, withLock, writeJson } from "../core/state";

// Per-host pools and datasets (ZFS is local to each host; replication copies between them).
export const ZZpool = z.object({
  name: z.string(),
  vdevs: z.array(z.object({ type: z.enum(["disk", "mirror", "raidz"]), devices: z.array(z.string()) })),
  sizeBytes: z.number().int().nonnegative(),
  ashift: z.number().int(),
});
export type TZpool = z.infer<typeof ZZpool>;

export const ZDataset = z.object({
  name: z.string(), // pool/fs, pool/vol, pool/vol@snap
  type: z.enum(["filesystem", "volume", "snapshot"]),
  volsize: z.number().int().nullable(),
  sparse: z.boolean(),
  createdAt: z.number().int(), // seconds
});
export type TDataset = z.infer<typeof ZDataset>;

export const ZZfsState = z.object({ pools: z.array(ZZpool).default([]), datasets: z.array(ZDataset).default([]) });
export type TZfsState = z.infer<typeof ZZfsState>;

const file = () => path.join(hostStateDir(), "zfs.json");

export function readZfs(): TZfsState {
  return ZZfsState.parse(readJson<unknown>(file(), {}));
}

export function withZfs<T>(fn: (s: TZfsState) => T): T {
  return withLock(
    "zfs",
    () => {
      const s = readZfs();
      const r = fn(s);
      writeJson(file(), s);
      return r;
    },
    hostStateDir(),
  );
}

// A filesystem's own metadata, as a fresh dataset shows it.
const FS_OVERHEAD = 96 * 1024;
const SNAP_OVERHEAD = 0;

// USED: filesystems their metadata plus children; thick volumes their reservation; snapshots 0.
export function usedBytes(s: TZfsState, d: TDataset): number {
  if (d.type === "snapshot") return SNAP_OVERHEAD;
  const own = d.type === "volume" ? (d.sparse ? 56 * 1024 : (d.volsize ?? 0)) : FS_OVERHEAD;
  const children = s.datasets.filter((c) => c.type !== "snapshot" && parentOf(c.name) === d.name);
  return own + children.reduce((a, c) => a + usedBytes(s, c), 0);
}

export function referBytes(d: TDataset): number {
  return d.type === "volume" ? 56 * 1024 : FS_OVERHEAD;
}

export function parentOf(name: string): string | null {
  const i = name.lastIndexOf("/");
  return i < 0 ? null : name.slice(0, i);
}

export function poolOf(name: string): string {
  return name.split(/[/@]/)[0] ?? name;
}

// ZFS keeps ~3.2% (1/32) of the pool as slop space; AVAIL is what remains after the data.
export function availBytes(s: TZfsState, pool: TZpool): number {
  const root = s.datasets.find((d) => d.name === pool.name);
  const used = root ? usedBytes(s, root) : 0;
  return Math.max(0, Math.floor(pool.sizeBytes * (31 / 32)) - used);
}

// zfs_nicenum: exact multiples print bare ("96K"), others with as many decimals as fit in 5
// characters ("1.23G", "30.3G", "100G"); below 1 KiB the plain number of bytes plus "B".
export function nicenum(n: number): string {
  const units = ["B", "K", "M", "G", "T", "P", "E"];
  let i = 0;
  while (i < units.length - 1 && n >= 1024 ** (i + 1)) i += 1;
  const unit = units[i] ?? "B";
  if (i === 0) return `${n}B`;
  const div = 1024 ** i;
  if (n % div === 0) return `${n / div}${unit}`;
  for (const p of [2, 1, 0]) {
    const text = `${(n / div).toFixed(p)}${unit}`;
    if (text.length <= 5) return text;
  }
  return `${Math.round(n / div)}${unit}`;
}
