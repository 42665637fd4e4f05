import type { TSimIO } from "../core/main";
import { SimExit } from "../core/main";
import { findDisk, withDisks, type TSimDisk } from "./disks";
import { availBytes, nicenum, readZfs, usedBytes, withZfs, type TZfsState, type TZpool } from "./state";

// zpool create|list|status|destroy (OpenZFS 2.2 as on Proxmox VE 8). Errors go to stderr with
// exit 1, as zpool's; wording from cmd/zpool/zpool_vdev.c and os/linux/zpool_vdev_os.c.
export function zpoolMain(args: string[], io: TSimIO): number {
  const [cmd = "", ...rest] = args;
  switch (cmd) {
    case "create":
      return create(rest);
    case "list":
      return list(rest, io);
    case "status":
      return status(rest, io);
    case "destroy":
      return destroy(rest);
    default:
      throw new SimExit(2, `unrecognized command '${cmd}'\nusage: zpool command args ...`);
  }
}

function create(args: string[]): number {
  let force = false;
  let ashift = 12;
  const words: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i] ?? "";
    if (a === "-f") force = true;
    else if (a === "-o" || a === "-O" || a === "-m") {
      const v = args[i + 1] ?? "";
      if (a === "-o" && v.startsWith("ashift=")) ashift = Number(v.slice(7));
      i += 1;
    } else words.push(a);
  }
  const [name = "", ...spec] = words;
  if (!name) throw new SimExit(2, "missing pool name argument\nusage:\n\tcreate [-fnd] [-o property=value] ... <pool> <vdev> ...");
  if (spec.length === 0) throw new SimExit(2, "missing vdev specification\nusage:\n\tcreate [-fnd] [-o property=value] ... <pool> <vdev> ...");
  const vdevs = groupVdevs(spec);

  return withDisks((disks) =>
    withZfs((s) => {
      if (s.pools.some((p) => p.name === name)) throw new SimExit(1, `cannot create '${name}': pool already exists`);
      const errors: string[] = [];
      const members: TSimDisk[] = [];
      for (const dev of vdevs.flatMap((v) => v.devices)) {
        const disk = findDisk(disks, dev);
        if (!disk) throw new SimExit(1, `cannot open '${dev}': no such device in /dev\nmust be a full path or shorthand device name`);
        const path = `/dev/${disk.name}`;
        // Mounted, or held by LVM/another pool: the exclusive open fails, -f cannot help.
        if (disk.mountpoint || disk.partitions.some((p) => p.mountpoint) || (disk.usedBy && !disk.usedBy.startsWith("zpool:"))) {
          throw new SimExit(1, `${path} is in use and contains a ${disk.fstype ?? disk.partitions.find((p) => p.fstype)?.fstype ?? "unknown"} filesystem.`);
        }
        if (disk.usedBy?.startsWith("zpool:")) {
          errors.push(`${path}1 is part of active pool '${disk.usedBy.slice(6)}'`);
          continue;
        }
        if (!force) {
          // Old labels of a destroyed pool (zfs_member) are fine to reuse, other filesystems are not.
          if (disk.fstype && disk.fstype !== "zfs_member") errors.push(`${path} contains a filesystem of type '${disk.fstype}'`);
          const part = disk.partitions.find((p) => p.fstype && p.fstype !== "zfs_member");
          if (part) errors.push(`/dev/${part.name} contains a filesystem of type '${part.fstype}'`);
        }
        members.push(disk);
      }
      for (const v of vdevs) {
        if (v.type === "mirror" && v.devices.length < 2) throw new SimExit(1, "invalid vdev specification: mirror requires at least 2 devices");
      }
      if (errors.length > 0) {
        const head = force ? "the following errors must be manually repaired:" : "use '-f' to override the following errors:";
        throw new SimExit(1, `invalid vdev specification\n${head}\n${errors.join("\n")}`);
      }
      const sizeOf = (dev: string) => findDisk(disks, dev)?.sizeBytes ?? 0;
      const sizeBytes = vdevs.reduce((sum, v) => {
        const min = Math.min(...v.devices.map(sizeOf));
        return sum + (v.type === "raidz" ? min * (v.devices.length - 1) : v.type === "mirror" ? min : sizeOf(v.devices[0] ?? ""));
      }, 0);
      // zpool create relabels each disk: GPT with a data partition and the 8 MiB partition 9.
      for (const d of members) {
        d.fstype = null;
        d.usedBy = `zpool:${name}`;
        d.partitions = [
          { name: `${d.name}1`, sizeBytes: d.sizeBytes - 8 * 1024 * 1024 - 1024 * 1024, fstype: "zfs_member", mountpoint: null },
          { name: `${d.name}9`, sizeBytes: 8 * 1024 * 1024, fstype: null, mountpoint: null },
        ];
      }
      s.pools.push({ name, vdevs: vdevs.map((v) => ({ type: v.type, devices: v.devices.map((x) => x.replace(/^\/dev\//, "")) })), sizeBytes, ashift });
      s.datasets.push({ name, type: "filesystem", volsize: null, sparse: false, createdAt: Math.floor(Date.now() / 1000) });
      return 0;
    }),
  );
}

function groupVdevs(spec: string[]): TZpool["vdevs"] {
  const vdevs: TZpool["vdevs"] = [];
  let current: TZpool["vdevs"][number] | null = null;
  for (const word of spec) {
    if (word === "mirror" || /^raidz[123]?$/.test(word)) {
      current = { type: word === "mirror" ? "mirror" : "raidz", devices: [] };
      vdevs.push(current);
    } else if (current) current.devices.push(word);
    else vdevs.push({ type: "disk", devices: [word] });
  }
  return vdevs;
}

const LIST_COLUMNS = ["name", "size", "alloc", "free", "ckpoint", "expandsz", "frag", "cap", "dedup", "health", "altroot"];

function list(args: string[], io: TSimIO): number {
  const scripted = args.includes("-H");
  const parsable = args.includes("-p") || args.includes("-Hp") || args.includes("-pH");
  const at = args.indexOf("-o");
  const cols = at >= 0 ? (args[at + 1] ?? "").split(",") : LIST_COLUMNS;
  const names = args.filter((a, i) => !a.startsWith("-") && (at < 0 || i !== at + 1));
  const s = readZfs();
  const pools = names.length > 0 ? names.map((n) => s.pools.find((p) => p.name === n) ?? missing(n)) : s.pools;
  if (pools.length === 0) {
    io.out("no pools available\n");
    return 0;
  }
  const rows = pools.map((p) => cols.map((c) => poolValue(s, p, c, parsable)));
  io.out(formatColumns(cols.map((c) => c.toUpperCase()), rows, scripted, (c) => c !== "NAME" && c !== "ALTROOT"));
  return 0;
}

function missing(name: string): never {
  throw new SimExit(1, `cannot open '${name}': no such pool`);
}

function poolValue(s: TZfsState, p: TZpool, col: string, parsable: boolean): string {
  const root = s.datasets.find((d) => d.name === p.name);
  const alloc = root ? usedBytes(s, root) : 0;
  const n = (v: number) => (parsable ? String(v) : nicenum(v));
  switch (col) {
    case "name":
      return p.name;
    case "size":
      return n(p.sizeBytes);
    case "alloc":
      return n(alloc);
    case "free":
      return n(p.sizeBytes - alloc);
    case "cap":
      return parsable ? String(Math.floor((alloc / p.sizeBytes) * 100)) : `${Math.floor((alloc / p.sizeBytes) * 100)}%`;
    case "frag":
      return parsable ? "0" : "0%";
    case "dedup":
      return parsable ? "1.00" : "1.00x";
    case "health":
      return "ONLINE";
    case "avail":
      return n(availBytes(s, p));
    case "ashift":
      return String(p.ashift);
    default:
      return "-";
  }
}

// Property column widths from zfs_prop/zpool_prop: numbers and states get at least this much.
const MIN_WIDTH: Record<string, number> = { SIZE: 5, ALLOC: 5, FREE: 5, CKPOINT: 7, EXPANDSZ: 8, FRAG: 5, CAP: 5, DEDUP: 5, HEALTH: 8, USED: 5, AVAIL: 5, REFER: 5 };

// zpool/zfs list: -H gives tab-separated rows without header; otherwise columns padded by two
// spaces, numbers right-aligned.
export function formatColumns(headers: string[], rows: string[][], scripted: boolean, right: (header: string) => boolean): string {
  if (scripted) return rows.map((r) => `${r.join("\t")}\n`).join("");
  const widths = headers.map((h, i) => Math.max(h.length, MIN_WIDTH[h] ?? 0, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => {
        const w = widths[i] ?? 0;
        const last = i === cells.length - 1;
        if (right(headers[i] ?? "")) return c.padStart(w);
        return last ? c : c.padEnd(w);
      })
      .join("  ");
  return [headers, ...rows].map((r) => `${line(r)}\n`).join("");
}

function status(args: string[], io: TSimIO): number {
  const s = readZfs();
  const names = args.filter((a) => !a.startsWith("-"));
  const pools = names.length > 0 ? names.map((n) => s.pools.find((p) => p.name === n) ?? missing(n)) : s.pools;
  if (pools.length === 0) {
    io.out("no pools available\n");
    return 0;
  }
  io.out(pools.map(poolStatus).join("\n"));
  return 0;
}

function poolStatus(p: TZpool): string {
  const rows: Array<[string, string]> = [["", p.name]];
  p.vdevs.forEach((v, i) => {
    if (v.type === "disk") rows.push(["  ", v.devices[0] ?? ""]);
    else {
      rows.push(["  ", `${v.type}-${i}`]);
      for (const d of v.devices) rows.push(["    ", d]);
    }
  });
  const width = Math.max(10, ...rows.map(([ind, n]) => ind.length + n.length));
  const line = (ind: string, name: string) => `\t${ind}${name.padEnd(width - ind.length)}  ${"ONLINE".padEnd(8)} ${"0".padStart(5)} ${"0".padStart(5)} ${"0".padStart(5)}\n`;
  return (
    `  pool: ${p.name}\n state: ONLINE\nconfig:\n\n` +
    `\t${"NAME".padEnd(width)}  STATE     READ WRITE CKSUM\n` +
    rows.map(([ind, n]) => line(ind, n)).join("") +
    `\nerrors: No known data errors\n`
  );
}

function destroy(args: string[]): number {
  const name = args.filter((a) => !a.startsWith("-"))[0] ?? "";
  return withDisks((disks) =>
    withZfs((s) => {
      if (!s.pools.some((p) => p.name === name)) throw new SimExit(1, `cannot open '${name}': no such pool`);
      s.pools = s.pools.filter((p) => p.name !== name);
      s.datasets = s.datasets.filter((d) => d.name !== name && !d.name.startsWith(`${name}/`) && !d.name.startsWith(`${name}@`));
      // The labels stay on the disks (blkid still sees zfs_member), but the pool no longer holds them.
      for (const d of disks) if (d.usedBy === `zpool:${name}`) d.usedBy = null;
      return 0;
    }),
  );
}
