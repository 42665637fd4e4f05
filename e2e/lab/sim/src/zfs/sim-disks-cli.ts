import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import type { TSimIO } from "../core/main";
import { SimExit } from "../core/main";
import { lsblkJson, readDisks, withDisks, ZSimDisk } from "./disks";

// sim-disks add NAME SIZE [--fstype T] [--mounted PATH] [--partitions N] [--part-fstype T]
//                         [--ssd] [--model M] [--serial S]
// sim-disks remove NAME | clear | list [--lsblk-json]
// Sim-only: tests give a host the disks a wizard would offer (empty, formatted, behind RAID).
export function simDisksMain(args: string[], io: TSimIO): number {
  const [cmd = "", ...rest] = args;
  const opt = (name: string) => {
    const i = rest.indexOf(`--${name}`);
    return i >= 0 ? (rest[i + 1] ?? "") : undefined;
  };
  switch (cmd) {
    case "add": {
      const [name = "", size = ""] = rest;
      const sizeBytes = parseSize(size);
      if (!name || sizeBytes === null) throw new SimExit(64, "usage: sim-disks add NAME SIZE(e.g. 100G) [options]");
      const parts = Number(opt("partitions") ?? 0);
      const disk = ZSimDisk.parse({
        name,
        sizeBytes,
        fstype: opt("fstype") ?? null,
        mountpoint: opt("mounted") ?? null,
        partitions: Array.from({ length: parts }, (_, i) => ({
          name: `${name}${i + 1}`,
          sizeBytes: Math.floor(sizeBytes / parts),
          fstype: opt("part-fstype") ?? null,
          mountpoint: null,
        })),
        rotational: !rest.includes("--ssd"),
        model: opt("model") ?? "QEMU HARDDISK",
        serial: opt("serial") ?? `SIM-${name}`,
      });
      withDisks((disks) => {
        const i = disks.findIndex((d) => d.name === name);
        if (i >= 0) disks.splice(i, 1, disk);
        else disks.push(disk);
      });
      return 0;
    }
    case "remove":
      withDisks((disks) => {
        const i = disks.findIndex((d) => d.name === rest[0]);
        if (i >= 0) disks.splice(i, 1);
      });
      return 0;
    case "clear":
      withDisks((disks) => void disks.splice(0, disks.length));
      return 0;
    case "list":
      io.out(rest.includes("--lsblk-json") ? lsblkJson(readDisks()) : `${JSON.stringify(readDisks(), null, 2)}\n`);
      return 0;
    default:
      throw new SimExit(64, "usage: sim-disks add|remove|clear|list");
  }
}

export function parseSize(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)([KMGTP]?)$/i.exec(text);
  if (!m) return null;
  const power = { "": 0, K: 1, M: 2, G: 3, T: 4, P: 5 }[(m[2] ?? "").toUpperCase()] ?? 0;
  return Math.round(Number(m[1]) * 1024 ** power);
}

// `lsblk` on a lab host: the simulated disks when the host has any and JSON is asked for
// (what the panel reads), the machine's real lsblk otherwise.
export function lsblkMain(args: string[], io: TSimIO, realLsblk = "/usr/bin/lsblk"): number {
  const disks = readDisks();
  const json = args.some((a) => a === "-J" || a === "--json" || (/^-[a-zA-Z]+$/.test(a) && a.includes("J")));
  if (disks.length === 0 || !json) {
    if (!existsSync(realLsblk)) throw new SimExit(127, `lsblk: ${realLsblk} not found`);
    const r = spawnSync(realLsblk, args, { encoding: "utf8" });
    io.out(r.stdout ?? "");
    io.err(r.stderr ?? "");
    return r.status ?? 1;
  }
  const at = args.findIndex((a) => a === "-o" || a === "--output");
  const columns = at >= 0 ? (args[at + 1] ?? "").split(",").filter(Boolean) : undefined;
  const bytes = args.some((a) => a === "-b" || a === "--bytes" || (/^-[a-zA-Z]+$/.test(a) && a.includes("b")));
  const noDeps = args.some((a) => a === "-d" || a === "--nodeps" || (/^-[a-zA-Z]+$/.test(a) && a.includes("d")));
  io.out(lsblkJson(disks, columns, bytes, noDeps));
  return 0;
}
