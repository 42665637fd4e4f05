import { appendFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, readFileSync } from "node:fs";
import path from "node:path";
import { hostStateDir, readJson, sharedSimDir, withLock, writeJson } from "../core/state";
import {
  ZClusterSettings,
  ZHostSettings,
  ZMeta,
  ZResourceFile,
  type TClusterSettings,
  type THostSettings,
  type TMeta,
  type TResourceFile,
} from "./model";

export const drbdSharedDir = () => path.join(sharedSimDir(), "drbd");
export const drbdHostDir = () => path.join(hostStateDir(), "drbd");
export const kernLogFile = () => path.join(drbdHostDir(), "kern.log");

const resourceFile = (name: string) => path.join(drbdSharedDir(), `res-${name}.json`);

export function readResource(name: string): TResourceFile | null {
  const raw = readJson<unknown>(resourceFile(name), null);
  return raw === null ? null : ZResourceFile.parse(raw);
}

export function listResourceNames(): string[] {
  if (!existsSync(drbdSharedDir())) return [];
  return readdirSync(drbdSharedDir())
    .filter((f) => f.startsWith("res-") && f.endsWith(".json"))
    .map((f) => f.slice(4, -5))
    .sort();
}

// Every change to a resource happens under one cluster-wide lock per resource, as DRBD's
// two-phase commits serialise state changes across the nodes.
export function withResource<T>(name: string, fn: (file: TResourceFile) => T): T {
  return withLock(
    `drbd-${name}`,
    () => {
      const file = readResource(name) ?? { name, nodes: {}, links: {} };
      const result = fn(file);
      if (Object.keys(file.nodes).length === 0) rmSync(resourceFile(name), { force: true });
      else writeJson(resourceFile(name), file);
      return result;
    },
    drbdSharedDir(),
  );
}

export function hostSettings(): THostSettings {
  return ZHostSettings.parse(readJson<unknown>(path.join(drbdHostDir(), "settings.json"), {}));
}

export function saveHostSettings(s: THostSettings): void {
  writeJson(path.join(drbdHostDir(), "settings.json"), s);
}

export function clusterSettings(): TClusterSettings {
  return ZClusterSettings.parse(readJson<unknown>(path.join(drbdSharedDir(), "settings.json"), {}));
}

export function saveClusterSettings(s: TClusterSettings): void {
  writeJson(path.join(drbdSharedDir(), "settings.json"), s);
}

const DEFAULT_SYNC_KIBPS = 102_400;
const DEFAULT_SIZE_KIB = 1_048_576;

export function syncRateKiBps(): number {
  const env = Number(process.env.SIM_DRBD_SYNC_KIBPS);
  if (Number.isFinite(env) && env > 0) return env;
  return clusterSettings().syncKiBps ?? DEFAULT_SYNC_KIBPS;
}

// The backing device's real size when it can be read (a file or a block device), else the
// configured size: lab hosts may not have the loop devices the configs name.
export function deviceSizeKiB(dev: string): number {
  try {
    const st = statSync(dev);
    if (st.isFile() && st.size > 0) return Math.floor(st.size / 1024);
    if (st.isBlockDevice()) {
      const sectors = Number(readFileSync(`/sys/class/block/${path.basename(dev)}/size`, "utf8").trim());
      if (sectors > 0) return Math.floor(sectors / 2);
    }
  } catch {
    // not readable here: fall back to the configured size
  }
  return clusterSettings().sizeKiB ?? DEFAULT_SIZE_KIB;
}

// Meta-data lives "on the disk": per host, by backing device path.
const metaFile = () => path.join(drbdHostDir(), "meta.json");

export function readMeta(dev: string): TMeta | null {
  const all = readJson<Record<string, unknown>>(metaFile(), {});
  const m = all[dev];
  return m === undefined ? null : ZMeta.parse(m);
}

export function writeMeta(dev: string, meta: TMeta | null): void {
  withLock(
    "drbd-meta",
    () => {
      const all = readJson<Record<string, unknown>>(metaFile(), {});
      if (meta === null) delete all[dev];
      else all[dev] = meta;
      writeJson(metaFile(), all);
    },
    drbdHostDir(),
  );
}

// Lines arrive complete ("<ISO time> <host> kernel: <message>"), stamped when they happened.
export function appendKernLog(lines: readonly string[]): void {
  if (lines.length === 0) return;
  mkdirSync(drbdHostDir(), { recursive: true });
  appendFileSync(kernLogFile(), lines.map((l) => `${l}\n`).join(""));
}
