import path from "node:path";
import { z } from "zod";
import { hostStateDir, readJson, sharedSimDir, withLock, writeJson } from "../core/state";

// Simulated Ceph cluster (used when the lab runs no real Ceph): cluster-wide, like the monitors'
// maps. "Installed" is per host, as the packages are.
export const ZCephState = z.object({
  fsid: z.string().nullable().default(null),
  network: z.string().nullable().default(null),
  createdAt: z.number().int().default(0),
  mons: z.array(z.object({ host: z.string(), addr: z.string(), createdAt: z.number().int() })).default([]),
  mgrs: z.array(z.object({ host: z.string(), createdAt: z.number().int() })).default([]),
  osds: z.array(z.object({ id: z.number().int().nonnegative(), host: z.string(), device: z.string(), sizeBytes: z.number().int(), deviceClass: z.string(), createdAt: z.number().int() })).default([]),
  pools: z
    .array(
      z.object({
        id: z.number().int().positive(),
        name: z.string(),
        size: z.number().int(),
        minSize: z.number().int(),
        pgNum: z.number().int(),
        autoscale: z.string(),
        application: z.string().nullable(),
      }),
    )
    .default([]),
  epoch: z.number().int().default(1),
});
export type TCephState = z.infer<typeof ZCephState>;

const file = () => path.join(sharedSimDir(), "ceph.json");
const installedFile = () => path.join(hostStateDir(), "ceph-installed.json");

export function readCeph(): TCephState {
  return ZCephState.parse(readJson<unknown>(file(), {}));
}

export function withCeph<T>(fn: (s: TCephState) => T): T {
  return withLock("ceph", () => {
    const s = readCeph();
    const r = fn(s);
    s.epoch += 1;
    writeJson(file(), s);
    return r;
  });
}

export function installedVersion(): string | null {
  return readJson<{ version?: string }>(installedFile(), {}).version ?? null;
}

export function markInstalled(version: string): void {
  writeJson(installedFile(), { version });
}
