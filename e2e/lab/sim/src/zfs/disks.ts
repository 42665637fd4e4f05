import path from "node:path";
import { z } from "zod";
import { hostStateDir, readJson, withLock, writeJson } from "../core/state";

// The simulated disks of one host (lab hosts have no spare disks). `zpool create` and
// `pveceph osd create` check them and mark them used; `lsblk` shows them. Shared by the ZFS
// and Ceph simulators.
export const ZSimPartition = z.object({ name: z.string(), sizeBytes: z.number().int().nonnegative(), fstype: z.string().nullable(), mountpoint: z.string().nullable() });

export const ZSimDisk = z.object({
  name: z.string(), // sdb
  sizeBytes: z.number().int().positive(),
  fstype: z.string().nullable(), // on the whole disk: ext4, LVM2_member, zfs_member...
  mountpoint: z.string().nullable(),
  partitions: z.array(ZSimPartition).default([]),
  rotational: z.boolean().default(true),
  model: z.string().nullable().default("QEMU HARDDISK"), // "PERC H730P Mini" = behind a RAID controller
  serial: z.string().nullable().default(null),
  // What claimed it through our simulators: "zpool:tank", "ceph:osd.0".
  usedBy: z.string().nullable().default(null),
});
export type TSimDisk = z.infer<typeof ZSimDisk>;

const ZDisks = z.array(ZSimDisk);
export const disksFile = () => path.join(hostStateDir(), "disks.json");

export function readDisks(): TSimDisk[] {
  return ZDisks.parse(readJson<unknown>(disksFile(), []));
}

export function withDisks<T>(fn: (disks: TSimDisk[]) => T): T {
  return withLock(
    "disks",
    () => {
      const disks = readDisks();
      const result = fn(disks);
      writeJson(disksFile(), disks);
      return result;
    },
    hostStateDir(),
  );
}

// "sdb", "/dev/sdb" → the disk; partitions are not pool members here.
export function findDisk(disks: TSimDisk[], device: string): TSimDisk | undefined {
  const name = device.replace(/^\/dev\//, "");
  return disks.find((d) => d.name === name);
}

// lsblk -J -b -o NAME,SIZE,TYPE,FSTYPE,MOUNTPOINT,MODEL,ROTA,SERIAL (util-linux 2.38, Debian 12):
// keys are the lowercased column names in -o order, sizes are numbers with -b, ROTA a boolean,
// partitions in "children", three-space indentation, and list items joined as "},{" on one
// line (util-linux's own JSON writer).
const COLUMNS = ["NAME", "SIZE", "TYPE", "FSTYPE", "MOUNTPOINT", "MODEL", "ROTA", "SERIAL"];

export function lsblkJson(disks: TSimDisk[], columns: string[] = COLUMNS, bytes = true, noDeps = false): string {
  const cols = columns.map((c) => c.toUpperCase());
  const human = (n: number) => (bytes ? n : humanSize(n));
  const row = (values: Record<string, unknown>) => Object.fromEntries(cols.map((c) => [c.toLowerCase(), values[c] ?? null]));
  const devices = disks.map((d) => {
    const out = row({ NAME: d.name, PATH: `/dev/${d.name}`, SIZE: human(d.sizeBytes), TYPE: "disk", FSTYPE: d.fstype, MOUNTPOINT: d.mountpoint, MODEL: d.model, ROTA: d.rotational, SERIAL: d.serial });
    if (!noDeps && d.partitions.length > 0) {
      out.children = d.partitions.map((p) =>
        row({ NAME: p.name, PATH: `/dev/${p.name}`, SIZE: human(p.sizeBytes), TYPE: "part", FSTYPE: p.fstype, MOUNTPOINT: p.mountpoint, MODEL: null, ROTA: d.rotational, SERIAL: null, PKNAME: d.name }),
      );
    }
    return out;
  });
  return `${JSON.stringify({ blockdevices: devices }, null, 3).replace(/\},\n\s*\{/g, "},{")}\n`;
}

// lsblk's own rounding without -b: "10G", "1.5T".
function humanSize(n: number): string {
  const units = ["B", "K", "M", "G", "T", "P"];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  const text = Number.isInteger(v) ? String(v) : v.toFixed(1).replace(/\.0$/, "");
  return `${text}${units[i]}`;
}
