import { ParseError } from "@/agents/common/parse-error";
import { parseLsblkJson } from "@/agents/host/parse-lsblk";
import type { Runner } from "@/lib/ssh/runner";
import { readFileIfExists } from "@/lib/ssh/write-file";
import { PVE_FILES } from "../checks";
import type { TStorageEntry } from "../model-config";
import { parsePveStorageCfg } from "../storage-cfg";
import type { TZfsObserved } from "./zfs";

export const STORAGE_PROBE_COMMANDS = {
  pools: ["zpool", "list", "-H", "-o", "name"],
  disks: ["lsblk", "-J", "-b", "-o", "NAME,PATH,SIZE,TYPE,FSTYPE,MOUNTPOINT,MODEL,VENDOR,ROTA,SERIAL,PKNAME"],
} as const;

// storage.cfg as the cluster has it (a missing or empty file: no entries).
export async function probePveStorage(runner: Runner): Promise<TStorageEntry[]> {
  const text = await readFileIfExists(runner, PVE_FILES.storage);
  return text === null || text.trim() === "" ? [] : parsePveStorageCfg(text).storages;
}

// The same for probes that carry on past an unreadable file: null, and the reason noted.
export async function probePveStorageOrNote(runner: Runner, errors: string[]): Promise<TStorageEntry[] | null> {
  try {
    return await probePveStorage(runner);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    errors.push(err.oneLine());
    return null;
  }
}

// A node's disks and ZFS pools; null for what could not be read (no zfsutils: no pools).
export async function probeZfs(runner: Runner): Promise<TZfsObserved> {
  const pools = await runner.run([...STORAGE_PROBE_COMMANDS.pools], { okCodes: "any" });
  const lsblk = await runner.run([...STORAGE_PROBE_COMMANDS.disks], { okCodes: "any" });
  let disks: TZfsObserved["disks"] = null;
  if (lsblk.code === 0) {
    try {
      disks = parseLsblkJson(lsblk.stdout);
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
    }
  }
  return {
    disks,
    pools: pools.code === 0 ? pools.stdout.split("\n").map((l) => l.trim()).filter((l) => l !== "") : null,
  };
}
