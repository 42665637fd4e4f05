import { ParseError } from "../common/parse-error";
import { inputLines } from "../common/text";
import { parseLsblkJson } from "../host/parse-lsblk";
import type { TBlockDevice } from "../host/model";
import { errorReport, warningReport, type TReport } from "@/lib/reports/report";

// Facts about the backing disks a resource names, and the checks drbdadm does not make: it
// accepts a config whose disk does not exist, is mounted, or differs in size between the nodes
// (DRBD then silently uses the smaller size). Pure; the probe supplies the two outputs.

// $@: the backing disk paths. One line each: path, exists (1/0), is a block device (1/0),
// resolved path, and for device-mapper devices (LVM) the /dev/mapper name lsblk shows.
export const DISK_PATHS_SCRIPT = [
  'for p; do',
  '  if [ -e "$p" ]; then',
  '    r=$(readlink -f -- "$p"); k=$(basename -- "$r"); dm=""; b=0',
  '    [ -b "$p" ] && b=1',
  '    [ -r "/sys/class/block/$k/dm/name" ] && dm="/dev/mapper/$(cat "/sys/class/block/$k/dm/name")"',
  '    printf "%s\\t1\\t%s\\t%s\\t%s\\n" "$p" "$b" "$r" "$dm"',
  '  else printf "%s\\t0\\t0\\t\\t\\n" "$p"; fi',
  'done',
].join("\n");

export const LSBLK_ARGV = ["lsblk", "-J", "-b", "-o", "NAME,PATH,SIZE,TYPE,FSTYPE,MOUNTPOINT,PKNAME"];

export type TDiskFact = {
  path: string;
  exists: boolean;
  blockDevice: boolean;
  sizeBytes: number | null;
  fstype: string | null;
  // Mount points of the device and of everything on it (partitions, LVs).
  mountpoints: string[];
  // What sits on it other than DRBD itself: partitions, LVs, md or crypt devices.
  holders: string[];
};

export function diskFacts(paths: readonly string[], pathsOutput: string, lsblkOutput: string | null): TDiskFact[] {
  let devices: TBlockDevice[] = [];
  if (lsblkOutput !== null) {
    try {
      devices = parseLsblkJson(lsblkOutput).devices;
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
    }
  }
  const lines = new Map(
    inputLines(pathsOutput).map((l) => {
      const [p = "", exists = "0", block = "0", real = "", dm = ""] = l.split("\t");
      return [p, { exists: exists === "1", block: block === "1", names: [p, real, dm].filter((n) => n !== "") }] as const;
    }),
  );
  const below = (name: string): TBlockDevice[] => {
    const out: TBlockDevice[] = [];
    const queue = [name];
    for (let i = 0; i < queue.length && i < 10_000; i++) {
      for (const d of devices) {
        if (d.parent === queue[i] && !out.includes(d)) {
          out.push(d);
          queue.push(d.name);
        }
      }
    }
    return out;
  };
  return paths.map((path) => {
    const line = lines.get(path);
    const dev = line ? devices.find((d) => d.path !== null && line.names.includes(d.path)) : undefined;
    // DRBD's own device sits on its backing disk while the resource is up: that is not a user.
    const children = dev ? below(dev.name).filter((c) => !/^drbd\d+$/.test(c.name)) : [];
    return {
      path,
      exists: line?.exists ?? false,
      blockDevice: line?.block ?? false,
      sizeBytes: dev?.sizeBytes ?? null,
      fstype: dev?.fstype ?? null,
      mountpoints: [...(dev?.mountpoints ?? []), ...children.flatMap((c) => c.mountpoints)],
      holders: children.map((c) => `${c.type} ${c.name}`),
    };
  });
}

export type TDiskUse = { host: string; volume: number; field: string; fact: TDiskFact };

// Per host and volume; `uses` only lists disks of hosts where the resource has no meta-data yet
// (a disk DRBD already owns is expected to look in use).
export function diskReports(uses: readonly TDiskUse[]): TReport[] {
  const reports: TReport[] = [];
  for (const { host, field, fact } of uses) {
    const params = { field, host, value: fact.path };
    if (!fact.exists) {
      reports.push(errorReport("DRBD_DISK_MISSING", `Backing disk ${fact.path} does not exist on ${host}`, params));
      continue;
    }
    if (!fact.blockDevice) {
      reports.push(errorReport("DRBD_DISK_NOT_BLOCK_DEVICE", `Backing disk ${fact.path} on ${host} is not a block device`, params));
    }
    if (fact.mountpoints.length > 0) {
      reports.push(
        errorReport("DRBD_DISK_MOUNTED", `Backing disk ${fact.path} on ${host} is mounted at ${fact.mountpoints.join(", ")}`, {
          ...params,
          mountpoints: fact.mountpoints,
        }),
      );
    } else if (fact.holders.length > 0) {
      reports.push(
        errorReport("DRBD_DISK_IN_USE", `Backing disk ${fact.path} on ${host} is in use (${fact.holders.join(", ")})`, {
          ...params,
          holders: fact.holders,
        }),
      );
    }
    if (fact.fstype !== null && fact.fstype !== "drbd") {
      reports.push(
        warningReport(
          "DRBD_DISK_HAS_DATA",
          `Backing disk ${fact.path} on ${host} holds ${fact.fstype} data; internal meta-data is written at its end and the initial sync overwrites the peer`,
          { ...params, fstype: fact.fstype },
        ),
      );
    }
  }
  const volumes = [...new Set(uses.map((u) => u.volume))];
  for (const volume of volumes) {
    const sized = uses.filter((u) => u.volume === volume && u.fact.sizeBytes !== null);
    const sizes = new Set(sized.map((u) => u.fact.sizeBytes));
    if (sizes.size > 1) {
      const smallest = Math.min(...sized.map((u) => u.fact.sizeBytes as number));
      reports.push(
        warningReport(
          "DRBD_DISK_SIZE_MISMATCH",
          `Volume ${volume} has backing disks of different sizes (${sized.map((u) => `${u.host}: ${u.fact.sizeBytes} bytes`).join(", ")}); DRBD uses the smallest, ${smallest} bytes`,
          { field: sized[0]?.field, volume, sizes: Object.fromEntries(sized.map((u) => [u.host, u.fact.sizeBytes])) },
        ),
      );
    }
  }
  return reports;
}
